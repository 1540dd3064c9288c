package specproxy

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	zgen "github.com/sessionkit/sessions/gen/zendesk"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/api/mockserver"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// Redacted stands for a value a report or a recording does not show.
const Redacted = "[REDACTED]"

// The only credentials of a recording: none of the real ones.
const (
	// RecordedToken is the API token of the recording's admin
	// (recording@example.invalid) and the game server's API key.
	RecordedToken = "recorded"
	recordedEmail = "recording@example.invalid"
	recordedApp   = "recorded-app"
)

// recording is what the answers showed, by id.
type recording struct {
	zUsers    map[int64]zendesktest.User
	zSessions map[int64]zendesktest.Session
	gSessions map[string]gameservertest.Session
	gDeploys  map[string]gameservertest.Deployment
	gApps     map[string]map[string]bool // app → versions
}

func newRecording() *recording {
	return &recording{
		zUsers: map[int64]zendesktest.User{}, zSessions: map[int64]zendesktest.Session{},
		gSessions: map[string]gameservertest.Session{}, gDeploys: map[string]gameservertest.Deployment{},
		gApps: map[string]map[string]bool{},
	}
}

// addZendesk keeps the sessions and users a Zendesk answer shows, by its
// shape: "sessions" (a page), "session" (an object, or an array whose first
// element is the session) or "users" (a search). A successful DELETE drops
// what its path names.
func (r *recording) addZendesk(req *http.Request, body []byte) {
	if req.Method == http.MethodDelete {
		// /api/v2/users/{user_id}/sessions[/{session_id}]: what is gone.
		var user, session int64
		parts := strings.Split(strings.TrimSuffix(req.URL.Path, ".json"), "/")
		if len(parts) >= 6 {
			_, _ = fmt.Sscan(parts[4], &user)
		}
		if len(parts) == 7 {
			_, _ = fmt.Sscan(parts[6], &session)
		}
		maps.DeleteFunc(r.zSessions, func(id int64, s zendesktest.Session) bool {
			return s.UserID == user && (session == 0 || id == session)
		})
		return
	}
	if page, ok := decode[zgen.SessionsResponse](body); ok {
		for _, s := range page.Sessions {
			r.zSession(s)
		}
	}
	if users, ok := decode[zgen.UsersResponse](body); ok {
		for _, u := range users.Users {
			r.zUser(u.Id, zendesktest.Role(u.Role))
		}
	}
	if single, ok := decode[struct{ Session json.RawMessage }](body); ok && single.Session != nil {
		if one, ok := decode[zgen.Session](single.Session); ok {
			r.zSession(one)
		} else if many, ok := decode[[]zgen.Session](single.Session); ok && len(many) > 0 {
			r.zSession(many[0])
		}
	}
}

// decode decodes a JSON body into a T.
func decode[T any](b []byte) (T, bool) {
	var v T
	err := json.Unmarshal(b, &v)
	return v, err == nil
}

func (r *recording) zSession(s zgen.Session) {
	if s.Id <= 0 || s.UserId <= 0 {
		return
	}
	r.zUser(s.UserId, "")
	r.zSessions[s.Id] = zendesktest.Session{ID: s.Id, UserID: s.UserId,
		AuthenticatedAt: parseTime(s.AuthenticatedAt), LastSeenAt: parseTime(s.LastSeenAt)}
}

// zUser keeps a user under a made-up address: the real one is personal.
func (r *recording) zUser(id int64, role zendesktest.Role) {
	if id <= 0 {
		return
	}
	u, ok := r.zUsers[id]
	if !ok {
		u = zendesktest.User{ID: id, Email: fmt.Sprintf("user%d@example.invalid", id), Role: zendesktest.RoleEndUser}
	}
	switch role {
	case zendesktest.RoleAdmin, zendesktest.RoleAgent, zendesktest.RoleEndUser:
		u.Role = role
	}
	r.zUsers[id] = u
}

