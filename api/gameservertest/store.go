package gameservertest

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/netip"
	"slices"
	"sync"
	"time"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
)

const (
	defaultLimit   = 10
	defaultVersion = "v1"
)

// session is a session as the store keeps it.
type session struct {
	id, customID string
	app, version string
	versionID    int64
	kind         string
	users        []ggen.SessionUser
	created      time.Time
	webhook      string
	selectors    []ggen.SelectorModel
	requestedDep string      // deployment_request_id of the create request
	dep          *deployment // where the session goes; linked once ready
	ready        bool
	failWith     string // the error the session fails with instead of becoming ready
	failure      string // the error it failed with
	polls        int    // get-session answers that said ready: false
	terminated   bool
	seq          int64
}

// deployment is a deployment as the store keeps it.
type deployment struct {
	Deployment
	seq int64
}

// store is the server's in-memory state. Every handler holds mu for the
// whole of its work.
type store struct {
	now       func() time.Time
	readiness Readiness
	limit     int
	hooks     *webhooks

	// The lock guards everything below. The shared server holds it around every
	// request's authentication and handler (fakeapi.API.State); the
	// exported Server methods and readiness timers take it; no store
	// method or handler does.
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
		readiness:   Readiness{Polls: 1},
		limit:       defaultLimit,
		deployments: make(map[string]*deployment),
		sessions:    make(map[string]*session),
	}
	if st.now == nil {
		st.now = time.Now
	}
	st.hooks = newWebhooks(c.webhookClient, st.now)
	if c.TB != nil {
		c.TB.Cleanup(st.hooks.close)
	}
	if c.readiness != nil {
		st.readiness = *c.readiness
	}
	if c.limit != 0 {
		if c.limit < 1 || c.limit > 100 {
			return nil, fmt.Errorf("gameservertest: default limit %d is not within 1 to 100", c.limit)
		}
		st.limit = c.limit
	}
	st.Lock()
	defer st.Unlock()
	if err := st.seed(c.seed); err != nil {
		return nil, err
	}
	return st, nil
}

func (st *store) addApp(a App) (App, error) {
	if a.Name == "" {
		return App{}, errors.New("gameservertest: an app needs a name")
	}
	if len(a.Versions) == 0 {
		a.Versions = []AppVersion{{Name: defaultVersion}}
	}
	a.Versions = slices.Clone(a.Versions)
	for i, v := range a.Versions {
		if v.ID == 0 {
			a.Versions[i].ID = versionID(a.Name, v.Name)
		}
	}
	if st.apps == nil {
		st.apps = make(map[string]App)
	}
	if _, dup := st.apps[a.Name]; dup {
		return App{}, fmt.Errorf("gameservertest: app %q seeded twice", a.Name)
	}
	st.apps[a.Name] = a
	return a, nil
}

// appVersion resolves the app version a session asks for. Without seeded
// apps, any name goes.
func (st *store) appVersion(app, version string) (AppVersion, *refusal) {
	if st.apps == nil {
		if version == "" {
			version = defaultVersion
		}
		return AppVersion{Name: version, ID: versionID(app, version)}, nil
	}
	a, ok := st.apps[app]
	if !ok {
		return AppVersion{}, refuse(http.StatusBadRequest, "App %s not found", app)
	}
	if version == "" {
		return a.Versions[0], nil
	}
	for _, v := range a.Versions {
		if v.Name == version {
			return v, nil
		}
	}
	return AppVersion{}, refuse(http.StatusBadRequest, "App version %s of %s not found", version, app)
}

