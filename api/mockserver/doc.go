// Package mockserver serves the spec-validated fakes of both APIs
// (packages api/zendesktest and api/gameservertest) over real HTTP, as
// "sessions mock" does, for the tests of programs in any language: what
// stripe-mock is for Stripe, but stateful. Each API gets its own listener
// (127.0.0.1 and a free port unless told otherwise); every request to it is
// authenticated, validated against the spec, rate limited and answered by
// the fake as in Go tests.
//
// # State
//
// A mock starts from a [State] (the seed), read from JSON by [ParseState]:
// Zendesk users with their credentials, their sessions with their times,
// OAuth clients; game-server API keys, apps, deployments and sessions.
// Times are RFC 3339. Unknown fields and values of the wrong type are
// errors naming the field.
//
// # Control API
//
// Each listener also serves a control API for its fake under
// [ControlPrefix] (/__mock), answering JSON; a bad request gets a 400
// {"error": "..."} naming the field or parameter that is wrong:
//
//	GET    /__mock           the endpoints and the API's operations
//	GET    /__mock/state     the state, in the seed file's format for this API
//	PUT    /__mock/state     replace the state (same format)
//	POST   /__mock/reset     back to the seed; faults and request log dropped
//	POST   /__mock/faults    queue a fault (below)
//	DELETE /__mock/faults    drop the pending faults
//	GET    /__mock/requests  the request log (?operation=ID keeps one operation's)
//	DELETE /__mock/requests  empty it
//	GET    /__mock/clock     {"now", "offset"}
//	PUT    /__mock/clock     {"offset": "-48h"}: shift both fakes' clock
//	GET    /__mock/webhooks  (game server) the webhooks sent
//
// A fault is the Go fakes' [github.com/sessionkit/sessions/api/apitest.Fault]
// in JSON: an operation (its operationId, or "*"), and a status (with
// "retry_after", and optionally "body", "content_type", "headers"), a
// "delay" ("1.5s"), or "drop": true to drop the connection; "times" says
// how many requests it answers (0: all). A status the spec does not
// document for the operation is refused unless "off_spec" is true:
//
//	{"operation": "BulkDeleteSessionsByUserId", "status": 429, "retry_after": 1, "times": 1}
//
// As in the Go fakes, a fault answers only requests that are authenticated
// and valid; others get their real 401 or 400 and leave it queued. A
// response that breaks the spec (from a bug, or a body given by a fault
// without "off_spec") is logged with the log package and served as a 500.
//
// The control API is refused (403) on a listener whose address is not a
// loopback one, unless [Config].AllowRemoteControl is set.
//
// What a web page could make the user's browser send is refused: on a
// loopback listener every route answers only a Host that is a loopback name
// or address with the listener's port (421 otherwise, as for a DNS-rebound
// name), and the control API refuses a cross-site request (403: an Origin
// not on loopback, Sec-Fetch-Site: cross-site) and a body that is not
// application/json (415), which no page can send across sites without a
// CORS preflight the mock never grants.
package mockserver
