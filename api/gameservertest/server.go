package gameservertest

import (
	"cmp"
	"maps"
	"slices"
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// Server is an in-memory game-server (Edgegap v1) Sessions API: seed it
// with options, AddDeployment and AddSession, shape its answers with
// InjectFault, and read what it received with Requests and what it posted
// with Webhooks. It embeds the shell both fakes share (go doc
// github.com/sessionkit/sessions/api/internal/fakeapi Server) for URL,
// Client, Handler, Close, faults, the request log, Operations and
// ErrorStatuses; a Fault with an empty Body answers {"message"} bodies.
type Server struct {
	*fakeapi.Server
	st *store
}

// NewServer starts a server for a test, seeded by opts, and closes it when
// the test ends. A bad option (a seeded session on an unknown deployment, a
// fault for an unknown operation) stops the test with tb.Fatalf; with a nil
// tb it panics, violations are logged, and the caller closes the server.
func NewServer(tb testing.TB, opts ...Option) *Server {
	return fakeapi.MustOpen(tb, opts, newStore, wrap)
}

// Start is NewServer for code that is not a test (the CLI's demo and mock):
// it listens on 127.0.0.1, returns a bad option as an error, logs spec
// violations, and leaves Close to the caller.
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
func (s *Server) Sessions() []Session { return s.State().Sessions }

// State returns a copy of everything the server holds as it stands now.
// A session that is not ready yet comes back with Ready false; given to
// Reset, it starts its readiness (polls and delay) again.
func (s *Server) State() State {
	st := s.st
	st.Lock()
	defer st.Unlock()
	out := State{APITokens: slices.Sorted(maps.Keys(st.tokens)), Apps: fakeapi.ByKey(st.apps),
		Deployments: []Deployment{}, Sessions: []Session{}}
	for i, a := range out.Apps {
		out.Apps[i].Versions = slices.Clone(a.Versions)
	}
	byAge := func(a, b *deployment) int { return cmp.Compare(a.seq, b.seq) }
	for _, d := range slices.SortedFunc(maps.Values(st.deployments), byAge) {
		out.Deployments = append(out.Deployments, d.export())
	}
	for _, sess := range st.sessionsByAge() {
		out.Sessions = append(out.Sessions, sess.export())
	}
	return out
}

// Reset replaces everything the server holds with state, checked as the
// options check it, and forgets the webhooks sent. The request log and
// pending faults are left alone (ResetRequests, ClearFaults). An invalid
// state is an error naming what is wrong, and changes nothing. Ids assigned
// after a Reset never repeat earlier ones, so a State given back keeps
// working.
func (s *Server) Reset(state State) error {
	st := s.st
	st.Lock()
	defer st.Unlock()
	defer st.hooks.prune(st) // stops the timers of the sessions gone, under the lock
	tokens, apps, deps, sessions, seq := st.tokens, st.apps, st.deployments, st.sessions, st.seq
	st.apps, st.deployments, st.sessions = nil, make(map[string]*deployment), make(map[string]*session)
	if err := st.seed(state); err != nil {
		st.tokens, st.apps, st.deployments, st.sessions, st.seq = tokens, apps, deps, sessions, seq
		return err
	}
	st.hooks.mu.Lock()
	st.hooks.log = nil
	st.hooks.mu.Unlock()
	return nil
}
