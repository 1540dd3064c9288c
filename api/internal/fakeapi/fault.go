package fakeapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// AnyOperation, given as the operation of a fault, matches every operation.
const AnyOperation = "*"

// Fault is a failure injected into the answers to one operation.
//
// The zero Fault does nothing; set at least one of Status, Latency and Drop.
// Faults injected for the same operation queue up in the order given: each
// answers Times requests (every request when Times is 0), then the next one
// takes over, and once all are used up the real behaviour resumes.
//
// A fault applies only to a request the server would serve: one that is
// routed, authenticated and valid against the spec. Every effect of the
// fault (Latency, then Drop or Status) comes after those checks; a request
// that fails them gets its real 401 or 400 at once, without the fault's
// latency, and does not use the fault up: it stays queued for the next valid
// request.
//
// A fault's reply goes through response validation like any other, so a
// Status the operation does not document, or a Body that breaks the schema,
// is reported as a spec violation (and served as a 500) unless OffSpec is set.
type Fault struct {
	// Status is the status to answer instead of the real behaviour; 0 keeps
	// the real behaviour (useful with Latency alone).
	Status int
	// Body is the body to send. Empty means the API's own error body for
	// Status (or no body for a 2xx status).
	Body string
	// ContentType of Body; by default application/json when Body is valid
	// JSON, text/plain; charset=utf-8 otherwise.
	ContentType string
	// Header holds extra response headers.
	Header http.Header
	// RetryAfter, if set, is sent as the Retry-After header: seconds ("93")
	// or an HTTP date.
	RetryAfter string
	// Latency delays the answer (the fault's or the real one), after the
	// request has been authenticated and validated. The wait ends
	// early when the request's context is done or the server closes; it uses
	// a timer, so testing/synctest controls it.
	Latency time.Duration
	// Drop closes the connection without any answer (after Latency).
	Drop bool
	// Times is how many requests the fault answers; 0 means all of them.
	Times int
	// OffSpec skips response validation for this fault: for deliberately
	// off-spec answers such as an HTML gateway error.
	OffSpec bool
}

func (f Fault) check() error {
	switch {
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		return fmt.Errorf("status %d is not an HTTP status", f.Status)
	case f.Status != 0 && f.Drop:
		return errors.New("a fault sets either Status or Drop, not both")
	case f.Status == 0 && !f.Drop && f.Latency == 0:
		return errors.New("the fault does nothing: set Status, Latency or Drop")
	case f.Times < 0:
		return fmt.Errorf("negative Times %d", f.Times)
	case f.Latency < 0:
		return fmt.Errorf("negative Latency %v", f.Latency)
	}
	return nil
}

// reply builds the answer of a fault with a Status, in the API's shape
// unless a Body is given.
func (f Fault) reply(a *API) *Reply {
	var r *Reply
	switch {
	case f.Body != "":
		ct := f.ContentType
		if ct == "" {
			ct = "text/plain; charset=utf-8"
			if json.Valid([]byte(f.Body)) {
				ct = "application/json"
			}
		}
		r = &Reply{Status: f.Status, Body: []byte(f.Body), ContentType: ct}
	case f.Status < 300:
		r = Empty(f.Status)
	default:
		r = a.Problem(f.Status, "", http.StatusText(f.Status))
	}
	h := make(http.Header)
	for k, vs := range r.Header {
		h[k] = vs
	}
	for k, vs := range f.Header {
		h[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	if f.RetryAfter != "" {
		h.Set("Retry-After", f.RetryAfter)
	}
	r.Header = h
	return r
}

// opKey folds an operation name so that the vendor's operationId
// ("get-session"), the generated Go name ("GetSession") and the seed's
// function name ("get_session") all match.
func opKey(op string) string {
	return strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(op))
}

type faultRule struct {
	key   string // opKey of the operation, or AnyOperation
	fault Fault
	left  int // requests left; 0 = unlimited
}

// faultTable holds the pending faults of a server.
type faultTable struct {
	mu    sync.Mutex
	rules []*faultRule
}

func (t *faultTable) add(op string, f Fault) {
	key := AnyOperation
	if op != AnyOperation {
		key = opKey(op)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rules = append(t.rules, &faultRule{key: key, fault: f, left: f.Times})
}

// take returns the first pending fault for operationID and uses it up once.
func (t *faultTable) take(operationID string) (Fault, bool) {
	key := opKey(operationID)
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, r := range t.rules {
		if r.key != key && r.key != AnyOperation {
			continue
		}
		if r.left > 0 {
			r.left--
			if r.left == 0 {
				t.rules = slices.Delete(t.rules, i, i+1)
			}
		}
		return r.fault, true
	}
	return Fault{}, false
}

func (t *faultTable) clear() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rules = nil
}
