package gameservertest

import (
	"testing"

	ggen "github.com/sessionkit/sessions/gen/gameserver"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/openapi"
)

// Fault is a failure to inject into the answers to an operation, with
// InjectFault or WithFault. Its fields:
//
//   - Status: the status to answer instead of the real behaviour (0 keeps it);
//   - Body, ContentType: a body of your own; by default the API's error body
//     for Status (none for a 2xx);
//   - Header, RetryAfter: extra headers; RetryAfter sets Retry-After;
//   - Latency: a delay before the answer, on a timer (so testing/synctest
//     controls it), cut short by the client's context or by Close;
//   - Drop: close the connection without an answer;
//   - Times: how many requests the fault answers (0: all); faults for one
//     operation queue up, and once used up the real behaviour resumes;
//   - OffSpec: skip response validation, for deliberately off-spec answers
//     (an HTML gateway error); otherwise a fault whose answer breaks the spec
//     is reported like any other violation.
//
// A fault applies only to authenticated requests that the spec accepts,
// after those checks: a request without valid credentials still gets its
// real 401, an invalid one its real 400, and neither uses the fault up.
//
// To get a documented error status of an operation once:
// srv.InjectFault(operationID, Fault{Status: status, Times: 1}).
type Fault = fakeapi.Fault

// Request is one request the server received, as its request log keeps it:
// Time (by the server's clock), Operation (the operationId, "" for no
// route), Method, Path (as sent, still escaped), Query, Header (without
// Authorization, Proxy-Authorization and Cookie), AuthScheme ("Basic",
// "Bearer", "token"), Body, Status (0 when dropped or abandoned) and Fault
// (whether an injected fault applied). The log is in arrival order.
type Request = fakeapi.Request

// AnyOperation, given as the operation of a fault, matches every operation.
const AnyOperation = fakeapi.AnyOperation

// Server is an in-memory game-server Sessions API. Besides the methods
// below, it has those of the embedded shared server:
//
//   - URL, the base URL to give a client (a field);
//   - Client() *http.Client, a client that reaches the server;
//   - Handler() http.Handler, the whole server as a handler;
//   - Close(), called when the test ends;
//   - Requests() []Request and ResetRequests(), the request log;
//   - InjectFault(operation string, f Fault) and ClearFaults();
//   - Operations() []string and ErrorStatuses(operation string) []int, the
//     operations and the error statuses the spec documents for each.
type Server struct {
	*fakeapi.Server
	st *store
}

// NewServer starts a server, seeded by opts, that is closed when the test
// ends.
//
// Every request is validated against the embedded OpenAPI document: one that
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
func Start(opts ...Option) (*Server, error) { return fakeapi.Build(nil, opts, newServer) }

func newServer(c *config) (*Server, error) {
	st, err := newStore(c)
	if err != nil {
		return nil, err
	}
	api := &fakeapi.API{
		Name:         "gameservertest",
		Spec:         openapi.Gameserver(),
		Problem:      problem,
		Authenticate: st.authenticate,
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
	return &Server{Server: base, st: st}, nil
}

// AddDeployment adds a deployment while the server runs and returns its
// request id.
func (s *Server) AddDeployment(d Deployment) (string, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	dep, err := s.st.addDeployment(d)
	if err != nil {
		return "", err
	}
	return dep.RequestID, nil
}

// AddSession adds a session while the server runs and returns its id.
func (s *Server) AddSession(sess Session) (string, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	added, err := s.st.addSession(sess)
	if err != nil {
		return "", err
	}
	return added.id, nil
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
