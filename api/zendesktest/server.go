package zendesktest

import (
	"testing"

	zgen "github.com/sessionkit/sessions/gen/zendesk"

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

// Server is an in-memory Zendesk Support Sessions API. Besides the methods
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
// breaks it gets a 400 in Zendesk's classic shape, whose description names
// the violation. Every response is validated too: one that breaks the spec
// (say, from a fault whose Body does not match the schema) makes the server
// call tb.Errorf, failing the test, and answer 500 instead.
//
// Options that cannot work (an unknown user in a seeded session, a fault for
// an unknown operation) stop the test with tb.Fatalf. Outside tests (a demo, a
// command-line tool) use Start, which returns such problems as an error. tb
// may also be nil; violations are then logged, the caller must Close the
// server, and a bad option panics.
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
		Name:         "zendesktest",
		Spec:         openapi.Zendesk(),
		Problem:      problem,
		Authenticate: st.authenticate,
		Decorate:     st.decorate,
		Register: func(mux *fakeapi.OpMux, requestErr, responseErr fakeapi.ErrorHandler) {
			strict := zgen.NewStrictHandlerWithOptions(&handlers{st: st}, nil, zgen.StrictHTTPServerOptions{
				RequestErrorHandlerFunc:  requestErr,
				ResponseErrorHandlerFunc: responseErr,
			})
			zgen.HandlerWithOptions(strict, zgen.StdHTTPServerOptions{BaseRouter: mux, ErrorHandlerFunc: requestErr})
		},
	}
	base, err := fakeapi.New(api, c.shared)
	if err != nil {
		return nil, err
	}
	return &Server{Server: base, st: st}, nil
}

// AddUser adds a user while the server runs. A user with the ID of an
// existing one is refused.
func (s *Server) AddUser(u User) error { return s.st.addUser(u) }

// AddSession adds a session of an existing user while the server runs and
// returns it as stored, with its ID and times filled in.
func (s *Server) AddSession(sess Session) (Session, error) { return s.st.addSession(sess) }

// Sessions returns every session of the account, by id.
func (s *Server) Sessions() []Session {
	o, _ := parseOrder("id")
	return s.st.list(func(Session) bool { return true }, o)
}
