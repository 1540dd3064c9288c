package zendesktest

import (
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// Server is an in-memory Zendesk Support Sessions API. Start one with
// [NewServer] in a test or [Start] elsewhere; give a client its URL (or use
// Client), seed it with options or AddUser and AddSession, shape its answers
// with InjectFault, and inspect what it received with Requests.
//
// What every fake server has comes from the shared shell, fakeapi.Server: the URL field
// (zendesk.WithBaseURL(srv.URL); under WithoutNetwork http://127.0.0.1,
// which only Client reaches) and the methods Client, Handler, Close,
// InjectFault, AddFault, ClearFaults, Requests, ResetRequests, Operations
// and ErrorStatuses; go doc github.com/sessionkit/sessions/api/internal/fakeapi
// Server documents them. An empty Fault Body means Zendesk's classic error
// body for its Status.
type Server struct {
	*fakeapi.Server
	st *store
}

// AddUser adds a user while the server runs and returns it as stored, with
// its Role filled in. A user with the ID of an existing one is refused.
func (s *Server) AddUser(u User) (User, error) {
	s.st.Lock()
	defer s.st.Unlock()
	return s.st.addUser(u)
}

// AddSession adds a session of an existing user while the server runs and
// returns it as stored, with its ID and times filled in.
func (s *Server) AddSession(sess Session) (Session, error) {
	s.st.Lock()
	defer s.st.Unlock()
	return s.st.addSession(sess)
}

// Sessions returns every session of the account, by id.
func (s *Server) Sessions() []Session {
	o, _ := parseOrder("id")
	s.st.Lock()
	defer s.st.Unlock()
	return s.st.list(func(Session) bool { return true }, o)
}

// NewServer starts a server, seeded by opts, that is closed when the test
// ends.
//
// Every request is validated against the OpenAPI document
// openapi/zendesk-sessions.yaml: one that
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
	return fakeapi.MustOpen(tb, opts, newStore, wrap)
}

// Start starts a server outside a test — a demo, a command-line tool, a
// local sandbox — on 127.0.0.1. Options that cannot work are returned as an
// error, never a panic; spec violations are logged with the log package;
// the caller must Close the server.
func Start(opts ...Option) (*Server, error) { return fakeapi.Open(nil, opts, newStore, wrap) }

func wrap(shell *fakeapi.Server, st *store) *Server { return &Server{shell, st} }
