package gameservertest

import (
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// Server is an in-memory game-server (Edgegap v1) Sessions API. Start one
// with [NewServer] in a test or [Start] elsewhere; give a client its URL (or
// use Client), seed it with options, AddDeployment and AddSession, shape its
// answers with InjectFault, and inspect what it received with Requests.
//
// What every fake server has comes from the shared shell, fakeapi.Server: the URL field
// (gameserver.WithBaseURL(srv.URL); under WithoutNetwork http://127.0.0.1,
// which only Client reaches) and the methods Client, Handler, Close,
// InjectFault, AddFault, ClearFaults, Requests, ResetRequests, Operations
// and ErrorStatuses; go doc github.com/sessionkit/sessions/api/internal/fakeapi
// Server documents them. An empty Fault Body means the game server's
// {"message"} body for its Status.
type Server struct {
	*fakeapi.Server
	st *store
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
	return fakeapi.MustOpen(tb, opts, newStore, wrap)
}

// Start starts a server outside a test — a demo, a command-line tool, a
// local sandbox — on 127.0.0.1. Options that cannot work are returned as an
// error, never a panic; spec violations are logged with the log package;
// the caller must Close the server.
func Start(opts ...Option) (*Server, error) { return fakeapi.Open(nil, opts, newStore, wrap) }

func wrap(shell *fakeapi.Server, st *store) *Server {
	// A webhook's body is a session as list-sessions shows it, nulls and all.
	st.hooks.encode = func(v any) ([]byte, error) { return shell.EncodeAs("SessionContext", v) }
	return &Server{shell, st}
}

// AddDeployment adds a deployment while the server runs and returns it as
// stored, with its RequestID and defaults filled in.
func (s *Server) AddDeployment(d Deployment) (Deployment, error) {
	s.st.Lock()
	defer s.st.Unlock()
	dep, err := s.st.addDeployment(d)
	if err != nil {
		return Deployment{}, err
	}
	return dep.export(), nil
}

// AddSession adds a session while the server runs and returns it as stored,
// with its ID, deployment and CreateTime filled in.
func (s *Server) AddSession(sess Session) (Session, error) {
	s.st.Lock()
	defer s.st.Unlock()
	added, err := s.st.addSession(sess)
	if err != nil {
		return Session{}, err
	}
	return added.export(), nil
}

// TerminateDeployment terminates a deployment: deleting its sessions then
// answers 410. It reports whether the deployment exists.
func (s *Server) TerminateDeployment(requestID string) bool {
	s.st.Lock()
	defer s.st.Unlock()
	d, ok := s.st.deployments[requestID]
	if ok {
		d.Terminated = true
	}
	return ok
}

// Sessions returns every session the server holds, terminated ones
// included, oldest first, as they stand now.
func (s *Server) Sessions() []Session {
	s.st.Lock()
	defer s.st.Unlock()
	var out []Session
	for _, sess := range s.st.sessionsByAge() {
		out = append(out, sess.export())
	}
	return out
}
