package gameservertest

import (
	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/openapi"

	"fmt"
	"net/http"
	"slices"
	"strconv"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
)

// handlers implements the generated server interface over a store.
// The shared server calls them holding the store's lock (fakeapi.API), so none
// of them locks anything.
type handlers struct{ st *store }

// Spec names the server and gives its OpenAPI document.
func (*store) Spec() (string, []byte) { return "gameservertest", openapi.Gameserver() }

// Handler returns the generated handler over the store's handlers.
func (st *store) Handler(badRequest fakeapi.ErrorHandler) http.Handler {
	return ggen.HandlerWithOptions(&handlers{st: st}, ggen.StdHTTPServerOptions{ErrorHandlerFunc: badRequest})
}

// SessionPost creates a session for an app version and its users. It starts
// "Waiting" and becomes ready as the server's Readiness says.
func (h *handlers) SessionPost(w http.ResponseWriter, r *http.Request) {
	var b ggen.SessionPostJSONRequestBody
	if fakeapi.Decode(w, r, &b) {
		fakeapi.Send(w, h.st.create(b))
	}
}

// create answers a session-post.
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
		return problem(http.StatusConflict, "", "")
	}
	s, ref := st.newSession(b.AppName, v, users, b.DeploymentRequestID)
	if ref != nil {
		return ref.reply()
	}
	s.webhook, s.selectors = b.WebhookURL, b.Selectors
	st.hooks.schedule(st, s)
	if len(b.Selectors) > 0 && s.requestedDep == "" {
		for _, sel := range b.Selectors {
			s.dep.Tags = append(s.dep.Tags, sel.Tag)
		}
	}
	return fakeapi.JSON(http.StatusOK, ggen.SessionRequest{
		SessionID:           s.id,
		App:                 s.app,
		Version:             s.version,
		DeploymentRequestID: s.requestedDep,
		WebhookURL:          s.webhook,
		Selectors:           append([]ggen.SelectorModel{}, b.Selectors...),
	})
}

// GetSession shows a session. Each call is a poll that brings the session
// closer to ready.
func (h *handlers) GetSession(w http.ResponseWriter, _ *http.Request, id string) {
	h.onSession(w, id, func(st *store, s *session) *fakeapi.Reply {
		now := st.now()
		st.advance(s, now)
		body := st.wireGet(s, now)
		if !s.ready {
			s.polls++
		}
		return fakeapi.JSON(http.StatusOK, body)
	})
}

// SessionDelete deletes a session: 404 when it does not exist, 410 when it
// (or its deployment) is already terminated.
func (h *handlers) SessionDelete(w http.ResponseWriter, _ *http.Request, id string) {
	st := h.st
	s, ok := st.sessions[id]
	switch {
	case !ok:
		fakeapi.Send(w, sessionNotFound(id))
	case s.terminated || s.dep.Terminated:
		fakeapi.Send(w, message(http.StatusGone, fmt.Sprintf("Session %s is already terminated", s.id)))
	default:
		delete(st.sessions, s.id)
		st.hooks.prune(st)
		fakeapi.Send(w, fakeapi.JSON(http.StatusOK, ggen.SessionDelete{
			Message:   fmt.Sprintf("Session %s deleted", s.id),
			SessionID: s.id,
			CustomID:  s.customID,
		}))
	}
}

// GetUsersSession lists the users of a session.
func (h *handlers) GetUsersSession(w http.ResponseWriter, _ *http.Request, id string) {
	h.onSession(w, id, func(_ *store, s *session) *fakeapi.Reply { return usersReply(s) })
}

// PutUsersSession adds users to a session; 422 when its deployment has not
// enough free sockets for them.
func (h *handlers) PutUsersSession(w http.ResponseWriter, r *http.Request, id string) {
	var b ggen.PutUsersSessionJSONRequestBody
	if !fakeapi.Decode(w, r, &b) {
		return
	}
	h.onSession(w, id, func(st *store, s *session) *fakeapi.Reply {
		add, ref := newUsers(b.IPList, nil)
		if ref != nil {
			return ref.reply()
		}
		add = slices.DeleteFunc(add, func(u ggen.SessionUser) bool { return s.hasUser(u.IP) })
		if d := s.dep; d.Sockets > 0 && st.usage(d)+len(add) > d.Sockets {
			return message(http.StatusUnprocessableEntity, fmt.Sprintf(
				"Not enough sockets available on the deployment for %d more user(s)", len(add)))
		}
		s.users = append(s.users, add...)
		return usersReply(s)
	})
}

