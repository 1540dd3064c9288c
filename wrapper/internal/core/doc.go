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
// A wrapper's method reaches the socket and comes back through six
// functions: the method (zendesk's SessionsService.Get), the service's do
// (its options merged by call), Call.Do (the attempt loop: pacing,
// credentials, the send), the Doer (the socket), Call.read (the body
// read through the size limit and decoded, inside the attempt: a body
// that breaks off is a connection failure like a refused connection) and
// the wrapper's decoder; decide, a pure function of (attempt, outcome,
// facts about the call), answers "retry after d" or "stop", and the loop
// only sends, waits and drains. The retry rules are stated once, on
// sessionkit.RetryPolicy; decide implements them. Every discarded
// response is drained (up to 64 KiB) and closed.
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
