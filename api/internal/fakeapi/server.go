package fakeapi

import (
	"cmp"
	"fmt"
	"log"
	"maps"
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

// AddFault adds a fault to inject from the start.
func (c *Config) AddFault(op string, f Fault) {
	c.Faults = append(c.Faults, OpFault{Operation: op, Fault: f})
}

// Shared returns c: a vendor's configuration embeds Config, and [Open]
// reaches it through this method.
func (c *Config) Shared() *Config { return c }

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

	api     API
	name    string // the API's name, which prefixes what the server reports
	doc     *openapi3.T
	tb      testing.TB
	now     func() time.Time
	val     *validator
	ops     []string        // the spec's operationIds, sorted
	whole   map[string]bool // the API's whole schemas (see whole)
	handler http.Handler    // the generated handler over the vendor's
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
func New(api API, cfg Config) (*Server, error) {
	name, spec := api.Spec()
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("%s: loading the spec: %w", name, err)
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
		name:    name,
		doc:     doc,
		tb:      cfg.TB,
		now:     cfg.Now,
		val:     val,
		ops:     ops,
		closing: make(chan struct{}),
	}
	s.handler = api.Handler(s.badRequest)
	if w, ok := api.(whole); ok {
		s.whole = make(map[string]bool)
		for _, name := range w.WholeSchemas() {
			s.whole[name] = true
		}
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
	if a, ok := s.api.(stopped); ok {
		a.Stop()
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
// the spec ("ListSessions", "get-session"; case, '-' and '_' do not matter),
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

// Open starts the server of a vendor package: it applies opts to a new
// configuration C, builds the vendor's API from it with newAPI (after
// setting the shared part's TB), starts the shell over that API, and
// returns what wrap makes of the two: the vendor's Server.
func Open[C any, P interface {
	*C
	Shared() *Config
}, O ~func(*C), A API, S any](tb testing.TB, opts []O, newAPI func(*C) (A, error), wrap func(*Server, A) S) (S, error) {
	var zero S
	c := Apply(opts)
	shared := P(c).Shared()
	shared.TB = tb
	a, err := newAPI(c)
	if err != nil {
		return zero, err
	}
	s, err := New(a, *shared)
	if err != nil {
		return zero, err
	}
	return wrap(s, a), nil
}

// MustOpen is Open for a test: it stops the test (see Must) when the server
// cannot start.
func MustOpen[C any, P interface {
	*C
	Shared() *Config
}, O ~func(*C), A API, S any](tb testing.TB, opts []O, newAPI func(*C) (A, error), wrap func(*Server, A) S) S {
	if tb != nil {
		tb.Helper()
	}
	s, err := Open[C, P](tb, opts, newAPI, wrap)
	Must(tb, err)
	return s
}

// AddEach adds items in order with add until one fails, unless *err holds
// an error already, and leaves the failure in *err: a vendor's seeding, one
// line per kind of record.
func AddEach[T, R any](err *error, items []T, add func(T) (R, error)) {
	for _, it := range items {
		if *err != nil {
			return
		}
		_, *err = add(it)
	}
}

// Locked returns f(), called holding l: what an exported method of a
// vendor's Server does with its store.
func Locked[R any](l sync.Locker, f func() R) R {
	l.Lock()
	defer l.Unlock()
	return f()
}

// ByKey returns the values of m in the order of their keys.
func ByKey[K cmp.Ordered, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}

// Apply returns a new configuration with opts applied in order (nil ones
// skipped).
func Apply[C any, O ~func(*C)](opts []O) *C {
	c := new(C)
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
	return c
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
