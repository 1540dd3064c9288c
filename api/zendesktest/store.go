package zendesktest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// firstSessionID is the first id the server assigns: above 2^33, so that
// clients that squeeze ids into 32 bits fail.
const firstSessionID int64 = 1 << 33

// store is the server's in-memory account.
type store struct {
	now     func() time.Time
	asArray bool

	// The lock guards everything below: the shell holds it around each
	// request (fakeapi.API), the exported Server methods take it.
	sync.Mutex
	users    map[int64]User
	sessions map[int64]Session
	nextID   int64
	requests uint64 // requests seen, for request ids
	budget   *budget
	oauth    struct {
		clients map[string]OAuthClient
		minted  []OAuthToken
		tokens  map[string]int // index in minted, by access token
	}
}

func newStore(c *config) (*store, error) {
	st := &store{
		now:      c.Now,
		asArray:  c.sessionArray,
		users:    make(map[int64]User),
		sessions: make(map[int64]Session),
		nextID:   firstSessionID,
		budget:   &budget{limit: defaultRateLimit},
	}
	st.oauth.clients, st.oauth.tokens = make(map[string]OAuthClient), make(map[string]int)
	if st.now == nil {
		st.now = time.Now
	}
	if l := c.rateLimit; l != nil {
		if *l < 1 {
			return nil, fmt.Errorf("zendesktest: WithRateLimit(%d): the limit must be at least 1 request a minute", *l)
		}
		st.budget = &budget{limit: *l, enforce: true}
	}
	var err error
	fakeapi.AddEach(&err, c.seed.Users, st.addUser)
	fakeapi.AddEach(&err, c.seed.Sessions, st.addSession)
	fakeapi.AddEach(&err, c.seed.OAuthClients, st.addClient)
	fakeapi.AddEach(&err, c.seed.OAuthTokens, st.addToken)
	return st, err
}

func (st *store) addUser(u User) (User, error) {
	if u.ID <= 0 {
		return User{}, fmt.Errorf("zendesktest: user %q: ID must be positive", u.Email)
	}
	if _, dup := st.users[u.ID]; dup {
		return User{}, fmt.Errorf("zendesktest: user %d seeded twice", u.ID)
	}
	u.Role = cmp.Or(u.Role, RoleEndUser)
	switch u.Role {
	case RoleAdmin, RoleAgent, RoleEndUser:
	default:
		return User{}, fmt.Errorf("zendesktest: user %d: unknown role %q", u.ID, u.Role)
	}
	st.users[u.ID] = u
	return u, nil
}

func (st *store) addSession(s Session) (Session, error) {
	if _, ok := st.users[s.UserID]; !ok {
		return Session{}, fmt.Errorf("zendesktest: session %d: unknown user %d", s.ID, s.UserID)
	}
	s.ID = cmp.Or(s.ID, st.nextID)
	if s.ID < 0 {
		return Session{}, fmt.Errorf("zendesktest: session %d: ID must be positive", s.ID)
	}
	if _, dup := st.sessions[s.ID]; dup {
		return Session{}, fmt.Errorf("zendesktest: session %d seeded twice", s.ID)
	}
	if s.AuthenticatedAt.IsZero() {
		s.AuthenticatedAt = st.now()
	}
	s.AuthenticatedAt = s.AuthenticatedAt.UTC().Truncate(time.Second)
	if !s.LastSeenAt.IsZero() {
		s.LastSeenAt = s.LastSeenAt.UTC().Truncate(time.Second)
	}
	st.sessions[s.ID] = s
	st.nextID = max(st.nextID, s.ID+1)
	return s, nil
}

// addClient adds an OAuth client of a seeded user.
func (st *store) addClient(c OAuthClient) (OAuthClient, error) {
	_, seeded := st.users[c.UserID]
	_, dup := st.oauth.clients[c.ID]
	switch {
	case c.ID == "":
		return c, fmt.Errorf("zendesktest: an OAuth client needs an ID")
	case c.Secret == "":
		return c, fmt.Errorf("zendesktest: OAuth client %q needs a Secret", c.ID)
	case !seeded:
		return c, fmt.Errorf("zendesktest: OAuth client %q: user %d is not seeded", c.ID, c.UserID)
	case dup:
		return c, fmt.Errorf("zendesktest: OAuth client %q seeded twice", c.ID)
	}
	st.oauth.clients[c.ID] = c
	return c, nil
}

// addToken adds a token minted before (by a seeded client, for its user)
// or now.
func (st *store) addToken(t OAuthToken) (OAuthToken, error) {
	c, ok := st.oauth.clients[t.ClientID]
	_, dup := st.oauth.tokens[t.AccessToken]
	switch {
	case t.AccessToken == "":
		return t, fmt.Errorf("zendesktest: an OAuth token of client %q needs an AccessToken", t.ClientID)
	case !ok:
		return t, fmt.Errorf("zendesktest: OAuth token: client %q is not seeded", t.ClientID)
	case t.UserID != 0 && t.UserID != c.UserID:
		return t, fmt.Errorf("zendesktest: OAuth token: user %d is not the user of client %q (%d)",
			t.UserID, c.ID, c.UserID)
	case t.ExpiresAt.IsZero():
		return t, fmt.Errorf("zendesktest: an OAuth token of client %q needs an ExpiresAt", t.ClientID)
	case dup:
		return t, fmt.Errorf("zendesktest: an OAuth token of client %q is seeded twice", t.ClientID)
	}
	t.UserID = c.UserID
	st.oauth.tokens[t.AccessToken] = len(st.oauth.minted)
	st.oauth.minted = append(st.oauth.minted, t)
	return t, nil
}

func (st *store) userBy(match func(User) bool) (User, bool) {
	for _, u := range st.users {
		if match(u) {
			return u, true
		}
	}
	return User{}, false
}

// list returns the sessions that keep, in the given order.
func (st *store) list(keep func(Session) bool, o order) []Session {
	out := make([]Session, 0, len(st.sessions))
	for _, s := range st.sessions {
		if keep(s) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Session) int { return o.compare(o.key(a), o.key(b)) })
	return out
}

func sameEmail(a, b string) bool { return a != "" && strings.EqualFold(a, b) }
