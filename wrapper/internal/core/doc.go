// Package core is the engine shared by the sessionkit wrappers (Zendesk
// sessions and game-server sessions). It knows no vendor: each wrapper
// plugs in its API (API: name, default base URL, error-body decoding,
// request-id and rate-limit headers) and its credentials (Authenticator).
// The public types it returns (errors, pagers, the retry policy) live in
// package sessionkit, which the wrappers alias.
//
// # One-way calls
//
// A call flows one way. A wrapper applies the client's options to
// NewSettings once, and NewEngine finishes them; a call without options
// is sent with the client's settings (Engine.Client, free), a call with
// options with a copy they changed (Engine.CallSettings, Option.Apply,
// Engine.Call). Call.Do builds the request against the base URL with the
// generated request builder and sends it. No setting rides in a context
// value and no URL is rewritten after it was built.
//
// Inside Do, each attempt is: wait for the rate limiter, set headers and
// credentials, send, and — for a success — read the body through the size
// limit and decode it. Only then is the attempt complete: a body that
// breaks off is a connection failure like a refused connection. The
// attempt's outcome goes to decide, a pure function of (attempt, outcome,
// facts about the call) that answers "retry after d" or "stop"; the loop
// only sends, waits and drains.
//
// # Retries
//
// decide retries when attempts remain (RetryPolicy.MaxAttempts, 3 by
// default), the request body can be sent again, the failure is retryable
// (a connection error that is not local, cancelled or a certificate
// problem; or a status in RetryPolicy.RetryStatuses: 408, 429, 500, 502,
// 503, 504) and either the operation is idempotent (GET, PUT, DELETE, an
// Op marked RetrySafe, an opted-in create, an Idempotency-Key) or the
// failure proves the server never acted (dial or DNS failure, 408, 429). A
// create is therefore never sent twice by surprise. The wait is
// InitialBackoff × Multiplier^(n−1) capped at MaxBackoff, minus jitter; a
// Retry-After is a floor; a wait beyond MaxBackoff or the context's
// deadline is not made, and the *APIError's RetryAfter says how long to
// wait instead. Waits use a timer and end with the context. Every
// discarded response is drained (up to 64 KiB) and closed.
//
// Local failures are never retried: credentials that fail or produce a
// value that cannot go in a header, a body that cannot be rewound, a
// refused redirect, a body over the limit.
//
// # Security
//
// Credentials, the User-Agent and every extra header are set only on
// requests to the base URL's origin (scheme, host and port). A redirect to
// another origin is refused with a *RedirectError (guardRedirects), since
// net/http would re-send Authorization to another port of the same host.
// Nothing the engine prints or logs contains a credential: options print
// their names, URLs are redacted, headers and bodies are never logged.
package core
