package gameservertest

import (
	"cmp"
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strings"

	ggen "github.com/sessionkit/sessions/gen/gameserver"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/openapi"
)

// Spec names the server and gives its OpenAPI document.
func (*store) Spec() (string, []byte) { return "gameservertest", openapi.Gameserver() }

// Handler returns the generated handler over the store, which implements
// the generated server interface. The shared server calls its methods
// holding the store's lock (fakeapi.API), so none of them locks anything.
func (st *store) Handler(badRequest fakeapi.ErrorHandler) http.Handler {
	return ggen.HandlerWithOptions(st, ggen.StdHTTPServerOptions{ErrorHandlerFunc: badRequest})
}

// Authenticate checks the "authorization: token <API key>" header. A server
// without keys says so in its 401, instead of leaving the caller to guess.
func (st *store) Authenticate(r *http.Request) (*http.Request, *fakeapi.Reply) {
	scheme, key, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	switch {
	case len(st.tokens) == 0:
		return nil, message(http.StatusUnauthorized, "gameservertest: this server has no API token configured, "+
			"so it refuses every request: start it with gameservertest.WithAPIToken(key) "+
			"and send the header \"authorization: token <key>\"")
	case scheme == "":
		return nil, message(http.StatusUnauthorized, "Authentication credentials were not provided.")
	case !strings.EqualFold(scheme, "token") || !st.tokens[strings.TrimSpace(key)]:
		return nil, message(http.StatusUnauthorized, "Invalid authentication token")
	}
	return r, nil
}

// SessionPost creates a session for an app version and its users. It starts
// "Waiting" and becomes ready as the server's Readiness says.
func (st *store) SessionPost(w http.ResponseWriter, r *http.Request) {
	var b ggen.SessionPostJSONRequestBody
	if fakeapi.Decode(w, r, &b) {
		fakeapi.Send(w, st.create(b))
	}
}

func (st *store) create(b ggen.SessionModel) *fakeapi.Reply {
	v, ref := st.appVersion(b.AppName, b.VersionName)
	if ref != nil {
		return ref.reply()
	}
	if v.Disabled {
		return message(http.StatusBadRequest, fmt.Sprintf("App version %s of %s is disabled", v.Name, b.AppName))
	}
	users, ref := newUsers(b.IPList, b.GeoIPList)
	if ref != nil {
		return ref.reply()
	}
	if len(users) == 0 {
		return message(http.StatusBadRequest, "ip_list or geo_ip_list must name at least one user")
	}
	if st.duplicate(b.AppName, v.Name, users) {
		return st.Problem(http.StatusConflict, "", "")
	}
	s, ref := st.newSession(Session{App: b.AppName, Users: users,
		DeploymentRequestID: b.DeploymentRequestID, WebhookURL: b.WebhookURL}, v)
	if ref != nil {
		return ref.reply()
	}
	if s.DeploymentRequestID == "" {
		for _, sel := range b.Selectors {
			s.dep.Tags = append(s.dep.Tags, sel.Tag)
		}
	}
	return fakeapi.JSON(http.StatusOK, ggen.SessionRequest{
		SessionID:           s.ID,
		App:                 s.App,
		Version:             s.Version,
		DeploymentRequestID: s.DeploymentRequestID,
		WebhookURL:          s.WebhookURL,
		Selectors:           append([]ggen.SelectorModel{}, b.Selectors...),
	})
}

// GetSession shows a session. Each call is a poll that brings the session
// closer to ready.
func (st *store) GetSession(w http.ResponseWriter, _ *http.Request, id string) {
	st.onSession(w, id, func(s *session) *fakeapi.Reply {
		now := st.now()
		st.advance(s, now)
		body := st.wireGet(s, now)
		if !s.Ready {
			s.polls++
		}
		return fakeapi.JSON(http.StatusOK, body)
	})
}

// SessionDelete deletes a session: 404 when it does not exist, 410 when it
// (or its deployment) is already terminated.
func (st *store) SessionDelete(w http.ResponseWriter, _ *http.Request, id string) {
	s, ok := st.sessions[id]
	switch {
	case !ok:
		fakeapi.Send(w, sessionNotFound(id))
	case s.Terminated || s.dep.Terminated:
		fakeapi.Send(w, message(http.StatusGone, fmt.Sprintf("Session %s is already terminated", s.ID)))
	default:
		delete(st.sessions, s.ID)
		st.hooks.prune(st)
		fakeapi.Send(w, fakeapi.JSON(http.StatusOK, ggen.SessionDelete{
			Message:   fmt.Sprintf("Session %s deleted", s.ID),
			SessionID: s.ID,
			CustomID:  s.CustomID,
		}))
	}
}

