package faults

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// env is the world of one scenario × operation: the server the client
// talks to, another origin to redirect to, and what the steps signal.
type env struct {
	op    operation
	main  *Server
	other *Server // another origin, for the redirects; nil when unused
	// tlsClient trusts main's certificate when main speaks TLS.
	tlsClient *http.Client

	script  Step
	probing atomic.Bool
	// answered receives the time a signalling step finished writing.
	answered chan time.Time

	mu      sync.Mutex
	answers []time.Time // when each scripted answer was written
}

// envOptions says which servers a scenario needs.
type envOptions struct {
	tls       bool   // main speaks TLS
	otherAddr string // "" for no other origin, else e.g. "127.0.0.2:0"
}

// newEnv starts the servers of a scenario for op; they close with the test.
func newEnv(t *testing.T, op operation, o envOptions) *env {
	t.Helper()
	e := &env{op: op, answered: make(chan time.Time, 8)}
	if o.otherAddr != "" {
		// The other origin answers like a healthy server, so that a client
		// following a redirect there would succeed: only the assertions
		// on what it received catch it.
		other, err := Listen(o.otherAddr, func(c *Conn, r *Request) bool { return op.healthy()(c, r) })
		if err != nil {
			t.Fatalf("other origin: %v", err) // 127.0.0.2 must work on Linux: fail, never skip
		}
		t.Cleanup(func() { _ = other.Close() })
		e.other = other
	}
	var err error
	if o.tls {
		cfg, client := testTLS(t)
		e.tlsClient = client
		e.main, err = ListenTLS("127.0.0.1:0", e.handle, cfg)
	} else {
		e.main, err = Listen("127.0.0.1:0", e.handle)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.main.Close() })
	return e
}

// testTLS returns a server TLS config with httptest's certificate (valid
// for 127.0.0.1) and a client that trusts it.
func testTLS(t *testing.T) (*tls.Config, *http.Client) {
	t.Helper()
	hs := httptest.NewUnstartedServer(http.NotFoundHandler())
	hs.StartTLS()
	cfg := hs.TLS.Clone()
	client := hs.Client()
	hs.Close()
	cfg.NextProtos = []string{"http/1.1"}
	return cfg, client
}

// handle routes a request of main: the scripted operation, the
// same-origin redirect target, or the probe once the scenario is over.
func (e *env) handle(c *Conn, r *Request) bool {
	switch {
	case e.probing.Load():
		return probe(e.op.api).healthy()(c, r)
	case strings.HasPrefix(r.Path, "/moved/"):
		if !hasCredential(e.op.api, r.Header) {
			return Respond(http.StatusUnauthorized, jsonHeader(), `{"error":"Couldn't authenticate you","message":"no credential after a same-origin redirect"}`)(c, r)
		}
		return e.op.healthy()(c, r)
	case r.Path == e.op.path:
		keep := e.script(c, r)
		e.mu.Lock()
		e.answers = append(e.answers, time.Now())
		e.mu.Unlock()
		return keep
	}
	return Respond(http.StatusTeapot, jsonHeader(), `{"message":"faults: unexpected request `+r.Method+" "+r.Path+`"}`)(c, r)
}

// hasCredential reports whether header carries the API's default
// credential and the WithHeader secret.
func hasCredential(api string, h http.Header) bool {
	if h.Get(secretHeaderName) != secretHeaderValue {
		return false
	}
	if api == apiGameserver {
		return h.Get("Authorization") == "token "+secretGameserverKey
	}
	return strings.HasPrefix(h.Get("Authorization"), "Basic ")
}

// opRequests returns the requests main received for the operation's path.
func (e *env) opRequests() []Request {
	var out []Request
	for _, r := range e.main.Requests() {
		if r.Path == e.op.path {
			out = append(out, r)
		}
	}
	return out
}

// signal returns step, followed by a send on e.answered of when it was done.
func (e *env) signal(step Step) Step {
	return func(c *Conn, r *Request) bool {
		keep := step(c, r)
		e.answered <- time.Now()
		return keep
	}
}

// redirected returns the requests the other origin received on a redirect's
// target (/moved/…): the only way this test's client learns of that origin.
// Another request there is a stranger's: a parallel test's client dialling
// the port its own, closed, server had before the other origin was given it.
func (e *env) redirected() []Request {
	var out []Request
	for _, r := range e.other.Requests() {
		if strings.HasPrefix(r.Target, "/moved") {
			out = append(out, r)
		}
	}
	return out
}
