// Package otelsessions traces and measures the sessionkit clients with
// OpenTelemetry. NewObserver returns a sessionkit.Observer to install with
// zendesk.WithObserver or gameserver.WithObserver; it is the only package
// of the module that imports OpenTelemetry, so a program that does not
// import it links none.
//
// # Traces
//
// Each call is one span named after its API and OpenAPI operationId
// ("zendesk ShowSession", "gameserver get-session"), of kind internal,
// with sessionkit.api, sessionkit.operation, http.request.method,
// server.address and server.port; at its end sessionkit.attempts, the
// rate-limit state of the last response (sessionkit.rate_limit.limit,
// .remaining, .reset in seconds) and, for a failure, error.type and an
// error status. Each wait before a retry is an event "sessionkit.retry"
// on it, with the failed attempt's number, the wait in seconds, its
// reason, the status and the Retry-After the server asked for.
//
// Each HTTP attempt is a child span of kind client following the
// OpenTelemetry HTTP client conventions: named after the method, with
// http.request.method, server.address, server.port, url.full (redacted:
// no userinfo, credential-like query values replaced),
// http.request.resend_count (from the second attempt),
// http.response.status_code, network.protocol.version and error.type. The
// attempt's context is the request's, so a transport instrumented on its
// own nests under it.
//
// # Metrics
//
// http.client.request.duration (histogram, seconds) is recorded per
// attempt with the conventions' attributes; sessionkit.client.operations
// (counter) per call with sessionkit.api, sessionkit.operation and
// sessionkit.outcome: "ok", "throttled" (the call ended in a 429) or
// "error" with error.type.
//
// # error.type
//
// For a status >= 400 it is the status code ("503"); otherwise one of
// "timeout" (the context's deadline), "canceled", "connection", "decode",
// "response_too_large", "redirect", "invalid_argument", "rate_limiter" or
// "_OTHER".
//
// Nothing recorded holds a credential: the clients give the observer
// redacted URLs and no header or body.
package otelsessions