// GetUsersSession lists the users of a session.
func (st *store) GetUsersSession(w http.ResponseWriter, _ *http.Request, id string) {
	st.onSession(w, id, func(s *session) *fakeapi.Reply { return usersReply(s) })
}

// PutUsersSession adds users to a session; 422 when its deployment has not
// enough free sockets for them.
func (st *store) PutUsersSession(w http.ResponseWriter, r *http.Request, id string) {
	st.onUsers(w, r, id, func(s *session, add []User) *fakeapi.Reply {
		have := ips(s.Users)
		add = slices.DeleteFunc(add, func(u User) bool { return slices.Contains(have, u.IP) })
		if d := s.dep; d.Sockets > 0 && st.usage(d)+len(add) > d.Sockets {
			return message(http.StatusUnprocessableEntity, fmt.Sprintf(
				"Not enough sockets available on the deployment for %d more user(s)", len(add)))
		}
		s.Users = append(s.Users, add...)
		return nil
	})
}

// DeleteUsersSession removes users from a session; IPs it does not have are
// ignored.
func (st *store) DeleteUsersSession(w http.ResponseWriter, r *http.Request, id string) {
	st.onUsers(w, r, id, func(s *session, drop []User) *fakeapi.Reply {
		gone := ips(drop)
		s.Users = slices.DeleteFunc(s.Users, func(u User) bool { return slices.Contains(gone, u.IP) })
		return nil
	})
}

// onUsers changes the users of a live session with f, given the users the
// request body names, and answers with the session's users or f's refusal.
func (st *store) onUsers(w http.ResponseWriter, r *http.Request, id string, f func(*session, []User) *fakeapi.Reply) {
	var b ggen.PatchSessionModel
	if !fakeapi.Decode(w, r, &b) {
		return
	}
	st.onSession(w, id, func(s *session) *fakeapi.Reply {
		users, ref := newUsers(b.IPList, nil)
		if ref != nil {
			return ref.reply()
		}
		if deny := f(s, users); deny != nil {
			return deny
		}
		return usersReply(s)
	})
}

// ListSessions lists the live sessions, oldest first, a page at a time. A
// page past the last answers 404; an empty list still has a page 1.
func (st *store) ListSessions(w http.ResponseWriter, _ *http.Request, params ggen.ListSessionsParams) {
	page, limit := *cmp.Or(params.Page, new(1)), *cmp.Or(params.Limit, &st.limit)
	all := st.activeByAge()
	pages := max(1, (len(all)+limit-1)/limit)
	if page > pages {
		fakeapi.Send(w, message(http.StatusNotFound, "Invalid page."))
		return
	}
	now := st.now()
	data := []ggen.SessionContext{}
	for _, s := range all[(page-1)*limit : min(page*limit, len(all))] {
		st.advance(s, now)
		data = append(data, wireContext(s))
	}
	p := ggen.Pagination{Number: page, Paginator: ggen.Paginator{NumPages: pages},
		HasNext: new(page < pages), HasPrevious: page > 1}
	if page < pages {
		p.NextPageNumber = new(page + 1)
	}
	if page > 1 {
		p.PreviousPageNumber = new(page - 1)
	}
	fakeapi.Send(w, fakeapi.JSON(http.StatusOK, ggen.Sessions{Data: data, TotalCount: len(all), Pagination: p}))
}

// SessionsBulkStop terminates the live sessions that match all the filters,
// and lists them; a second stop finds nothing left. A filter looks at one
// field of a session: its id (session_id), its deployment's request id
// (request_id) or tags (deployment_tags); filter_type any matches when the
// field has one of the values, all when it has every one, not when none.
func (st *store) SessionsBulkStop(w http.ResponseWriter, r *http.Request) {
	var b ggen.SessionsBulkStopJSONRequestBody
	if fakeapi.Decode(w, r, &b) {
		fakeapi.Send(w, st.bulkStop(b.Filters))
	}
}

func (st *store) bulkStop(filters []ggen.SessionBulkStopFiltersPayload) *fakeapi.Reply {
	if len(filters) == 0 {
		return message(http.StatusBadRequest, "filters must hold at least one filter")
	}
	for _, f := range filters {
		if len(f.Values) == 0 {
			return message(http.StatusBadRequest, fmt.Sprintf("the %s filter has no values", f.Field))
		}
	}
	stopped := []ggen.SessionBulkStopProcessable{}
	for _, s := range st.activeByAge() {
		if !slices.ContainsFunc(filters, func(f ggen.SessionBulkStopFiltersPayload) bool { return !matches(s, f) }) {
			s.Terminated = true
			stopped = append(stopped, ggen.SessionBulkStopProcessable{SessionID: s.ID})
		}
	}
	return fakeapi.JSON(http.StatusOK, ggen.SessionBulkStopResponse{Processable: stopped})
}

