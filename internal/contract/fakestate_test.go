package contract_test

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// The in-process fixture: a fixed clock, and on each server records whose
// every field the API reports, so that a decoder that dropped or zeroed
// one would differ from the state.
var (
	fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

	inProcessFixture = fixture{zUserID: 35436, zSessionID: 14, zEmail: "ADMIN@example.com", zClientID: "contract_client", zClientSecret: "contract-client-secret", gApp: "contract-app", gSessionID: "950dd2eaff09-S", gUserIP: "203.0.113.7",
		gWebhookURL: "https://example.com/contract-hook"} // the fake and Prism post no webhook off loopback

	zUsers = []zendesktest.User{
		{ID: 35436, Email: "admin@example.com", Role: zendesktest.RoleAdmin, OAuthToken: zToken},
		{ID: 35437, Email: "agent@example.com", Role: zendesktest.RoleAgent},
	}
	zSeed = []zendesktest.Session{
		{ID: 14, UserID: 35436, AuthenticatedAt: fixedNow.Add(-2 * time.Hour), LastSeenAt: fixedNow.Add(-time.Hour)},
		{ID: 15, UserID: 35436, AuthenticatedAt: fixedNow.Add(-30 * time.Minute)}, // the admin's current session
		{ID: 8589934594, UserID: 35437, AuthenticatedAt: fixedNow.Add(-3 * time.Hour), LastSeenAt: fixedNow.Add(-10 * time.Minute)},
	}
	zCurrentID int64 = 15

	gVersion    = gameservertest.AppVersion{Name: "v3", ID: 7}
	gDeployment = gameservertest.Deployment{
		RequestID: "9f511e17a5a5", PublicIP: "203.0.113.10", FQDN: "9f511e17a5a5.pr.edgegap.net", Status: "Status.READY",
		Ports: map[string]gameservertest.Port{"gameport": {External: 31504, Internal: 7777, Protocol: "UDP", TLSUpgrade: true, Proxy: 31505}},
		Location: &gameservertest.DeploymentLocation{City: "Montreal", Country: "Canada", Continent: "North America",
			AdministrativeDivision: "Quebec", Timezone: "America/Toronto", Latitude: 45.5019, Longitude: -73.5674},
		Tags: []string{"ranked", "eu"}, Sockets: 10,
	}
	gSeed = []gameservertest.Session{
		{ID: "950dd2eaff09-S", CustomID: "match-1", App: "contract-app", Version: "v3", Kind: "Seat", Ready: true,
			DeploymentRequestID: gDeployment.RequestID, WebhookURL: "https://example.com/hook",
			Users:      []gameservertest.User{{IP: "203.0.113.7", Location: &gameservertest.Location{Latitude: 48.8566, Longitude: 2.3522}}, {IP: "198.51.100.9"}},
			CreateTime: fixedNow.Add(-90*time.Second + 831041*time.Microsecond)},
		{ID: "1a2b3c4d5e6f-S", App: "contract-app", Version: "v3", Kind: "Match", Users: []gameservertest.User{{IP: "198.51.100.20"}},
			CreateTime: fixedNow.Add(-time.Minute)},
	}
)

// fakeState is what a case's want and end read: the servers, the fixture
// and the state as it was before the call.
type fakeState struct {
	fx  fixture
	now time.Time

	z        *zendesktest.Server
	zBefore  []zendesktest.Session
	zCurrent int64

	g       *gameservertest.Server
	gBefore []gameservertest.Session
}

// snapshot records the state before a call.
func (st *fakeState) snapshot() {
	if st.z != nil {
		st.zBefore = st.z.Sessions()
	}
	if st.g != nil {
		st.gBefore = st.g.Sessions()
	}
}

// zPublic is s as the client must return it: the times as Zendesk writes
// them (whole seconds, UTC), and the session's API URL on the server.
func (st *fakeState) zPublic(s zendesktest.Session) zendesk.Session {
	out := zendesk.Session{
		ID: s.ID, UserID: s.UserID,
		AuthenticatedAt:    s.AuthenticatedAt.UTC(),
		RawAuthenticatedAt: s.AuthenticatedAt.UTC().Format(time.RFC3339),
		URL:                fmt.Sprintf("%s/api/v2/users/%d/sessions/%d.json", st.z.URL, s.UserID, s.ID),
	}
	if !s.LastSeenAt.IsZero() {
		out.LastSeenAt, out.RawLastSeenAt = s.LastSeenAt.UTC(), s.LastSeenAt.UTC().Format(time.RFC3339)
	}
	return out
}

