package zendesktest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// firstSessionID is the first id the server assigns: above 2^33, so that
// clients that squeeze ids into 32 bits fail.
const firstSessionID int64 = 1 << 33

// store is the server's in-memory account: users and their sessions.
type store struct {
	now     func() time.Time
	asArray bool

	// The lock guards everything below. The shared server holds it around
	// every request's authentication, headers and handler (fakeapi.API);
	// the exported Server methods take it; no other store method does.
	sync.Mutex
	users    map[int64]User
	sessions map[int64]Session
	nextID   int64
	requests uint64 // requests seen, for request ids

	budget *budget // the account's requests per minute

	oauth oauthState // OAuth clients and minted tokens (oauth.go)
}

func newStore(c *config) (*store, error) {
	st := &store{
		now:      c.Now,
		asArray:  c.sessionArray,
		users:    make(map[int64]User),
		sessions: make(map[int64]Session),
		nextID:   firstSessionID,
	}
	if st.now == nil {
		st.now = time.Now
	}
	b, err := newBudget(c)
	if err != nil {
		return nil, err
	}
	st.budget = b
	if err := st.seed(c.seed); err != nil {
		return nil, err
	}
	return st, nil
}

func (st *store) addUser(u User) (User, error) {
	if u.ID <= 0 {
		return User{}, fmt.Errorf("zendesktest: user %q: ID must be positive", u.Email)
	}
	if _, dup := st.users[u.ID]; dup {
		return User{}, fmt.Errorf("zendesktest: user %d seeded twice", u.ID)
	}
	if u.Role == "" {
		u.Role = RoleEndUser
	}
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
	if s.ID == 0 {
		s.ID = st.nextID
	}
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

// credentials finds the user a credential belongs to.
// hasUsers reports whether the account has any user at all.
func (st *store) hasUsers() bool {
	return len(st.users) > 0
}

func (st *store) userBy(match func(User) bool) (User, bool) {
	for _, u := range st.users {
		if match(u) {
			return u, true
		}
	}
	return User{}, false
}

func (st *store) user(id int64) (User, bool) {
	u, ok := st.users[id]
	return u, ok
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

func (st *store) session(id int64) (Session, bool) {
	s, ok := st.sessions[id]
	return s, ok
}

func (st *store) deleteSession(id int64) {
	delete(st.sessions, id)
}

func (st *store) deleteUserSessions(userID int64) {
	for id, s := range st.sessions {
		if s.UserID == userID {
			delete(st.sessions, id)
		}
	}
}

// current returns the session a user's credentials are on: their most
// recently authenticated one.
func (st *store) current(userID int64) (Session, bool) {
	var cur Session
	found := false
	for _, s := range st.sessions {
		if s.UserID != userID {
			continue
		}
		if !found || cmp.Or(s.AuthenticatedAt.Compare(cur.AuthenticatedAt), cmp.Compare(s.ID, cur.ID)) > 0 {
			cur, found = s, true
		}
	}
	return cur, found
}

// touch marks a session as seen now.
func (st *store) touch(id int64) {
	if s, ok := st.sessions[id]; ok {
		s.LastSeenAt = st.now().UTC().Truncate(time.Second)
		st.sessions[id] = s
	}
}

func sameEmail(a, b string) bool { return a != "" && strings.EqualFold(a, b) }
