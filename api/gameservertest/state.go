package gameservertest

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// State is everything a Server holds: what [Server.State] returns and
// [Server.Reset] installs. Readiness and the webhook client are the
// server's configuration, not its state.
type State struct {
	// APITokens are the keys accepted as "authorization: token <key>"
	// (WithAPIToken). Given to Reset, nil keeps the server's keys; an
	// empty non-nil list leaves it none, so that it refuses every request.
	APITokens []string `json:"api_tokens,omitempty"`
	// Apps are the seeded apps, by name; none means any app name is
	// accepted.
	Apps []App `json:"apps"`
	// Deployments are every deployment, oldest first, including those
	// made for sessions.
	Deployments []Deployment `json:"deployments"`
	// Sessions are every session, terminated ones included, oldest first.
	Sessions []Session `json:"sessions"`
}

// State returns a copy of everything the server holds as it stands now.
// A session that is not ready yet comes back with Ready false; given to
// Reset, it starts its readiness (polls and delay) again.
func (s *Server) State() State { return fakeapi.Locked(s.st, s.st.state) }

// state is State, under the store's lock.
func (st *store) state() State {
	out := State{APITokens: slices.Sorted(maps.Keys(st.tokens)), Apps: fakeapi.ByKey(st.apps), Deployments: []Deployment{}, Sessions: []Session{}}
	for i, a := range out.Apps {
		out.Apps[i].Versions = slices.Clone(a.Versions)
	}
	deps := slices.SortedFunc(maps.Values(st.deployments), func(a, b *deployment) int { return cmp.Compare(a.seq, b.seq) })
	for _, d := range deps {
		out.Deployments = append(out.Deployments, d.export())
	}
	for _, sess := range st.sessionsByAge() {
		out.Sessions = append(out.Sessions, sess.export())
	}
	return out
}

// Reset replaces everything the server holds with state — apps,
// deployments and sessions, checked as WithApps, WithDeployments and
// WithSessions check them — and forgets the webhooks sent, so a session
// of the new state gets its own. The request log and pending faults are
// left alone (ResetRequests, ClearFaults). When state is not valid, Reset
// returns an error naming what is wrong and the server keeps what it held.
//
// Ids the server assigns after a Reset never repeat one it assigned
// before, so a state taken with State and given back keeps working.
func (s *Server) Reset(state State) error {
	st := s.st
	st.Lock()
	defer st.Unlock()
	tokens, apps, deps, sessions, seq := st.tokens, st.apps, st.deployments, st.sessions, st.seq
	st.apps, st.deployments, st.sessions = nil, make(map[string]*deployment), make(map[string]*session)
	err := st.seed(state)
	if err != nil {
		st.tokens, st.apps, st.deployments, st.sessions, st.seq = tokens, apps, deps, sessions, seq
	}
	h := st.hooks
	h.prune(st)
	if err == nil {
		h.mu.Lock()
		h.log = nil
		h.mu.Unlock()
	}
	return err
}

// seed adds the apps, deployments and sessions of state. The store's lock
// is held.
func (st *store) seed(state State) (err error) {
	if state.APITokens != nil {
		tokens := make(map[string]bool, len(state.APITokens))
		for i, k := range state.APITokens {
			if strings.TrimSpace(k) == "" || strings.ContainsAny(k, " \t\r\n") {
				return fmt.Errorf("gameservertest: API key %d (%q) of WithAPIToken or State.APITokens is empty or holds white space, which no client can send", i, k)
			}
			tokens[k] = true
		}
		st.tokens = tokens
	}
	fakeapi.AddEach(&err, state.Apps, st.addApp)
	fakeapi.AddEach(&err, state.Deployments, st.addDeployment)
	fakeapi.AddEach(&err, state.Sessions, st.addSession)
	return err
}
