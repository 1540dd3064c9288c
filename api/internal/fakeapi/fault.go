package fakeapi

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sessionkit/sessions/api/apitest"
)

// AnyOperation, given as the operation of a fault, matches every operation.
const AnyOperation = apitest.AnyOperation

// Fault is a failure injected into the answers to one operation
// (apitest.Fault, which documents it for users).
type Fault = apitest.Fault

// FaultJSON is a fault in the mock's JSON format: the operation, then the
// fields of [Fault] under their JSON names, with "delay" a Go duration
// ("1.5s"), "retry_after" a number of seconds or a string, and "headers" an
// object of one value per name.
type FaultJSON struct {
	Operation string `json:"operation"`
	Fault
	Delay      string            `json:"delay,omitempty"`
	RetryAfter json.RawMessage   `json:"retry_after,omitempty"`
	Headers    map[string]string `json:"headers,omitempty"`
}

// NewFaultJSON returns the JSON form of a fault for an operation.
func NewFaultJSON(operation string, f Fault) FaultJSON {
	j := FaultJSON{Operation: operation, Fault: f}
	if f.Delay != 0 {
		j.Delay = f.Delay.String()
	}
	if f.RetryAfter != "" {
		j.RetryAfter, _ = json.Marshal(f.RetryAfter) // a string always marshals
	}
	if len(f.Header) > 0 {
		j.Headers = make(map[string]string, len(f.Header))
		for k, vs := range f.Header {
			j.Headers[k] = strings.Join(vs, ", ")
		}
	}
	return j
}

// Parse returns the fault j describes, or says which field is malformed;
// [Server.AddFault] checks the rest.
func (j FaultJSON) Parse() (f Fault, err error) {
	f = j.Fault
	if j.Delay != "" {
		if f.Delay, err = time.ParseDuration(j.Delay); err != nil {
			return f, fmt.Errorf("field \"delay\": %q is not a duration such as \"1.5s\" or \"200ms\"", j.Delay)
		}
	}
	if len(j.RetryAfter) > 0 && json.Unmarshal(j.RetryAfter, &f.RetryAfter) != nil {
		var n json.Number
		if json.Unmarshal(j.RetryAfter, &n) != nil {
			return f, fmt.Errorf("field \"retry_after\": want a number of seconds or a string, not %s", j.RetryAfter)
		}
		f.RetryAfter = n.String()
	}
	if len(j.Headers) > 0 {
		f.Header = make(http.Header, len(j.Headers))
		for k, v := range j.Headers {
			f.Header.Set(k, v)
		}
	}
	return f, nil
}

// The bounds of the pending faults, so that they cost bounded memory.
const (
	maxFaults    = 100      // pending faults
	maxFaultBody = 64 << 10 // bytes of a fault's body
	maxFaultHead = 8 << 10  // bytes of a fault's headers
)

// AddFault checks and queues a fault (InjectFault's and the mock's, see
// [Fault]) and returns the operationId it resolved the operation to.
func (s *Server) AddFault(operation string, f Fault) (string, error) {
	op, err := s.checkFault(operation, f)
	s.mu.Lock()
	if err == nil && len(s.faults) >= maxFaults {
		err = fmt.Errorf("%d faults are pending already, the most a server holds; clear them first", maxFaults)
	} else if err == nil {
		s.faults = append(s.faults, &faultRule{op: op, fault: f, left: f.Times})
	}
	s.mu.Unlock()
	if err != nil {
		return "", fmt.Errorf("%s: fault: %w", s.name, err)
	}
	return op, nil
}