// zSessions are the sessions held before the call that keep (nil: all), in
// the API's default order (by id).
func (st *fakeState) zSessions(keep func(zendesktest.Session) bool) []zendesk.Session {
	var out []zendesk.Session
	for _, s := range st.zBefore {
		if keep == nil || keep(s) {
			out = append(out, st.zPublic(s))
		}
	}
	slices.SortFunc(out, func(a, b zendesk.Session) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// zSession is the session id as the server holds it now.
func (st *fakeState) zSession(id int64) zendesk.Session {
	for _, s := range st.z.Sessions() {
		if s.ID == id {
			return st.zPublic(s)
		}
	}
	return zendesk.Session{}
}

// zIDs are the ids of ss that pass every keep, sorted.
func (st *fakeState) zIDs(ss []zendesktest.Session, keep ...func(zendesktest.Session) bool) []int64 {
	var ids []int64
	for _, s := range ss {
		if !slices.ContainsFunc(keep, func(k func(zendesktest.Session) bool) bool { return !k(s) }) {
			ids = append(ids, s.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// gBeforeSession is the session id as it was before the call.
func (st *fakeState) gBeforeSession(id string) gameservertest.Session {
	i := slices.IndexFunc(st.gBefore, func(s gameservertest.Session) bool { return s.ID == id })
	if i < 0 {
		return gameservertest.Session{}
	}
	return st.gBefore[i]
}

// gNow is the session id as the server holds it now.
func (st *fakeState) gNow(id string) gameservertest.Session {
	for _, s := range st.g.Sessions() {
		if s.ID == id {
			return s
		}
	}
	return gameservertest.Session{}
}

// gNew is the session the call added.
func (st *fakeState) gNew() gameservertest.Session {
	for _, s := range st.g.Sessions() {
		if st.gBeforeSession(s.ID).ID == "" {
			return s
		}
	}
	return gameservertest.Session{}
}

// gIDs are the ids of ss that pass every keep, in order.
func (st *fakeState) gIDs(ss []gameservertest.Session, keep ...func(gameservertest.Session) bool) []string {
	var ids []string
	for _, s := range ss {
		if !slices.ContainsFunc(keep, func(k func(gameservertest.Session) bool) bool { return !k(s) }) {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// gSession is the session id, as the server holds it now, as get-session
// must describe it: the seeded deployment once ready, the version's id,
// the age on the server's clock.
func (st *fakeState) gSession(id string) *gameserver.Session {
	s := st.gNow(id)
	users := gUsers(s.Users)
	out := &gameserver.Session{
		ID: s.ID, CustomID: s.CustomID, Status: "Waiting", Ready: s.Ready, Linked: s.Ready, Kind: s.Kind,
		UserCount: len(s.Users), AppVersionID: gVersion.ID, CreateTime: s.CreateTime.UTC(),
		Elapsed: st.now.Sub(s.CreateTime).Truncate(time.Second), Error: s.Error, WebhookURL: s.WebhookURL,
		Users: users, IPs: users,
	}
	if s.Ready {
		out.Status = "Ready"
		if s.DeploymentRequestID == gDeployment.RequestID {
			out.Deployment = gPublicDeployment(gDeployment, st.usage(gDeployment.RequestID))
		}
	}
	return out
}

// usage counts the users of the live sessions on a deployment.
func (st *fakeState) usage(requestID string) int {
	n := 0
	for _, s := range st.g.Sessions() {
		if s.DeploymentRequestID == requestID && !s.Terminated {
			n += len(s.Users)
		}
	}
	return n
}

// gPublicDeployment is d as get-session must describe it, with usage of
// its sockets in use: a live deployment is ready and joinable, and each
// port's link is the host and external port.
func gPublicDeployment(d gameservertest.Deployment, usage int) *gameserver.Deployment {
	out := &gameserver.Deployment{
		RequestID: d.RequestID, PublicIP: d.PublicIP, Status: d.Status, FQDN: d.FQDN,
		Ready: !d.Terminated, JoinableBySession: !d.Terminated, Tags: d.Tags,
		Sockets: d.Sockets, SocketsUsage: usage,
		Ports: map[string]gameserver.Port{},
	}
	for name, p := range d.Ports {
		out.Ports[name] = gameserver.Port{External: p.External, Internal: p.Internal, Protocol: p.Protocol, Name: name,
			Link: fmt.Sprintf("%s:%d", d.FQDN, p.External), TLSUpgrade: p.TLSUpgrade, Proxy: p.Proxy}
	}
	if l := d.Location; l != nil {
		dl := gameserver.DeploymentLocation(*l)
		out.Location = &dl
	}
	return out
}

// gUsers converts the server's users; never nil.
func gUsers(us []gameservertest.User) []gameserver.User {
	out := []gameserver.User{}
	for _, u := range us {
		pu := gameserver.User{IP: u.IP}
		if u.Location != nil {
			pu.Location = &gameserver.Location{Latitude: u.Location.Latitude, Longitude: u.Location.Longitude}
		}
		out = append(out, pu)
	}
	return out
}

// gSummary is s as list-sessions must describe it.
func gSummary(s gameservertest.Session) gameserver.SessionSummary {
	out := gameserver.SessionSummary{ID: s.ID, CustomID: s.CustomID, Status: "Waiting", Kind: s.Kind, Ready: s.Ready, Linked: s.Ready,
		UserCount: len(s.Users), WebhookURL: s.WebhookURL}
	if s.Ready {
		out.Status, out.DeploymentRequestID = "Ready", s.DeploymentRequestID
	}
	return out
}
