package gameservertest

import (
	"net/http"
	"testing"

	ggen "github.com/sessionkit/sessions/gen/gameserver"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/openapi"
)

// Server is an in-memory game-server (Edgegap v1) Sessions API. Start one
// with [NewServer] in a test or [Start] elsewhere; give a client its URL (or
// use Client), seed it with options, AddDeployment and AddSession, shape its
// answers with InjectFault, and inspect what it received with Requests.
type Server struct {
	// URL is the base URL to give a client, such as
	// gameserver.WithBaseURL(srv.URL): http://127.0.0.1:41234. Under
	// WithoutNetwork it is http://127.0.0.1, which only Client reaches.
	URL string

	base *fakeapi.Server
	st   *store
}

// NewServer starts a server, seeded by opts, that is closed when the test
// ends.
//
// Every request is validated against the OpenAPI document
// openapi/gameserver-sessions.yaml: one that
// breaks it gets a 400 {"message": ...} that names the violation. Every
// response is validated too: one that breaks the spec (say, a seeded
// deployment with port 70000, or a fault whose Body does not match the
// schema) makes the server call tb.Errorf, failing the test, and answer 500
// instead.
//
// Options that cannot work (a seeded session for an unknown deployment, a
// fault for an unknown operation) stop the test with tb.Fatalf. Outside tests
// (a demo, a command-line tool) use Start, which returns such problems as an
// error. tb may also be nil; violations are then logged, the caller must Close
// the server, and a bad option panics.
func NewServer(tb testing.TB, opts ...Option) *Server {
	if tb != nil {
		tb.Helper()
	}
	return fakeapi.Start(tb, opts, newServer)
}

// Start starts a server outside a test — a demo, a command-line tool, a
// local sandbox — on 127.0.0.1. Options that cannot work are returned as an
// error, never a panic; spec violations are logged with the log package;
// the caller must Close the server.
func Start(opts ...Option) (*Server, error) { return newServer(nil, fakeapi.Apply(opts)) }

func newServer(tb testing.TB, c *config) (*Server, error) {
	c.shared.TB = tb
	st, err := newStore(c)
	if err != nil {
		return nil, err
	}
	api := &fakeapi.API{
		Name:         "gameservertest",
		Spec:         openapi.Gameserver(),
		Problem:      problemReply,
		Authenticate: st.authenticate,
		State:        &st.mu,
		Register: func(mux *fakeapi.OpMux, requestErr, responseErr fakeapi.ErrorHandler) {
			strict := ggen.NewStrictHandlerWithOptions(&handlers{st: st}, nil, ggen.StrictHTTPServerOptions{
				RequestErrorHandlerFunc:  requestErr,
				ResponseErrorHandlerFunc: responseErr,
			})
			ggen.HandlerWithOptions(strict, ggen.StdHTTPServerOptions{BaseRouter: mux, ErrorHandlerFunc: requestErr})
		},
	}
	base, err := fakeapi.New(api, c.shared)
	if err != nil {
		return nil, err
	}
	return &Server{URL: base.URL, base: base, st: st}, nil
}

// AddDeployment adds a deployment while the server runs and returns it as
// stored, with its RequestID and defaults filled in.
func (s *Server) AddDeployment(d Deployment) (Deployment, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	dep, err := s.st.addDeployment(d)
	if err != nil {
		return Deployment{}, err
	}
	return dep.export(), nil
}

// AddSession adds a session while the server runs and returns it as stored,
// with its ID, deployment and CreateTime filled in.
func (s *Server) AddSession(sess Session) (Session, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	added, err := s.st.addSession(sess)
	if err != nil {
		return Session{}, err
	}
	return added.export(), nil
}

// TerminateDeployment terminates a deployment: deleting its sessions then
// answers 410. It reports whether the deployment exists.
func (s *Server) TerminateDeployment(requestID string) bool {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	d, ok := s.st.deployments[requestID]
	if ok {
		d.Terminated = true
	}
	return ok
}

// Sessions returns every session the server holds, terminated ones
// included, oldest first, as they stand now.
func (s *Server) Sessions() []Session {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var out []Session
	for _, sess := range s.st.sessionsByAge() {
		out = append(out, sess.export())
	}
	return out
}

// Client returns an http.Client that reaches the server: one for loopback,
// or, under WithoutNetwork, one whose transport calls the server in-process.
func (s *Server) Client() *http.Client { return s.base.Client() }

// Handler returns the whole server as an http.Handler: routing,
// authentication, request validation, faults, the API and response
// validation. Use it with httptest.NewRecorder to test without a client; a
// Drop fault then panics with http.ErrAbortHandler, as net/http expects.
func (s *Server) Handler() http.Handler { return s.base.Handler() }

// Close shuts the server down: it drops the webhooks not sent yet (of
// sessions whose readiness delay has not passed), waits for those in
// flight — each gets at most WebhookTimeout, as always — then waits for the
// requests in flight, whose injected latencies end at once. NewServer's servers close
// when the test ends; calling Close again does nothing.
func (s *Server) Close() {
	s.st.hooks.close()
	s.base.Close()
}

// Operations returns the operationIds of the spec, sorted: the Op constants.
func (s *Server) Operations() []string { return s.base.Operations() }

// ErrorStatuses returns the error statuses (400 and up) the spec documents
// for an operation, sorted, or nil for an unknown operation: the statuses a
// contract test can ask for with InjectFault(operation, Fault{Status: status,
// Times: 1}).
func (s *Server) ErrorStatuses(operation string) []int { return s.base.ErrorStatuses(operation) }
