package apitest

import (
	"net/http"
	"time"
)

// AnyOperation, given as the operation of a fault, matches every operation.
const AnyOperation = "*"

// Fault is a failure to inject into the answers to an operation, with
// a server's InjectFault method or its WithFault option.
//
// The zero Fault does nothing; set at least one of Status, Latency and Drop.
// Faults injected for one operation queue up in the order given: each answers
// Times requests (every request when Times is 0), then the next takes over,
// and once all are used up the real behaviour resumes.
//
// A fault applies only to authenticated requests that the spec accepts, after
// those checks: a request without valid credentials still gets its real 401,
// an invalid one its real 400, at once and without the fault's latency, and
// neither uses the fault up.
//
// A fault's answer is validated like any other, so a Status the operation
// does not document, or a Body that breaks the schema, is reported as a spec
// violation (and served as a 500) unless OffSpec is set. To get a documented
// error status of an operation once, in the API's own error shape:
//
//	srv.InjectFault(zendesktest.OpShowSession, zendesktest.Fault{Status: 503, Times: 1})
type Fault struct {
	// Status is the status to answer instead of the real behaviour; 0 keeps
	// the real behaviour (useful with Latency alone).
	Status int
	// Body is the body to send. Empty means the API's own error body for
	// Status (Zendesk's {"error", "description"}, the game server's
	// {"message"}), and no body for a 2xx status.
	Body string
	// ContentType is the type of Body; by default application/json when Body
	// is valid JSON, text/plain; charset=utf-8 otherwise.
	ContentType string
	// Header holds extra response headers.
	Header http.Header
	// RetryAfter, if set, is sent as the Retry-After header: seconds ("93")
	// or an HTTP date.
	RetryAfter string
	// Latency delays the answer (the fault's or the real one), after the
	// request has been authenticated and validated. The wait is on a timer,
	// so testing/synctest controls it, and ends early when the request's
	// context is done or the server closes.
	Latency time.Duration
	// Drop closes the connection without any answer (after Latency).
	Drop bool
	// Times is how many requests the fault answers; 0 means all of them.
	Times int
	// OffSpec skips response validation for this fault: for deliberately
	// off-spec answers such as an HTML gateway error.
	OffSpec bool
}
