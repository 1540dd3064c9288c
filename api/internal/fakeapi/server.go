package fakeapi

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// API is what a vendor package gives [New]: its store, with the vendor's
// state and behaviour. The server holds the API's lock around every call of
// Authenticate, Decorate and the generated handler, so each request sees and
// changes the state atomically; the vendor's own exported methods (and
// timers) take it too.
type API interface {
	sync.Locker
	// Spec returns the name that prefixes what the server reports
	// ("zendesktest") and the API's OpenAPI document (package openapi).
	Spec() (name string, doc []byte)
	// Handler returns the generated std-http handler over the vendor's
	// ServerInterface, with badRequest (a 400 in the API's shape) as its
	// error handler. It sees only routed, authenticated, valid requests.
	Handler(badRequest ErrorHandler) http.Handler
	// Problem builds the vendor's error reply for a status; code is a hint
	// (a Code constant) that APIs with error codes may use.
	Problem(status int, code, message string) *Reply
	// Authenticate checks the credentials of a request to a known operation:
	// it returns the request to hand on (with the caller in its context), or
	// a reply that refuses it (a 401).
	Authenticate(r *http.Request) (*http.Request, *Reply)
}

// An API may also implement these.
type (
	// suffixed APIs accept a suffix on every path and ignore it (Zendesk's
	// ".json"): it is cut before routing; the log keeps the path as sent.
	suffixed  interface{ PathSuffix() string }
	decorated interface{ Decorate(h http.Header) } // headers of every response (request id, rate limit)
	stopped   interface{ Stop() }                  // background work (webhooks) that Close stops first
	// whole APIs name the schemas (components/schemas) of the objects the
	// live service sends with every key (see Server.fill).
	whole interface{ WholeSchemas() []string }
)

// ErrorHandler is the generated code's error callback.
type ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error)

// Config is the part of a server's configuration shared by both APIs.
type Config struct {
	// TB receives spec violations (Errorf) and closes the server when its
	// test ends; without one (a demo) violations are logged with the log
	// package, and the caller must Close the server.
	TB        testing.TB
	Now       func() time.Time // the server's clock; nil means time.Now
	NoNetwork bool             // answer in-process instead of on loopback
	faults    []faultRule      // injected when the server starts
}

// AddFault adds a fault to inject from the start.
func (c *Config) AddFault(op string, f Fault) {
	c.faults = append(c.faults, faultRule{op: op, fault: f})
}

// Shared returns c, for [Open]: a vendor's configuration embeds Config.
func (c *Config) Shared() *Config { return c }

// shared is a vendor's configuration C, which embeds Config.
type shared[C any] interface {
	*C
	Shared() *Config
}

// Server is a running fake API server.
type Server struct {
	// URL is the base URL of the server, e.g. http://127.0.0.1:41234. Without
	// network it is http://127.0.0.1, which only Client can reach.
	URL string

	api      API
	name     string // the API's name, which prefixes what the server reports
	suffix   string // see suffixed
	tb       testing.TB
	now      func() time.Time
	val      *validator
	statuses map[string][]int // the error statuses of each operationId
	whole    map[string]bool  // the API's whole schemas
	handler  http.Handler     // the generated handler over the vendor's
	log      requestLog

	hs     *httptest.Server // nil without network
	client *http.Client     // httptest's, or the in-process one

	mu       sync.Mutex
	faults   []*faultRule // pending, in the order queued
	closed   bool
	closing  chan struct{}
	inflight sync.WaitGroup
}

// New starts a server for api.
func New(api API, cfg Config) (*Server, error) {
	name, spec := api.Spec()
	val, err := newValidator(spec, false)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s := &Server{api: api, name: name, tb: cfg.TB, now: cfg.Now, val: val,
		statuses: map[string][]int{}, whole: map[string]bool{}, closing: make(chan struct{})}
	if s.now == nil {
		s.now = time.Now
	}
	for _, item := range val.doc.Paths.Map() {
		for _, op := range item.Operations() {
			var st []int
			for code := range op.Responses.Map() {
				if n, err := strconv.Atoi(code); err == nil && n >= 400 {
					st = append(st, n)
				}
			}
			slices.Sort(st)
			s.statuses[op.OperationID] = st
		}
	}
	s.handler = api.Handler(func(w http.ResponseWriter, _ *http.Request, err error) {
		Send(w, api.Problem(http.StatusBadRequest, CodeBadRequest, err.Error()))
	})
	if a, ok := api.(suffixed); ok {
		s.suffix = a.PathSuffix()
	}
	if w, ok := api.(whole); ok {
		for _, name := range w.WholeSchemas() {
			s.whole[name] = true
		}
	}
	for _, f := range cfg.faults {
		if _, err := s.AddFault(f.op, f.fault); err != nil {
			return nil, err
		}
	}
	if cfg.NoNetwork {
		s.URL = "http://127.0.0.1"
		s.client = &http.Client{Transport: inProcess{s}}
	} else {
		s.hs = httptest.NewServer(s.Handler())
		s.URL, s.client = s.hs.URL, s.hs.Client()
	}
	if s.tb != nil {
		s.tb.Cleanup(s.Close)
	}
	return s, nil
}

