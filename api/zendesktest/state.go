package zendesktest

import (
	"fmt"
	"time"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// State returns a copy of the account as it stands now.
func (s *Server) State() State { return fakeapi.Locked(s.st, s.st.state) }

// state is State, under the store's lock.
func (st *store) state() State {
	out := State{
		Users:        fakeapi.ByKey(st.users),
		Sessions:     fakeapi.ByKey(st.sessions),
		OAuthClients: fakeapi.ByKey(st.oauth.clients),
	}
	for _, t := range st.oauth.minted {
		out.OAuthTokens = append(out.OAuthTokens, *t)
	}
	return out
}

// Reset replaces the whole account with state: users, sessions, OAuth
// clients and minted tokens, checked as WithUsers, WithSessions and
// WithOAuthClients check them, and starts a fresh rate-limit minute. The
// request log and pending faults are left alone (ResetRequests,
// ClearFaults). When state is not valid, Reset returns an error naming what
// is wrong and the server keeps its account unchanged.
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

// seed adds the users, sessions, OAuth clients and minted tokens of state,
// checking each.
func (st *store) seed(state State) (err error) {
	fakeapi.AddEach(&err, state.Users, st.addUser)
	fakeapi.AddEach(&err, state.Sessions, st.addSession)
	if err == nil {
		err = st.initOAuth(state.OAuthClients)
	}
	for i, t := range state.OAuthTokens {
		if err != nil {
			break
		}
		if err = st.seedToken(t); err != nil {
			err = fmt.Errorf("zendesktest: OAuth token %d: %w", i, err)
		}
	}
	return err
}

// seedToken adds a token minted before, checking it names a seeded client
// and its user.
func (st *store) seedToken(t OAuthToken) error {
	c, ok := st.oauth.clients[t.ClientID]
	switch {
	case t.AccessToken == "":
		return fmt.Errorf("the token needs an AccessToken")
	case !ok:
		return fmt.Errorf("client %q is not seeded", t.ClientID)
	case t.UserID != 0 && t.UserID != c.UserID:
		return fmt.Errorf("user %d is not the user of client %q (%d)", t.UserID, c.ID, c.UserID)
	case t.ExpiresAt.IsZero():
		return fmt.Errorf("the token needs an ExpiresAt")
	}
	if _, dup := st.oauth.tokens[t.AccessToken]; dup {
		return fmt.Errorf("token seeded twice")
	}
	t.UserID = c.UserID
	st.oauth.tokens[t.AccessToken] = &t
	st.oauth.minted = append(st.oauth.minted, &t)
	return nil
}