// ClearFaults drops every pending fault: the real behaviour resumes.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// checkFault is the one validator of faults: it resolves the operation and
// says which field is wrong, by its JSON name.
func (s *Server) checkFault(operation string, f Fault) (string, error) {
	op := operation
	if op != AnyOperation {
		op = s.OperationID(operation)
	}
	ops := strings.Join(s.Operations(), ", ")
	switch {
	case operation == "":
		return "", fmt.Errorf("field \"operation\" is missing: want one of %s, or \"*\"", ops)
	case op == "":
		return "", fmt.Errorf("field \"operation\": %q is not an operation of the API (want one of %s, or \"*\")", operation, ops)
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		return "", fmt.Errorf("field \"status\": %d is not an HTTP status (100 to 599)", f.Status)
	case f.Status != 0 && f.Drop:
		return "", errors.New("fields \"status\" and \"drop\": a fault answers with a status or drops the connection, not both")
	case f.Times < 0:
		return "", fmt.Errorf("field \"times\": %d is negative (0 means every request)", f.Times)
	case f.Delay < 0:
		return "", fmt.Errorf("field \"delay\": %v is negative", f.Delay)
	case f.Status == 0 && (f.Body != "" || f.RetryAfter != "" || f.ContentType != "" || len(f.Header) > 0):
		return "", errors.New("fields \"body\", \"content_type\", \"headers\" and \"retry_after\" need a \"status\"")
	case f.Status == 0 && !f.Drop && f.Delay == 0:
		return "", errors.New("the fault does nothing: set \"status\", \"delay\" or \"drop\"")
	case f.Status >= 400 && op != AnyOperation && !f.OffSpec && !slices.Contains(s.statuses[op], f.Status):
		return "", fmt.Errorf("field \"status\": the spec documents no %d for %s (it does %v); set \"off_spec\" to send it anyway", f.Status, op, s.statuses[op])
	case len(f.Body) > maxFaultBody:
		return "", fmt.Errorf("field \"body\": %d bytes, more than the %d a fault may hold", len(f.Body), maxFaultBody)
	}
	if ra := f.RetryAfter; ra != "" {
		if n, err := strconv.Atoi(ra); err != nil || n < 0 {
			if _, err := http.ParseTime(ra); err != nil {
				return "", fmt.Errorf("field \"retry_after\": %q is neither whole seconds nor an HTTP date", ra)
			}
		}
	}
	head := 0
	for k, vs := range f.Header {
		if k == "" || strings.ContainsAny(k, " :\r\n") || slices.ContainsFunc(vs, func(v string) bool { return strings.ContainsAny(v, "\r\n") }) {
			return "", fmt.Errorf("field \"headers\": %q: %q is not a valid header", k, vs)
		}
		for _, v := range vs {
			head += len(k) + len(v)
		}
	}
	if head > maxFaultHead {
		return "", fmt.Errorf("field \"headers\": %d bytes, more than the %d a fault may hold", head, maxFaultHead)
	}
	return op, nil
}

// faultReply builds the answer of a fault with a Status, in the API's
// shape unless a Body is given.
func faultReply(f Fault, a API) *Reply {
	r := &Reply{Status: f.Status}
	if f.Body != "" {
		ct := "text/plain; charset=utf-8"
		if json.Valid([]byte(f.Body)) {
			ct = "application/json"
		}
		r.Body, r.ContentType = []byte(f.Body), cmp.Or(f.ContentType, ct)
	} else if f.Status >= 300 {
		r = a.Problem(f.Status, "", http.StatusText(f.Status))
	}
	h := http.Header{}
	maps.Copy(h, r.Header)
	for k, vs := range f.Header {
		h[http.CanonicalHeaderKey(k)] = slices.Clone(vs)
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
		if r == '-' || r == '_' {
			return -1
		}
		return unicode.ToLower(r)
	}, op)
}

type faultRule struct {
	op    string // the operationId, or AnyOperation
	fault Fault
	left  int // requests left; 0 = unlimited
}

// takeFault returns the first pending fault for operationID, used up once.
func (s *Server) takeFault(operationID string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.faults, func(r *faultRule) bool { return r.op == operationID || r.op == AnyOperation })
	if i < 0 {
		return Fault{}, false
	}
	r := s.faults[i]
	if r.left == 1 {
		s.faults = slices.Delete(s.faults, i, i+1)
	} else if r.left > 1 {
		r.left--
	}
	return r.fault, true
}
