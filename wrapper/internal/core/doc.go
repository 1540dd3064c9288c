// Package core is the engine shared by the sessionkit wrappers. It knows
// no vendor: each wrapper plugs in its API (name, base URL, error bodies,
// request-id and rate-limit headers) and its credentials; the public types
// it returns live in package sessionkit, which the wrappers alias.
//
// A call flows one way: a wrapper applies the client's options to
// NewSettings and NewEngine finishes them; a call with options gets a copy
// they changed (Engine.CallSettings, Option.Apply, Engine.Call). Call.Do
// runs the attempt loop; decide, a pure function, answers "retry after d"
// or "stop" under sessionkit.RetryPolicy's rules. Nothing rides in a
// context value. Credentials and extra headers go only to the base URL's
// origin; nothing the engine prints or logs holds a credential.
package core
