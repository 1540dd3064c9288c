package apitest

import (
	"net/http"
	"time"
)

// AnyOperation, given as the operation of a fault, matches every operation.
const AnyOperation = "*"

// Fault is a failure to inject into the answers to an operation, with a
// server's InjectFault method or its WithFault option, or as JSON with
// POST /__mock/faults of the mock server (package api/mockserver):
// {"operation": "ListSessions", "status": 429, "retry_after": 2, "times": 1}.
// One validator checks both; its errors name the fields by their JSON names.
//
// The zero Fault does nothing; set at least one of Status, Delay and Drop.
// A server holds at most 100 pending faults, each with at most 64 KiB of
// Body and 8 KiB of Header. Faults for one operation queue up in the order
// given: each answers Times requests, then the next takes over, then the
// real behaviour resumes. A fault applies only to authenticated requests the
// spec accepts: others get their real 401 or 400 at once, without using it.
//
// A Status of 400 or more that the spec does not document for the operation
// is refused unless OffSpec is set; a Body that breaks the schema is reported
// as a spec violation when served (and a 500 is sent instead). To get a
// documented error status of an operation once, in the API's own error shape:
//
//	srv.InjectFault(zendesktest.OpListSessions, zendesktest.Fault{Status: 503, Times: 1})
type Fault struct {
	// Status is the status to answer instead of the real behaviour; 0 keeps
	// it (with Delay alone).
	Status int `json:"status,omitempty"`
	// Body is the body to send. Empty means the API's own error body for
	// Status (Zendesk's {"error", "description"}, the game server's
	// {"message"}), and no body for a 2xx status. It needs a Status.
	Body string `json:"body,omitempty"`
	// ContentType is the type of Body; by default application/json when Body
	// is valid JSON, text/plain; charset=utf-8 otherwise.
	ContentType string `json:"content_type,omitempty"`
	// Header holds extra response headers; in JSON an object of one value
	// per name ({"X-Trace": "1"}).
	Header http.Header `json:"headers,omitempty"`
	// RetryAfter, if set, is sent as the Retry-After header: seconds ("93")
	// or an HTTP date; in JSON a number or a string.
	RetryAfter string `json:"retry_after,omitempty"`
	// Delay holds the answer back (the fault's or the real one); in JSON a
	// Go duration ("1.5s"). The wait is on a timer (testing/synctest
	// controls it) and ends when the request's context or the server does.
	Delay time.Duration `json:"delay,omitempty"`
	// Drop closes the connection without any answer (after Delay).
	Drop bool `json:"drop,omitempty"`
	// Times is how many requests the fault answers; 0 means all of them.
	Times int `json:"times,omitempty"`
	// OffSpec lets the fault send a status the spec does not document for
	// the operation, and skips response validation for it: for deliberately
	// off-spec answers such as an HTML gateway error.
	OffSpec bool `json:"off_spec,omitempty"`
}