// addDeployment adds a deployment, filling in its defaults. the store's lock is held.
func (st *store) addDeployment(d Deployment) (*deployment, error) {
	st.seq++
	if d.RequestID == "" {
		d.RequestID = hexID("deployment", st.seq)
	}
	if _, dup := st.deployments[d.RequestID]; dup {
		return nil, fmt.Errorf("gameservertest: deployment %q seeded twice", d.RequestID)
	}
	if d.PublicIP == "" {
		d.PublicIP = fmt.Sprintf("203.0.113.%d", st.seq%254+1)
	}
	if d.FQDN == "" {
		d.FQDN = d.RequestID + ".pr.edgegap.net"
	}
	if d.Status == "" {
		d.Status = "Status.READY"
	}
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

// addSession adds a seeded session. the store's lock is held.
func (st *store) addSession(s Session) (*session, error) {
	v, ref := st.appVersion(s.App, s.Version)
	if ref != nil {
		return nil, fmt.Errorf("gameservertest: session %q: %w", s.ID, ref)
	}
	users := make([]ggen.SessionUser, 0, len(s.Users))
	for _, u := range s.Users {
		g := ggen.SessionUser{IP: u.IP}
		if u.Location != nil {
			lat, lng := u.Location.Latitude, u.Location.Longitude // copies: the caller keeps its Location
			g.Latitude, g.Longitude = &lat, &lng
		}
		users = append(users, g)
	}
	sess, ref := st.newSession(s.App, v, users, s.DeploymentRequestID)
	if ref != nil {
		return nil, fmt.Errorf("gameservertest: session %q: %w", s.ID, ref)
	}
	if s.ID != "" {
		if _, dup := st.sessions[s.ID]; dup {
			return nil, fmt.Errorf("gameservertest: session %q seeded twice", s.ID)
		}
		delete(st.sessions, sess.id)
		sess.id = s.ID
		st.sessions[s.ID] = sess
	}
	sess.customID, sess.webhook = s.CustomID, s.WebhookURL
	if s.Kind != "" {
		sess.kind = s.Kind
	}
	if !s.CreateTime.IsZero() {
		sess.created = s.CreateTime.UTC().Truncate(time.Microsecond) // as the API serves it
	}
	sess.ready = s.Ready && s.Error == ""
	sess.failure = s.Error
	sess.terminated = s.Terminated
	st.hooks.schedule(st, sess)
	return sess, nil
}

// newSession creates a session of an app version for users, bound for the
// deployment requestedDep or, without one, a new deployment. the store's lock is held.
func (st *store) newSession(app string, v AppVersion, users []ggen.SessionUser, requestedDep string) (*session, *refusal) {
	dep := st.deployments[requestedDep]
	switch {
	case requestedDep == "":
		var err error
		if dep, err = st.addDeployment(Deployment{}); err != nil {
			return nil, refuse(http.StatusInternalServerError, "%v", err)
		}
	case dep == nil || dep.Terminated:
		return nil, refuse(http.StatusBadRequest, "Deployment %s not found", requestedDep)
	}
	st.seq++
	s := &session{
		id:           hexID("session", st.seq) + "-S",
		app:          app,
		version:      v.Name,
		versionID:    v.ID,
		kind:         "Seat",
		users:        users,
		created:      st.now().UTC().Truncate(time.Microsecond), // as the API serves it
		requestedDep: requestedDep,
		dep:          dep,
		failWith:     v.SessionError,
		seq:          st.seq,
	}
	st.sessions[s.id] = s
	return s, nil
}

// active returns a session that exists and is not terminated.
func (st *store) active(id string) (*session, bool) {
	s, ok := st.sessions[id]
	if !ok || s.terminated {
		return nil, false
	}
	return s, true
}

// advance makes a session ready (or failed) once its readiness is due.
func (st *store) advance(s *session, now time.Time) {
	if s.ready || s.failure != "" || s.terminated {
		return
	}
	if s.polls < st.readiness.Polls || now.Sub(s.created) < st.readiness.Delay {
		return
	}
	if s.failWith != "" {
		s.failure = s.failWith
	} else {
		s.ready = true
	}
	st.hooks.due(s)
}

// usage counts the users of the live sessions on a deployment.
func (st *store) usage(d *deployment) int {
	n := 0
	for _, s := range st.sessions {
		if s.dep == d && !s.terminated {
			n += len(s.users)
		}
	}
	return n
}

// sessionsByAge returns every session, oldest first.
func (st *store) sessionsByAge() []*session {
	out := make([]*session, 0, len(st.sessions))
	for _, s := range st.sessions {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *session) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// activeByAge returns the live sessions, oldest first.
func (st *store) activeByAge() []*session {
	return slices.DeleteFunc(st.sessionsByAge(), func(s *session) bool { return s.terminated })
}

// export returns a session as a Session, as it stands now.
func (s *session) export() Session {
	out := Session{
		ID:                  s.id,
		CustomID:            s.customID,
		App:                 s.app,
		Version:             s.version,
		Kind:                s.kind,
		DeploymentRequestID: s.dep.RequestID,
		Ready:               s.ready,
		Error:               s.failure,
		Terminated:          s.terminated,
		WebhookURL:          s.webhook,
		CreateTime:          s.created,
	}
	for _, u := range s.users {
		user := User{IP: u.IP}
		if u.Latitude != nil && u.Longitude != nil {
			user.Location = &Location{Latitude: *u.Latitude, Longitude: *u.Longitude}
		}
		out.Users = append(out.Users, user)
	}
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

// checkIP checks a user's IP address.
func checkIP(s string) *refusal {
	if _, err := netip.ParseAddr(s); err != nil {
		return refuse(http.StatusBadRequest, "%q is not a valid IP address", s)
	}
	return nil
}
