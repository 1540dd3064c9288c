// Package core is the engine shared by the sessionkit wrappers. It knows
// no vendor: each wrapper plugs in its API (name, base URL, error bodies,
// request-id and rate-limit headers) and its credentials; the public types
// it returns live in package sessionkit, which the wrappers alias.
//
// A call flows one way: a wrapper applies the client's options to
// NewSettings and NewEngine finishes them; a call without options is sent
// with the client's settings (Engine.Client), a call with options with a
// copy they changed (Engine.CallSettings, Option.Apply, Engine.Call).
// Call.Do builds the request with the generated builder and runs the
// attempt loop: pacing, credentials, the send, Call.read (the body read
// and decoded inside the attempt), and decide, a pure function that
// answers "retry after d" or "stop" under sessionkit.RetryPolicy's rules.
// Nothing rides in a context value.
//
// Credentials, the User-Agent and extra headers go only to the base URL's
// origin (guardRedirects); nothing the engine prints or logs holds a
// credential: options print their names, URLs are redacted, headers and
// bodies are never logged.
package core
