// Package otelsessions traces and measures the sessionkit clients with
// OpenTelemetry. NewObserver returns a sessionkit.Observer to install with
// zendesk.WithObserver or gameserver.WithObserver; it is the only package
// of the module that imports OpenTelemetry, so a program that does not
// import it links none.
//
// Each call is a span of kind internal named after its API and OpenAPI
// operationId ("zendesk ShowSession"), with the attempts, the last
// rate-limit state (sessionkit.rate_limit.*) and, for a failure,
// error.type; each wait before a retry is an event "sessionkit.retry".
// Each HTTP attempt is a child span of kind client following the
// OpenTelemetry HTTP client conventions (url.full redacted); its context
// is the request's, so a transport instrumented on its own nests under it.
//
// Metrics: http.client.request.duration (histogram, seconds) per attempt,
// and sessionkit.client.operations (counter) per call by
// sessionkit.outcome: "ok", "throttled" (ended in a 429) or "error" with
// error.type — a status code ("503") or one of "timeout" (the context's
// deadline), "canceled", "connection", "decode", "response_too_large",
// "redirect", "invalid_argument", "rate_limiter" or "_OTHER".
//
// Nothing recorded holds a credential: the clients give the observer
// redacted URLs and no header or body.
package otelsessions