func matches(s *session, f ggen.SessionBulkStopFiltersPayload) bool {
	have := map[ggen.SessionBulkStopFiltersPayloadField][]string{
		ggen.BulkStopFieldSessionID:      {s.ID},
		ggen.BulkStopFieldRequestID:      {s.dep.RequestID},
		ggen.BulkStopFieldDeploymentTags: s.dep.Tags,
	}[f.Field]
	has := func(v string) bool { return slices.Contains(have, v) }
	switch f.FilterType {
	case ggen.BulkStopFilterAny:
		return slices.ContainsFunc(f.Values, has)
	case ggen.BulkStopFilterAll:
		return !slices.ContainsFunc(f.Values, func(v string) bool { return !has(v) })
	case ggen.BulkStopFilterNot:
		return !slices.ContainsFunc(f.Values, has)
	}
	return false
}

// onSession answers with f on a live session; without one it answers 404.
func (st *store) onSession(w http.ResponseWriter, id string, f func(*session) *fakeapi.Reply) {
	s, ok := st.sessions[id]
	if !ok || s.Terminated {
		fakeapi.Send(w, sessionNotFound(id))
		return
	}
	fakeapi.Send(w, f(s))
}

// newUsers turns the IPs of a request into users, checking each and
// dropping repeats.
func newUsers(ipList []string, geo []ggen.GeoIPListModel) ([]User, *refusal) {
	var users []User
	for _, g := range geo {
		users = append(users, User{IP: g.IP, Location: &Location{g.Latitude, g.Longitude}})
	}
	for _, ip := range ipList {
		users = append(users, User{IP: ip})
	}
	seen := make(map[string]bool)
	var out []User
	for _, u := range users {
		if _, err := netip.ParseAddr(u.IP); err != nil {
			return nil, refuse(http.StatusBadRequest, "%q is not a valid IP address", u.IP)
		}
		if !seen[u.IP] {
			seen[u.IP] = true
			out = append(out, u)
		}
	}
	return out, nil
}

// duplicate reports whether a session of the same app version with the same
// users is still waiting: creating it again is a 409.
func (st *store) duplicate(app, version string, users []User) bool {
	key := slices.Sorted(slices.Values(ips(users)))
	for _, s := range st.sessions {
		if s.App == app && s.Version == version && s.status() == "Waiting" && !s.Terminated &&
			slices.Equal(slices.Sorted(slices.Values(ips(s.Users))), key) {
			return true
		}
	}
	return false
}

func ips(users []User) []string {
	out := make([]string, 0, len(users))
	for _, u := range users {
		out = append(out, u.IP)
	}
	return out
}

// refusal is a request the API refuses: a status and the message of its
// {"message": ...} body.
type refusal struct {
	status  int
	message string
}

func refuse(status int, format string, args ...any) *refusal {
	return &refusal{status: status, message: fmt.Sprintf(format, args...)}
}

func (r *refusal) Error() string { return r.message }

func (r *refusal) reply() *fakeapi.Reply { return message(r.status, r.message) }

// message is the API's reply for every error: {"message": "..."}.
func message(status int, msg string) *fakeapi.Reply {
	return fakeapi.JSON(status, ggen.Error{Message: msg})
}

// Problem is the server's error reply for a status. The game server has no
// error codes: code is ignored, and an empty message means the status's
// usual one.
func (*store) Problem(status int, _, msg string) *fakeapi.Reply {
	if d, ok := defaultMessages[status]; ok && (msg == "" || msg == http.StatusText(status)) {
		msg = d
	}
	return message(status, cmp.Or(msg, http.StatusText(status)))
}

// defaultMessages are the API's usual messages for a status.
var defaultMessages = map[int]string{
	http.StatusUnauthorized:        "Invalid authentication token",
	http.StatusForbidden:           "You do not have permission to perform this action",
	http.StatusNotFound:            "Not found.",
	http.StatusConflict:            "A session with these users is already being processed",
	http.StatusGone:                "The session is already terminated",
	http.StatusUnprocessableEntity: "The request could not be processed",
	http.StatusTooManyRequests:     "Too many requests, please slow down",
	http.StatusInternalServerError: "Internal server error",
	http.StatusBadGateway:          "Bad gateway",
	http.StatusServiceUnavailable:  "Service temporarily unavailable",
}

func sessionNotFound(id string) *fakeapi.Reply {
	return message(http.StatusNotFound, fmt.Sprintf("Session %s not found", id))
}
