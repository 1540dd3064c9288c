package fakeapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/sessionkit/sessions/api/apitest"
)

// AnyOperation, given as the operation of a fault, matches every operation.
const AnyOperation = apitest.AnyOperation

// Fault is a failure injected into the answers to one operation
// (apitest.Fault, which documents it for users).
type Fault = apitest.Fault

// checkFault says what is wrong with f, if anything.
func checkFault(f Fault) error {
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

// faultReply builds the answer of a fault with a Status, in the API's
// shape unless a Body is given.
func faultReply(f Fault, a *API) *Reply {
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
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == '_':
			return -1
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		}
		return unicode.ToLower(r)
	}, op)
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
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.rules) == 0 {
		return Fault{}, false // the common case: no fault, no key to fold
	}
	key := opKey(operationID)
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
