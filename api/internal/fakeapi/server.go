package fakeapi

import (
	"errors"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// Config is the part of a server's configuration shared by both APIs; the
// vendor packages fill it from their options.
type Config struct {
	// TB receives spec violations (Errorf) and closes the server when its
	// test ends. It may be nil outside tests (a demo): violations are then
	// logged with the log package, and the caller must Close the server.
	TB testing.TB
	// Now is the server's clock; nil means time.Now.
	Now func() time.Time
	// Faults are injected when the server starts.
	Faults []OpFault
	// NoNetwork makes the server answer in-process instead of on loopback.
	NoNetwork bool
}

// OpFault is a fault for one operation (or AnyOperation).
type OpFault struct {
	Operation string
	Fault     Fault
}

// Server is a running fake API server.
type Server struct {
	// URL is the base URL of the server, e.g. http://127.0.0.1:41234. Without
	// network it is http://127.0.0.1, which only Client can reach.
	URL string

	api     *API
	doc     *openapi3.T
	tb      testing.TB
	now     func() time.Time
	val     *validator
	ops     []string     // the spec's operationIds, sorted
	handler http.Handler // the generated handler over the vendor's
	faults  faultTable
	log     requestLog

	hs     *httptest.Server // nil without network
	client *http.Client     // the in-process client, without network

	mu       sync.Mutex
	closed   bool
	closing  chan struct{}
	inflight sync.WaitGroup
}

// New starts a server for api.
func New(api *API, cfg Config) (*Server, error) {
	if len(api.Spec) == 0 || api.Handler == nil || api.Problem == nil || api.Authenticate == nil || api.State == nil {
		return nil, errors.New("fakeapi: API needs Spec, Handler, Problem, Authenticate and State")
	}
	doc, err := api.loadSpec()
	if err != nil {
		return nil, err
	}
	val, err := newValidator(doc)
	if err != nil {
		return nil, err
	}
	var ops []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ops = append(ops, op.OperationID)
		}
	}
	slices.Sort(ops)
	s := &Server{
		api:     api,
		doc:     doc,
		tb:      cfg.TB,
		now:     cfg.Now,
		val:     val,
		ops:     ops,
		handler: api.Handler(api.badRequest),
		closing: make(chan struct{}),
	}
	if s.now == nil {
		s.now = time.Now
	}
	for _, f := range cfg.Faults {
		if _, err := s.AddFault(f.Operation, f.Fault); err != nil {
			return nil, err
		}
	}
	if cfg.NoNetwork {
		s.URL = "http://127.0.0.1"
		s.client = &http.Client{Transport: &inProcess{s: s}}
	} else {
		s.hs = httptest.NewServer(s.Handler())
		s.URL = s.hs.URL
	}
	if s.tb != nil {
		s.tb.Cleanup(s.Close)
	}
	return s, nil
}

// Handler returns the server's handler: routing, authentication, request
// validation, faults, the API itself and response validation. Use it with
// httptest.NewRecorder to test without a client; a dropped-connection fault
// then panics with http.ErrAbortHandler, as net/http expects.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serve) }

// Client returns an http.Client that reaches the server: httptest's client
// on loopback, or an in-process client without network.
func (s *Server) Client() *http.Client {
	if s.hs != nil {
		return s.hs.Client()
	}
	return s.client
}

// Close shuts the server down: it stops the API's own background work (the
// game server drops the webhooks not due yet and waits for those in flight,
// each at most its WebhookTimeout), then waits for the requests in flight,
// whose injected delays end at once. NewServer's servers close when the
// test ends; calling Close again does nothing.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.closing)
	s.mu.Unlock()
	if s.api.Stop != nil {
		s.api.Stop()
	}
	if s.hs != nil {
		s.hs.Close()
	}
	s.inflight.Wait()
}

// Requests returns a copy of the request log in arrival order, oldest first:
// the last RequestLogLimit requests the server received, whatever their
// outcome. A request still being answered is there with Status 0.
func (s *Server) Requests() []Request { return s.log.snapshot() }

// ResetRequests empties the request log.
func (s *Server) ResetRequests() { s.log.reset() }

// InjectFault queues a fault for an operation, named by its operationId in
// the spec ("ShowSession", "get-session"; case, '-' and '_' do not matter),
// or AnyOperation. The fault answers only authenticated, valid requests:
// others get their real 401 or 400 and leave it queued (see [Fault]). An
// unknown operation or a fault that does nothing is a mistake of the test,
// reported with Errorf.
func (s *Server) InjectFault(operation string, f Fault) {
	if _, err := s.AddFault(operation, f); err != nil {
		s.report("%v", err)
	}
}

// ClearFaults drops every pending fault: the real behaviour resumes.
func (s *Server) ClearFaults() { s.faults.clear() }

// Operations returns the operationIds of the API's spec, sorted.
func (s *Server) Operations() []string { return slices.Clone(s.ops) }

// ErrorStatuses returns the error statuses (400 and up) the spec documents
// for an operation, sorted: the statuses a contract test can ask for with
// InjectFault(operation, Fault{Status: status, Times: 1}). It returns nil for
// an unknown operation.
func (s *Server) ErrorStatuses(operation string) []int {
	id := s.OperationID(operation)
	if id == "" {
		return nil
	}
	var out []int
	for _, item := range s.doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID != id {
				continue
			}
			for code := range op.Responses.Map() {
				if n, err := strconv.Atoi(code); err == nil && n >= 400 {
					out = append(out, n)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// OperationID returns the spec's operationId for a name as InjectFault
// takes it (case, '-' and '_' do not matter), or "" when there is none.
func (s *Server) OperationID(name string) string {
	key := opKey(name)
	for _, id := range s.ops {
		if opKey(id) == key {
			return id
		}
	}
	return ""
}

// report tells the test about a violation or a misuse.
func (s *Server) report(format string, args ...any) {
	if s.tb != nil {
		s.tb.Errorf(format, args...)
		return
	}
	log.Printf(format, args...)
}

// Must stops the test (or panics, without one) when a server cannot start:
// bad options or seeds are mistakes of the test, not of the code under test.
func Must(tb testing.TB, err error) {
	if err == nil {
		return
	}
	if tb != nil {
		tb.Helper()
		tb.Fatalf("%v", err)
	}
	panic(err)
}
