package zendesktest

import (
	"cmp"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	zgen "github.com/sessionkit/sessions/gen/zendesk"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// WholeSchemas names the objects the live API sends with every key, null
// when it has no value (last_seen_at, the cursors, the links).
func (*store) WholeSchemas() []string { return []string{"Session", "CursorMeta", "CursorLinks"} }

// ListSessions lists every session of the account to an admin, and only
// their own to anyone else, with cursor pagination.
func (st *store) ListSessions(w http.ResponseWriter, r *http.Request, p zgen.ListSessionsParams) {
	c := callerFrom(r.Context())
	fakeapi.Send(w, st.cursorPage(c, "/api/v2/sessions", p, func(s Session) bool {
		return c.admin() || s.UserID == c.user.ID
	}))
}

// ListUserSessions lists one user's sessions: cursor pagination when a
// page[...] parameter is given, offset pagination otherwise.
func (st *store) ListUserSessions(w http.ResponseWriter, r *http.Request, userID int64, p zgen.ListUserSessionsParams) {
	c := callerFrom(r.Context())
	keep := func(s Session) bool { return s.UserID == userID }
	path := fmt.Sprintf("/api/v2/users/%d/sessions", userID)
	switch deny := st.checkUser(c, userID); {
	case deny != nil:
		fakeapi.Send(w, deny)
	case p.PageSize != nil || p.PageAfter != nil || p.PageBefore != nil:
		fakeapi.Send(w, st.cursorPage(c, path, zgen.ListSessionsParams{
			PageSize: p.PageSize, PageAfter: p.PageAfter, PageBefore: p.PageBefore, Sort: p.Sort}, keep))
	default:
		fakeapi.Send(w, st.offsetPage(c, path, p, keep))
	}
}

// BulkDeleteSessionsByUserId deletes every session of a user.
func (st *store) BulkDeleteSessionsByUserId(w http.ResponseWriter, r *http.Request, userID int64) { //nolint:revive // the generated name
	if deny := st.checkUser(callerFrom(r.Context()), userID); deny != nil {
		fakeapi.Send(w, deny)
		return
	}
	for id, s := range st.sessions {
		if s.UserID == userID {
			delete(st.sessions, id)
		}
	}
	fakeapi.Send(w, fakeapi.Empty(http.StatusNoContent))
}

// ShowSession shows one session of a user.
func (st *store) ShowSession(w http.ResponseWriter, r *http.Request, userID, sessionID int64) {
	c := callerFrom(r.Context())
	fakeapi.Send(w, st.onSession(c, userID, sessionID, func(s Session) *fakeapi.Reply {
		return st.sessionReply(s, c.base)
	}))
}

// DeleteSession deletes one session of a user.
func (st *store) DeleteSession(w http.ResponseWriter, r *http.Request, userID, sessionID int64) {
	fakeapi.Send(w, st.onSession(callerFrom(r.Context()), userID, sessionID, func(s Session) *fakeapi.Reply {
		delete(st.sessions, s.ID)
		return fakeapi.Empty(http.StatusNoContent)
	}))
}

// DeleteAuthenticatedSession answers 204 and does nothing: under Basic or
// OAuth authentication there is no cookie session to log out of.
func (st *store) DeleteAuthenticatedSession(w http.ResponseWriter, _ *http.Request) {
	fakeapi.Send(w, fakeapi.Empty(http.StatusNoContent))
}

// ShowCurrentlyAuthenticatedSession shows the caller's current session.
func (st *store) ShowCurrentlyAuthenticatedSession(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	fakeapi.Send(w, st.onCurrent(c, func(s Session) *fakeapi.Reply { return st.sessionReply(s, c.base) }))
}

// RenewCurrentSession renews the caller's current session: it is seen now,
// and a fresh authenticity token comes back, a new one every time.
func (st *store) RenewCurrentSession(w http.ResponseWriter, r *http.Request) {
	fakeapi.Send(w, st.onCurrent(callerFrom(r.Context()), func(s Session) *fakeapi.Reply {
		s.LastSeenAt = st.now().UTC().Truncate(time.Second)
		st.sessions[s.ID] = s
		return fakeapi.JSON(http.StatusOK, zgen.RenewSessionResponse{AuthenticityToken: rand.Text()})
	}))
}

// onCurrent answers with f on the caller's current session, the one their
// credentials are on: their most recently authenticated one; 404 when they
// have none.
func (st *store) onCurrent(c caller, f func(Session) *fakeapi.Reply) *fakeapi.Reply {
	o, _ := parseOrder("-authenticated_at")
	if mine := st.list(func(s Session) bool { return s.UserID == c.user.ID }, o); len(mine) > 0 {
		return f(mine[0])
	}
	return notFound()
}

// checkUser lets admins at any existing user, and others only at themselves.
func (st *store) checkUser(c caller, userID int64) *fakeapi.Reply {
	if !c.admin() && userID != c.user.ID {
		return forbidden()
	}
	if _, ok := st.users[userID]; !ok {
		return notFound()
	}
	return nil
}

// onSession answers with f on a session of a user that the caller may see.
func (st *store) onSession(c caller, userID, sessionID int64, f func(Session) *fakeapi.Reply) *fakeapi.Reply {
	if deny := st.checkUser(c, userID); deny != nil {
		return deny
	}
	if s, ok := st.sessions[sessionID]; ok && s.UserID == userID {
		return f(s)
	}
	return notFound()
}

func (st *store) sessionReply(s Session, base string) *fakeapi.Reply {
	var body zgen.SessionResponse
	err := body.Session.FromSession(toWire(s, base))
	if st.asArray {
		err = body.Session.FromSessionList(zgen.SessionList{toWire(s, base)})
	}
	if err != nil {
		return problem(http.StatusInternalServerError, "", err.Error())
	}
	return fakeapi.JSON(http.StatusOK, body)
}

// toWire is a session as the API sends it, its times as Zendesk writes
// them (2014-11-18T17:24:29Z).
func toWire(s Session, base string) zgen.Session {
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02T15:04:05Z")
	}
	return zgen.Session{
		Id:              s.ID,
		UserId:          s.UserID,
		AuthenticatedAt: stamp(s.AuthenticatedAt),
		LastSeenAt:      stamp(s.LastSeenAt),
		Url:             fmt.Sprintf("%s/api/v2/users/%d/sessions/%d.json", base, s.UserID, s.ID),
	}
}

