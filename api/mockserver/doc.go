// Package mockserver serves the spec-validated fakes of both APIs
// (packages api/zendesktest and api/gameservertest) over real HTTP, as
// "sessions mock" does, for the tests of programs in any language: what
// stripe-mock is for Stripe, but stateful. Each API gets its own listener
// (127.0.0.1 and a free port unless told otherwise) and is served as in Go
// tests, from a seed [State]; a response that breaks the spec is logged
// with the log package and served as a 500.
//
// Each listener also serves a control API for its fake under
// [ControlPrefix] (/__mock), answering JSON; GET /__mock lists its
// endpoints: the state (GET, PUT), reset, faults (POST, DELETE), the
// request log (GET, DELETE), the clock (GET, PUT) and, for the game server,
// the webhooks sent. A bad request gets a 400 {"error": "..."} naming what
// is wrong. A fault is the Go fakes' [github.com/sessionkit/sessions/api/apitest.Fault]
// in JSON, with the same rules:
//
//	{"operation": "BulkDeleteSessionsByUserId", "status": 429, "retry_after": 1, "times": 1}
//
// What a web page could make the user's browser send is refused: on a
// loopback listener every route answers only a Host that is a loopback name
// or address with the listener's port (421 otherwise, as for a DNS-rebound
// name); the control API refuses a cross-site request (403: an Origin not on
// loopback, Sec-Fetch-Site: cross-site) and a body that is not
// application/json (415), which no page can send across sites without a
// CORS preflight. Off loopback the control API is refused (403) unless
// [Config].AllowRemoteControl is set.
package mockserver
