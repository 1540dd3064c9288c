package gameservertest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

const defaultVersion = "v1"

// session is a session as the store keeps it: a Session whose
// DeploymentRequestID is the one asked for ("" for a new deployment), and
// what the server knows besides.
type session struct {
	Session
	versionID int64
	dep       *deployment // where the session goes; linked once ready
	failWith  string      // the error the session fails with instead of becoming ready
	polls     int         // get-session answers that said ready: false
	seq       int64
}

type deployment struct {
	Deployment
	seq int64
}

// store is the server's in-memory state.
type store struct {
	now       func() time.Time
	readiness Readiness
	limit     int
	hooks     *webhooks

	// The lock guards everything below: the shell holds it around each
	// request (fakeapi.API), the exported Server methods and the readiness
	// timers take it, and nothing else does.
	sync.Mutex
	apps        map[string]App // by name; nil when no app was seeded
	deployments map[string]*deployment
	sessions    map[string]*session
	seq         int64
	tokens      map[string]bool // the API keys accepted
}

func newStore(c *config) (*store, error) {
	st := &store{
		now:         c.Now,
		tokens:      make(map[string]bool),
		readiness:   *cmp.Or(c.readiness, &Readiness{Polls: 1}),
		limit:       cmp.Or(c.limit, 10),
		deployments: make(map[string]*deployment),
		sessions:    make(map[string]*session),
	}
	if st.now == nil {
		st.now = time.Now
	}
	ctx, cancel := context.WithCancel(context.Background())
	st.hooks = &webhooks{client: cmp.Or(c.webhookClient, loopbackClient()), ctx: ctx, cancel: cancel,
		timers: make(map[*session]*time.Timer)}
	if c.TB != nil {
		c.TB.Cleanup(st.hooks.close)
	}
	if st.limit < 1 || st.limit > 100 {
		return nil, fmt.Errorf("gameservertest: default limit %d is not within 1 to 100", st.limit)
	}
	st.Lock()
	defer st.Unlock()
	return st, st.seed(c.seed)
}

// seed adds the API keys, apps, deployments and sessions of state.
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

func (st *store) addApp(a App) (App, error) {
	if a.Name == "" {
		return App{}, errors.New("gameservertest: an app needs a name")
	}
	if _, dup := st.apps[a.Name]; dup {
		return App{}, fmt.Errorf("gameservertest: app %q seeded twice", a.Name)
	}
	a.Versions = slices.Clone(a.Versions)
	if len(a.Versions) == 0 {
		a.Versions = []AppVersion{{Name: defaultVersion}}
	}
	for i, v := range a.Versions {
		a.Versions[i].ID = cmp.Or(v.ID, versionID(a.Name, v.Name))
	}
	if st.apps == nil {
		st.apps = make(map[string]App)
	}
	st.apps[a.Name] = a
	return a, nil
}

// appVersion resolves the app version a session asks for. Without seeded
// apps, any name goes.
func (st *store) appVersion(app, version string) (AppVersion, *refusal) {
	if st.apps == nil {
		version = cmp.Or(version, defaultVersion)
		return AppVersion{Name: version, ID: versionID(app, version)}, nil
	}
	a, ok := st.apps[app]
	if !ok {
		return AppVersion{}, refuse(http.StatusBadRequest, "App %s not found", app)
	}
	for _, v := range a.Versions {
		if v.Name == version || version == "" {
			return v, nil
		}
	}
	return AppVersion{}, refuse(http.StatusBadRequest, "App version %s of %s not found", version, app)
}

// addDeployment adds a deployment, filling in its defaults.
func (st *store) addDeployment(d Deployment) (*deployment, error) {
	st.seq++
	d.RequestID = cmp.Or(d.RequestID, hexID("deployment", st.seq))
	if _, dup := st.deployments[d.RequestID]; dup {
		return nil, fmt.Errorf("gameservertest: deployment %q seeded twice", d.RequestID)
	}
	d.PublicIP = cmp.Or(d.PublicIP, fmt.Sprintf("203.0.113.%d", st.seq%254+1))
	d.FQDN = cmp.Or(d.FQDN, d.RequestID+".pr.edgegap.net")
	d.Status = cmp.Or(d.Status, "Status.READY")
	if d.Ports == nil {
		d.Ports = map[string]Port{"gameport": {External: 30000 + int(st.seq%30000), Internal: 7777, Protocol: "UDP"}}
	}
	if d.Location == nil {
		d.Location = &DeploymentLocation{
			City: "Montreal", Country: "Canada", Continent: "North America",
			AdministrativeDivision: "Quebec", Timezone: "America/Toronto",
			Latitude: 45.5019, Longitude: -73.5674,
		}
	}
	dep := &deployment{Deployment: d, seq: st.seq}
	st.deployments[d.RequestID] = dep
	return dep, nil
}

