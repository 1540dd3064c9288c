package fakeapi

import (
	"bytes"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions/api/apitest"
)

// RequestLogLimit is how many requests a server's log keeps: the most recent.
const RequestLogLimit = apitest.RequestLogLimit

// Request is one entry of a server's request log (apitest.Request, which
// documents it for users).
type Request = apitest.Request

func newRequestEntry(r *http.Request, at time.Time, body []byte) Request {
	scheme, _, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	e := Request{
		Time:       at,
		Method:     r.Method,
		Path:       r.URL.EscapedPath(),
		Query:      r.URL.Query(),
		Header:     make(http.Header),
		AuthScheme: scheme,
		Body:       bytes.Clone(body[:min(len(body), apitest.RequestBodyKept)]),
		BodySize:   len(body),
	}
	size := 0
	for _, k := range slices.Sorted(maps.Keys(r.Header)) {
		switch k {
		case "Authorization", "Proxy-Authorization", "Cookie":
			continue // credentials are left out of the log
		}
		for _, v := range r.Header[k] {
			if size += len(k) + len(v); size > apitest.RequestHeaderKept {
				e.HeaderDropped++
				continue
			}
			e.Header[k] = append(e.Header[k], v)
		}
	}
	return e
}

// requestLog is a server's log of requests, bounded to RequestLogLimit.
//
// A request is logged when it arrives, so the log is in arrival order, and
// its entry is filled in (Operation, Fault, Status) as the server decides the
// answer, under the log's lock and before anything reaches the client: a
// client that has its answer, or a dropped connection, finds it logged.
type requestLog struct {
	mu      sync.Mutex
	entries []*Request
	dropped int // requests dropped from the log, the oldest first
}

// logged is the entry of one request in a requestLog.
type logged struct {
	l *requestLog
	e *Request
}

// add logs a request that has just arrived.
func (l *requestLog) add(e Request) logged {
	p := &e
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) >= RequestLogLimit {
		l.dropped++
	}
	if len(l.entries) >= 2*RequestLogLimit {
		n := copy(l.entries, l.entries[len(l.entries)-RequestLogLimit+1:])
		clear(l.entries[n:])
		l.entries = l.entries[:n]
	}
	l.entries = append(l.entries, p)
	return logged{l: l, e: p}
}

// update changes the entry under the log's lock.
func (g logged) update(change func(*Request)) {
	g.l.mu.Lock()
	defer g.l.mu.Unlock()
	change(g.e)
}

// operation records the operation the request was routed to.
func (g logged) operation(op string) { g.update(func(e *Request) { e.Operation = op }) }

// fault records that an injected fault answers the request.
func (g logged) fault() { g.update(func(e *Request) { e.Fault = true }) }

// answered records the status about to be sent.
func (g logged) answered(status int) { g.update(func(e *Request) { e.Status = status }) }

func (l *requestLog) snapshot() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	start := max(0, len(l.entries)-RequestLogLimit)
	out := make([]Request, 0, len(l.entries)-start)
	for _, e := range l.entries[start:] {
		out = append(out, cloneRequest(*e))
	}
	return out
}

func (l *requestLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries, l.dropped = nil, 0
}

// RequestsDropped is how many requests the log has dropped to stay within
// RequestLogLimit since it was last emptied.
func (s *Server) RequestsDropped() int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return s.log.dropped
}

// cloneRequest returns a deep copy of e, so callers may change what they
// get.
func cloneRequest(e Request) Request {
	e.Header = e.Header.Clone()
	q := make(url.Values, len(e.Query))
	for k, vs := range e.Query {
		q[k] = append([]string(nil), vs...)
	}
	e.Query = q
	e.Body = append([]byte(nil), e.Body...)
	return e
}