// addGameserver keeps the sessions (with their apps and deployments) a
// game-server answer to op shows; a successful delete drops the session.
func (r *recording) addGameserver(op string, req *http.Request, body []byte) {
	switch op {
	case "session-post":
		if b, ok := decode[ggen.SessionRequest](body); ok && b.SessionID != "" {
			s := r.gSessions[b.SessionID]
			s.ID, s.App, s.Version = b.SessionID, b.App, b.Version
			s.DeploymentRequestID = cmp.Or(b.DeploymentRequestID, s.DeploymentRequestID)
			r.gSession(s)
		}
	case "get-session":
		if b, ok := decode[ggen.SessionGet](body); ok && b.SessionID != "" {
			s := r.gSessions[b.SessionID]
			s.ID, s.Kind, s.Ready, s.Error, s.CreateTime = b.SessionID, b.Kind, b.Ready, b.Error, parseTime(b.CreateTime)
			if b.Deployment != nil {
				s.DeploymentRequestID = b.Deployment.RequestID
			}
			s.Users = testNetUsers(max(len(b.SessionUsers), len(b.SessionIPs)))
			r.gSession(s)
		}
	case "list-sessions":
		b, ok := decode[ggen.Sessions](body)
		for _, c := range b.Data {
			if !ok || c.SessionID == "" {
				continue
			}
			s := r.gSessions[c.SessionID]
			s.ID, s.Kind, s.Ready = c.SessionID, c.Kind, c.Ready
			s.DeploymentRequestID = cmp.Or(c.DeploymentRequestID, s.DeploymentRequestID)
			if len(s.Users) == 0 {
				s.Users = testNetUsers(c.UserCount)
			}
			r.gSession(s)
		}
	case "session-delete":
		delete(r.gSessions, req.URL.Path[strings.LastIndexByte(req.URL.Path, '/')+1:])
	}
}

// gSession keeps a session with its app and deployment; its players are
// TEST-NET addresses, its custom id and webhook are left out.
func (r *recording) gSession(s gameservertest.Session) {
	s.App = cmp.Or(s.App, recordedApp)
	s.Version = cmp.Or(s.Version, "v1")
	if r.gApps[s.App] == nil {
		r.gApps[s.App] = map[string]bool{}
	}
	r.gApps[s.App][s.Version] = true
	if s.DeploymentRequestID != "" {
		r.gDeploys[s.DeploymentRequestID] = gameservertest.Deployment{RequestID: s.DeploymentRequestID}
	}
	r.gSessions[s.ID] = s
}

// testNetUsers stands n players in at TEST-NET-3 addresses.
func testNetUsers(n int) []gameservertest.User {
	users := make([]gameservertest.User, min(n, 250))
	for i := range users {
		users[i].IP = fmt.Sprintf("203.0.113.%d", i+1)
	}
	return users
}

// state is the recording in the mock's format, with the one credential
// the mock needs: an admin and a game-server key, both RecordedToken.
func (r *recording) state() mockserver.State {
	var st mockserver.State
	admin := int64(1)
	for r.zUsers[admin].ID != 0 {
		admin++
	}
	st.Zendesk.Users = append(st.Zendesk.Users, zendesktest.User{ID: admin, Email: recordedEmail, Role: zendesktest.RoleAdmin, APIToken: RecordedToken})
	st.Zendesk.Users = append(st.Zendesk.Users, fakeapi.ByKey(r.zUsers)...)
	st.Zendesk.Sessions = fakeapi.ByKey(r.zSessions)
	st.Gameserver.APITokens = []string{RecordedToken}
	for _, app := range slices.Sorted(maps.Keys(r.gApps)) {
		a := gameservertest.App{Name: app}
		for _, v := range slices.Sorted(maps.Keys(r.gApps[app])) {
			a.Versions = append(a.Versions, gameservertest.AppVersion{Name: v})
		}
		st.Gameserver.Apps = append(st.Gameserver.Apps, a)
	}
	st.Gameserver.Deployments = fakeapi.ByKey(r.gDeploys)
	st.Gameserver.Sessions = fakeapi.ByKey(r.gSessions)
	return st
}

// parseTime reads an RFC 3339 time (Zendesk) or Python's str(datetime) in
// UTC (Edgegap); anything else is the zero time, "now" to the mock.
func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
