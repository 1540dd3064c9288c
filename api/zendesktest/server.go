package zendesktest

import (
	"slices"
	"testing"
	"time"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// Server is an in-memory Zendesk Support Sessions API: seed it with options,
// AddUser and AddSession, shape its answers with InjectFault, and inspect
// what it received with Requests. Its URL, Client, Handler, Close, faults,
// request log, Operations and ErrorStatuses are the shared shell's (go doc
// github.com/sessionkit/sessions/api/internal/fakeapi Server); a Fault with
// an empty Body answers Zendesk's classic error body for its Status.
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
func (s *Server) Sessions() []Session { return s.State().Sessions }

// NewServer starts a server, seeded by opts, that is closed when the test
// ends. Options that cannot work (an unknown user in a seeded session, a
// fault for an unknown operation) stop the test with tb.Fatalf; with a nil
// tb they panic, violations are logged, and the caller must Close it.
func NewServer(tb testing.TB, opts ...Option) *Server {
	return fakeapi.MustOpen(tb, opts, newStore, wrap)
}

// Start starts a server outside a test (a demo, a command-line tool) on
// 127.0.0.1: options that cannot work are an error, spec violations are
// logged, and the caller must Close the server.
func Start(opts ...Option) (*Server, error) { return fakeapi.Open(nil, opts, newStore, wrap) }

func wrap(shell *fakeapi.Server, st *store) *Server { return &Server{shell, st} }

// State returns a copy of the account as it stands now.
func (s *Server) State() State {
	st := s.st
	st.Lock()
	defer st.Unlock()
	return State{
		Users:        fakeapi.ByKey(st.users),
		Sessions:     fakeapi.ByKey(st.sessions),
		OAuthClients: fakeapi.ByKey(st.oauth.clients),
		OAuthTokens:  slices.Clone(st.oauth.minted),
	}
}

// Reset replaces the whole account with state, checked as the options check
// it, and starts a fresh rate-limit minute. The request log and pending
// faults are left alone (ResetRequests, ClearFaults). When state is not
// valid, Reset returns an error naming what is wrong and changes nothing.
func (s *Server) Reset(state State) error {
	next, err := newStore(&config{Config: fakeapi.Config{Now: s.st.now}, seed: state})
	if err != nil {
		return err
	}
	st := s.st
	st.Lock()
	defer st.Unlock()
	st.users, st.sessions, st.nextID, st.oauth = next.users, next.sessions, next.nextID, next.oauth
	st.budget.window, st.budget.used = time.Time{}, 0
	return nil
}

// OAuthTokens returns the tokens minted so far, oldest first.
func (s *Server) OAuthTokens() []OAuthToken { return s.State().OAuthTokens }

// RevokeToken revokes a minted token: requests with it then answer 401
// invalid_token. It reports whether the server minted the token.
func (s *Server) RevokeToken(accessToken string) bool {
	s.st.Lock()
	defer s.st.Unlock()
	i, ok := s.st.oauth.tokens[accessToken]
	if ok {
		s.st.oauth.minted[i].Revoked = true
	}
	return ok
}