// DeleteUsersSession removes users from a session; IPs it does not have are
// ignored.
func (h *handlers) DeleteUsersSession(w http.ResponseWriter, r *http.Request, id string) {
	var b ggen.DeleteUsersSessionJSONRequestBody
	if !fakeapi.Decode(w, r, &b) {
		return
	}
	h.onSession(w, id, func(_ *store, s *session) *fakeapi.Reply {
		for _, ip := range b.IPList {
			if ref := checkIP(ip); ref != nil {
				return ref.reply()
			}
		}
		s.users = slices.DeleteFunc(s.users, func(u ggen.SessionUser) bool { return slices.Contains(b.IPList, u.IP) })
		return usersReply(s)
	})
}

// ListSessions lists the live sessions, oldest first, a page at a time:
// page from 1, limit from 1 to 100. A page past the last answers 404, as the
// API's paginator does; an empty list still has a page 1.
func (h *handlers) ListSessions(w http.ResponseWriter, _ *http.Request, params ggen.ListSessionsParams) {
	st := h.st
	page, limit := 1, st.limit
	if p := params.Page; p != nil {
		page = *p
	}
	if l := params.Limit; l != nil {
		limit = *l
	}
	all := st.activeByAge()
	pages := max(1, (len(all)+limit-1)/limit)
	if page > pages {
		fakeapi.Send(w, message(http.StatusNotFound, "Invalid page."))
		return
	}
	now := st.now()
	start, end := (page-1)*limit, min(page*limit, len(all))
	data := make([]ggen.SessionContext, 0, end-start)
	for _, s := range all[start:end] {
		st.advance(s, now)
		data = append(data, wireContext(s))
	}
	hasNext := page < pages
	p := ggen.Pagination{
		Number:      page,
		Paginator:   ggen.Paginator{NumPages: pages},
		HasNext:     &hasNext,
		HasPrevious: page > 1,
	}
	if hasNext {
		n := page + 1
		p.NextPageNumber = &n
	}
	if p.HasPrevious {
		n := page - 1
		p.PreviousPageNumber = &n
	}
	fakeapi.Send(w, fakeapi.JSON(http.StatusOK, ggen.Sessions{Data: data, TotalCount: len(all), Pagination: p}))
}

// onSession answers with f on a live session; without one it answers 404.
func (h *handlers) onSession(w http.ResponseWriter, id string, f func(*store, *session) *fakeapi.Reply) {
	s, ok := h.st.active(id)
	if !ok {
		fakeapi.Send(w, sessionNotFound(id))
		return
	}
	fakeapi.Send(w, f(h.st, s))
}

// newUsers turns the IPs of a request into users, checking each and
// dropping repeats.
func newUsers(ips []string, geo []ggen.GeoIPListModel) ([]ggen.SessionUser, *refusal) {
	var users []ggen.SessionUser
	seen := make(map[string]bool)
	add := func(u ggen.SessionUser) *refusal {
		if ref := checkIP(u.IP); ref != nil {
			return ref
		}
		if !seen[u.IP] {
			seen[u.IP] = true
			users = append(users, u)
		}
		return nil
	}
	for _, g := range geo {
		if ref := add(ggen.SessionUser{IP: g.IP, Latitude: &g.Latitude, Longitude: &g.Longitude}); ref != nil {
			return nil, ref
		}
	}
	for _, ip := range ips {
		if ref := add(ggen.SessionUser{IP: ip}); ref != nil {
			return nil, ref
		}
	}
	return users, nil
}

// duplicate reports whether a session of the same app version with the same
// users is still waiting: creating it again is a 409.
func (st *store) duplicate(app, version string, users []ggen.SessionUser) bool {
	key := userKey(users)
	for _, s := range st.sessions {
		if s.app == app && s.version == version && !s.ready && s.failure == "" && !s.terminated && userKey(s.users) == key {
			return true
		}
	}
	return false
}

func userKey(users []ggen.SessionUser) string {
	ips := make([]string, 0, len(users))
	for _, u := range users {
		ips = append(ips, u.IP)
	}
	slices.Sort(ips)
	return fmt.Sprint(ips)
}

func (s *session) hasUser(ip string) bool {
	return slices.ContainsFunc(s.users, func(u ggen.SessionUser) bool { return u.IP == ip })
}

func usersReply(s *session) *fakeapi.Reply {
	return fakeapi.JSON(http.StatusOK, ggen.SessionUserContext{SessionUsers: append([]ggen.SessionUser{}, s.users...)})
}

func itoa(n int) string { return strconv.Itoa(n) }
