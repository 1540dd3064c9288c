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
	e := Request{Time: at, Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: make(http.Header),
		AuthScheme: scheme, Body: bytes.Clone(body[:min(len(body), apitest.RequestBodyKept)]), BodySize: len(body)}
	size := 0
	for _, k := range slices.Sorted(maps.Keys(r.Header)) {
		if k == "Authorization" || k == "Proxy-Authorization" || k == "Cookie" {
			continue // credentials are left out of the log
		}
		for _, v := range r.Header[k] {
			if size += len(k) + len(v); size > apitest.RequestHeaderKept {
				e.HeaderDropped++
			} else {
				e.Header[k] = append(e.Header[k], v)
			}
		}
	}
	return e
}

// requestLog is a server's log of requests, bounded to RequestLogLimit, in
// arrival order; an entry is filled in (Operation, Fault, Status) as the
// server decides the answer, before anything reaches the client.
type requestLog struct {
	mu      sync.Mutex
	entries []*Request
	dropped int // requests dropped from the log, the oldest first
}

// logged changes the entry of one request under its log's lock.
type logged func(change func(*Request))

// add logs a request that has just arrived.
func (l *requestLog) add(e Request) logged {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) >= RequestLogLimit {
		l.dropped++
	}
	if len(l.entries) >= 2*RequestLogLimit {
		l.entries = slices.Delete(l.entries, 0, len(l.entries)-RequestLogLimit+1)
	}
	l.entries = append(l.entries, &e)
	return func(change func(*Request)) {
		l.mu.Lock()
		defer l.mu.Unlock()
		change(&e)
	}
}

// snapshot returns a deep copy of the last RequestLogLimit entries.
func (l *requestLog) snapshot() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := []Request{}
	for _, e := range l.entries[max(0, len(l.entries)-RequestLogLimit):] {
		c := *e
		c.Header, c.Query = e.Header.Clone(), url.Values(http.Header(e.Query).Clone())
		c.Body = append([]byte(nil), e.Body...)
		out = append(out, c)
	}
	return out
}

// Requests returns a copy of the request log, oldest first: the last
// RequestLogLimit requests received, whatever their outcome (Status 0 while
// being answered).
func (s *Server) Requests() []Request { return s.log.snapshot() }

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	s.log.entries, s.log.dropped = nil, 0
}

// RequestsDropped is how many requests the log has dropped to stay within
// RequestLogLimit since it was last emptied.
func (s *Server) RequestsDropped() int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return s.log.dropped
}