// Handler returns the server's handler (see the package doc), for
// httptest.NewRecorder; a dropped-connection fault then panics with
// http.ErrAbortHandler, as net/http expects.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serve) }

// Client returns an http.Client that reaches the server: httptest's client
// on loopback, or an in-process client without network.
func (s *Server) Client() *http.Client { return s.client }

// Close shuts the server down: it stops the API's own background work (the
// game server drops the webhooks not due yet and waits for those in flight,
// each at most its WebhookTimeout), then waits for the requests in flight,
// whose injected delays end at once. Calling it again does nothing.
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

// InjectFault queues a fault for an operation, named by its operationId in
// the spec ("ListSessions", "get-session"; case, '-' and '_' do not matter),
// or AnyOperation. The fault answers only authenticated, valid requests (see
// [Fault]). An unknown operation or a fault that does nothing is a mistake
// of the test, reported with Errorf.
func (s *Server) InjectFault(operation string, f Fault) {
	if _, err := s.AddFault(operation, f); err != nil {
		s.report("%v", err)
	}
}

// Operations returns the operationIds of the API's spec, sorted.
func (s *Server) Operations() []string { return slices.Sorted(maps.Keys(s.statuses)) }

// ErrorStatuses returns the error statuses (400 and up) the spec documents
// for an operation, sorted (nil for an unknown one): what a contract test can
// ask for with InjectFault(operation, Fault{Status: status, Times: 1}).
func (s *Server) ErrorStatuses(operation string) []int {
	return slices.Clone(s.statuses[s.OperationID(operation)])
}

// OperationID returns the spec's operationId for a name as InjectFault
// takes it (case, '-' and '_' do not matter), or "" when there is none.
func (s *Server) OperationID(name string) string {
	for id := range s.statuses {
		if opKey(id) == opKey(name) {
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

// Open starts the server of a vendor package: it applies opts (nil ones
// skipped) to a new configuration C with tb, builds the vendor's API from it
// with newAPI, starts the shell over it and returns the vendor's Server, wrap
// of the two.
func Open[C any, P shared[C], O ~func(*C), A API, S any](
	tb testing.TB, opts []O, newAPI func(*C) (A, error), wrap func(*Server, A) S) (S, error) {
	var zero S
	c := new(C)
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
	cfg := P(c).Shared()
	cfg.TB = tb
	a, err := newAPI(c)
	if err != nil {
		return zero, err
	}
	s, err := New(a, *cfg)
	if err != nil {
		return zero, err
	}
	return wrap(s, a), nil
}

// MustOpen is Open for a test: bad options or seeds are mistakes of the
// test, not of the code under test, so it stops the test (tb.Fatalf) when the
// server cannot start, or panics without a tb.
func MustOpen[C any, P shared[C], O ~func(*C), A API, S any](
	tb testing.TB, opts []O, newAPI func(*C) (A, error), wrap func(*Server, A) S) S {
	s, err := Open[C, P](tb, opts, newAPI, wrap)
	if err != nil && tb == nil {
		panic(err)
	} else if err != nil {
		tb.Helper()
		tb.Fatalf("%v", err)
	}
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

// Locked returns f(), called holding l (a vendor's store).
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

// Errors of the in-process client: a dropped connection, a closed server.
var (
	errDropped = fmt.Errorf("fakeapi: the server dropped the connection: %w", io.ErrUnexpectedEOF)
	errClosed  = errors.New("fakeapi: the server is closed")
)

// inProcess is the RoundTripper of a server without network: it calls the
// server's handler on the caller's goroutine and starts none of its own.
type inProcess struct{ s *Server }

func (t inProcess) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	var err error
	if req.Body != nil {
		body, err = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	s := t.s
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, errClosed
	}
	s.inflight.Add(1)
	s.mu.Unlock()
	defer s.inflight.Done()
	if err != nil {
		return nil, fmt.Errorf("fakeapi: reading the request body: %w", err)
	}
	in := req.Clone(req.Context())
	in.Body, in.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	in.RequestURI, in.RemoteAddr, in.Host = req.URL.RequestURI(), "127.0.0.1:1", cmp.Or(in.Host, req.URL.Host)
	w := &capture{header: make(http.Header)}
	s.serve(w, in)
	if w.dropped {
		return nil, errDropped
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	status := cmp.Or(w.status, http.StatusOK)
	return &http.Response{Status: strconv.Itoa(status) + " " + http.StatusText(status), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: w.header, Request: req,
		Body: io.NopCloser(bytes.NewReader(w.body.Bytes())), ContentLength: int64(w.body.Len())}, nil
}

// Loopback reports whether host, a name or an IP address (bracketed or not),
// is localhost or a loopback address: what the mock and the proxy answer.
func Loopback(host string) bool {
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return strings.EqualFold(host, "localhost") || ip != nil && ip.IsLoopback()
}