// SearchUsers answers Zendesk's user search for admins and agents, the way
// the live service reads the two forms offboarding uses: "email:ADDRESS"
// matches the user whose email is ADDRESS, compared without regard to case;
// any other query is a plain term matched, without regard to case, inside
// names and emails. Users come in id order with offset pagination.
func (st *store) SearchUsers(w http.ResponseWriter, r *http.Request, p zgen.SearchUsersParams) {
	c := callerFrom(r.Context())
	if !c.admin() && c.user.Role != RoleAgent {
		fakeapi.Send(w, forbidden())
		return
	}
	q := strings.TrimSpace(p.Query)
	term := strings.ToLower(q)
	match := func(u User) bool {
		return term != "" && (strings.Contains(strings.ToLower(u.Email), term) || strings.Contains(strings.ToLower(u.Name), term))
	}
	if addr, ok := strings.CutPrefix(q, "email:"); ok {
		addr = strings.Trim(strings.TrimSpace(addr), `"`)
		match = func(u User) bool { return sameEmail(u.Email, addr) }
	}
	var found []zgen.User
	for _, u := range fakeapi.ByKey(st.users) {
		if match(u) {
			role := string(cmp.Or(u.Role, RoleEndUser)) // and the credentials stay here
			found = append(found, zgen.User{Id: u.ID, Role: role, Active: true, Email: u.Email, Name: u.Name})
		}
	}
	page, next, prev, deny := offset(found, p.Page, p.PerPage, func(v url.Values) string {
		v.Set("query", p.Query)
		return c.base + "/api/v2/users/search?" + v.Encode()
	})
	if deny != nil {
		fakeapi.Send(w, deny)
		return
	}
	body := zgen.UsersResponse{Users: page, Count: len(found), NextPage: next, PreviousPage: prev}
	fakeapi.Send(w, fakeapi.JSON(http.StatusOK, body))
}

// Problem is the server's error reply for a status (see problem).
func (*store) Problem(status int, code, message string) *fakeapi.Reply {
	return problem(status, code, message)
}

// classic returns Zendesk's classic error body: {"error": code, "description": ...}.
func classic(status int, code, description string) *fakeapi.Reply {
	return fakeapi.JSON(status, zgen.ErrorBody{Error: code, Description: description})
}

// problem is the server's error reply for a status, in Zendesk's classic
// shape. code and message, when given, override the status's defaults.
func problem(status int, code, message string) *fakeapi.Reply {
	if status == http.StatusUnauthorized {
		return classic(status, msgCouldNotAuthenticate, "")
	}
	if code == "" {
		d := defaultProblems[status]
		code, message = cmp.Or(d[0], http.StatusText(status)), cmp.Or(d[1], http.StatusText(status))
	}
	return classic(status, code, message)
}

// defaultProblems are Zendesk's usual code and description for a status.
var defaultProblems = map[int][2]string{
	http.StatusBadRequest:          {"BadRequest", "Bad request"},
	http.StatusForbidden:           {"Forbidden", msgForbidden},
	http.StatusNotFound:            {"RecordNotFound", "Not found"},
	http.StatusConflict:            {"Conflict", "The resource was modified by another request. Please try again."},
	http.StatusUnprocessableEntity: {"RecordInvalid", "Record validation errors"},
	http.StatusTooManyRequests:     {"TooManyRequests", "Number of allowed API requests per minute exceeded"},
	http.StatusServiceUnavailable:  {"ServiceUnavailable", "The service is temporarily unavailable. Please try again later."},
	http.StatusInternalServerError: {"InternalServerError", "Something went wrong. Please try again later."},
}

func notFound() *fakeapi.Reply  { return problem(http.StatusNotFound, "", "") }
func forbidden() *fakeapi.Reply { return problem(http.StatusForbidden, "", "") }

// withHeader sets a header of a reply and returns it.
func withHeader(r *fakeapi.Reply, name, value string) *fakeapi.Reply {
	r.Header = http.Header{name: {value}}
	return r
}

// invalidPagination is the classic 400 for a bad pagination parameter.
func invalidPagination(description string) *fakeapi.Reply {
	return classic(http.StatusBadRequest, "InvalidPaginationParameter", description)
}