// addSession adds a seeded session.
func (st *store) addSession(s Session) (*session, error) {
	if _, dup := st.sessions[s.ID]; dup {
		return nil, fmt.Errorf("gameservertest: session %q seeded twice", s.ID)
	}
	v, ref := st.appVersion(s.App, s.Version)
	var sess *session
	if ref == nil {
		s.Users, s.Ready = cloneUsers(s.Users), s.Ready && s.Error == ""
		sess, ref = st.newSession(s, v)
	}
	if ref != nil {
		return nil, fmt.Errorf("gameservertest: session %q: %w", s.ID, ref)
	}
	return sess, nil
}

// newSession stores s, a session of the app version v, bound for the
// deployment s.DeploymentRequestID or, without one, a new deployment; its
// ID, Kind and CreateTime are filled in when empty.
func (st *store) newSession(s Session, v AppVersion) (*session, *refusal) {
	dep := st.deployments[s.DeploymentRequestID]
	switch {
	case s.DeploymentRequestID == "":
		var err error
		if dep, err = st.addDeployment(Deployment{}); err != nil {
			return nil, refuse(http.StatusInternalServerError, "%v", err)
		}
	case dep == nil || dep.Terminated:
		return nil, refuse(http.StatusBadRequest, "Deployment %s not found", s.DeploymentRequestID)
	}
	st.seq++
	s.ID, s.Version, s.Kind = cmp.Or(s.ID, hexID("session", st.seq)+"-S"), v.Name, cmp.Or(s.Kind, "Seat")
	if s.CreateTime.IsZero() {
		s.CreateTime = st.now()
	}
	s.CreateTime = s.CreateTime.UTC().Truncate(time.Microsecond) // as the API serves it
	sess := &session{Session: s, versionID: v.ID, dep: dep, failWith: v.SessionError, seq: st.seq}
	st.sessions[s.ID] = sess
	st.hooks.schedule(st, sess)
	return sess, nil
}

// advance makes a session ready (or failed) once its readiness is due.
func (st *store) advance(s *session, now time.Time) {
	r := st.readiness
	if s.status() != "Waiting" || s.Terminated || s.polls < r.Polls || now.Sub(s.CreateTime) < r.Delay {
		return
	}
	s.Error, s.Ready = s.failWith, s.failWith == ""
	st.hooks.due(s, now)
}

// usage counts the users of the live sessions on a deployment.
func (st *store) usage(d *deployment) int {
	n := 0
	for _, s := range st.sessions {
		if s.dep == d && !s.Terminated {
			n += len(s.Users)
		}
	}
	return n
}

// sessionsByAge returns every session, oldest first.
func (st *store) sessionsByAge() []*session {
	return slices.SortedFunc(maps.Values(st.sessions), func(a, b *session) int { return cmp.Compare(a.seq, b.seq) })
}

// activeByAge returns the live sessions, oldest first.
func (st *store) activeByAge() []*session {
	return slices.DeleteFunc(st.sessionsByAge(), func(s *session) bool { return s.Terminated })
}

func (s *session) export() Session {
	out := s.Session
	out.DeploymentRequestID, out.Users = s.dep.RequestID, cloneUsers(s.Users)
	return out
}

// export returns a copy of the deployment that shares nothing with the store.
func (d *deployment) export() Deployment {
	out := d.Deployment
	out.Ports = maps.Clone(d.Ports)
	out.Tags = slices.Clone(d.Tags)
	if d.Location != nil {
		l := *d.Location
		out.Location = &l
	}
	return out
}

// cloneUsers copies users, locations included.
func cloneUsers(users []User) []User {
	var out []User
	for _, u := range users {
		if l := u.Location; l != nil {
			u.Location = &Location{l.Latitude, l.Longitude}
		}
		out = append(out, u)
	}
	return out
}

// hexID makes a 12-hex-digit id, like the live API's, from a sequence number
// and a kind, so that ids are the same from run to run.
func hexID(kind string, n int64) string { return fmt.Sprintf("%012x", hash(kind, n)&(1<<48-1)) }

// versionID is the numeric id of an app version that was not given one.
func versionID(app, version string) int64 { return int64(hash(app, version)%900000) + 100000 }

func hash(a string, b any) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%v", a, b)
	return h.Sum64()
}
