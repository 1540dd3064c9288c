package zendesktest

import (
	"crypto/rand"
	"net/http"

	zgen "github.com/sessionkit/sessions/gen/zendesk"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/openapi"
)

// handlers implements the generated server interface over a store. The
// shared server calls them holding the store's lock (fakeapi.API), so none of
// them, nor the store methods they call, locks anything.
type handlers struct{ st *store }

// Spec names the server and gives its OpenAPI document.
func (*store) Spec() (string, []byte) { return "zendesktest", openapi.Zendesk() }

// Handler returns the generated handler over the store's handlers.
func (st *store) Handler(badRequest fakeapi.ErrorHandler) http.Handler {
	return zgen.HandlerWithOptions(&handlers{st: st}, zgen.StdHTTPServerOptions{ErrorHandlerFunc: badRequest})
}

// ListSessions lists every session of the account to an admin, and only
// their own to anyone else, with cursor pagination.
func (h *handlers) ListSessions(w http.ResponseWriter, r *http.Request, p zgen.ListSessionsParams) {
	c := callerFrom(r.Context())
	q := cursorQuery{size: p.PageSize, after: p.PageAfter, before: p.PageBefore, sort: p.Sort}
	fakeapi.Send(w, h.cursorPage(c, "/api/v2/sessions", q, func(s Session) bool {
		return c.admin() || s.UserID == c.user.ID
	}))
}

// ListUserSessions lists one user's sessions: cursor pagination when a
// page[...] parameter is given, offset pagination otherwise.
func (h *handlers) ListUserSessions(w http.ResponseWriter, r *http.Request, userID int64, p zgen.ListUserSessionsParams) {
	c := callerFrom(r.Context())
	if deny := h.checkUser(c, userID); deny != nil {
		fakeapi.Send(w, deny)
		return
	}
	keep := func(s Session) bool { return s.UserID == userID }
	path := "/api/v2/users/" + itoa(userID) + "/sessions"
	if p.PageSize != nil || p.PageAfter != nil || p.PageBefore != nil {
		q := cursorQuery{size: p.PageSize, after: p.PageAfter, before: p.PageBefore, sort: p.Sort}
		fakeapi.Send(w, h.cursorPage(c, path, q, keep))
		return
	}
	fakeapi.Send(w, h.offsetPage(c, path, offsetQuery{page: p.Page, perPage: p.PerPage, sort: p.Sort}, keep))
}

// BulkDeleteSessionsByUserId deletes every session of a user.
func (h *handlers) BulkDeleteSessionsByUserId(w http.ResponseWriter, r *http.Request, userID int64) { //nolint:revive // the generated name
	if deny := h.checkUser(callerFrom(r.Context()), userID); deny != nil {
		fakeapi.Send(w, deny)
		return
	}
	h.st.deleteUserSessions(userID)
	fakeapi.Send(w, fakeapi.Empty(http.StatusNoContent))
}

// ShowSession shows one session of a user.
func (h *handlers) ShowSession(w http.ResponseWriter, r *http.Request, userID, sessionID int64) {
	c := callerFrom(r.Context())
	s, deny := h.userSession(c, userID, sessionID)
	if deny != nil {
		fakeapi.Send(w, deny)
		return
	}
	fakeapi.Send(w, h.sessionReply(s, c.base))
}

// DeleteSession deletes one session of a user.
func (h *handlers) DeleteSession(w http.ResponseWriter, r *http.Request, userID, sessionID int64) {
	s, deny := h.userSession(callerFrom(r.Context()), userID, sessionID)
	if deny != nil {
		fakeapi.Send(w, deny)
		return
	}
	h.st.deleteSession(s.ID)
	fakeapi.Send(w, fakeapi.Empty(http.StatusNoContent))
}

// DeleteAuthenticatedSession answers 204 and does nothing: with Basic or
// OAuth authentication there is no cookie session to log out of, which is
// what the live API does too.
func (h *handlers) DeleteAuthenticatedSession(w http.ResponseWriter, _ *http.Request) {
	fakeapi.Send(w, fakeapi.Empty(http.StatusNoContent))
}

// ShowCurrentlyAuthenticatedSession shows the caller's current session: their
// most recently authenticated one; 404 when they have none.
func (h *handlers) ShowCurrentlyAuthenticatedSession(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	s, ok := h.st.current(c.user.ID)
	if !ok {
		fakeapi.Send(w, notFound())
		return
	}
	fakeapi.Send(w, h.sessionReply(s, c.base))
}

// RenewCurrentSession renews the caller's current session: it is seen now,
// and a fresh authenticity token comes back, a new one every time.
func (h *handlers) RenewCurrentSession(w http.ResponseWriter, r *http.Request) {
	s, ok := h.st.current(callerFrom(r.Context()).user.ID)
	if !ok {
		fakeapi.Send(w, notFound())
		return
	}
	h.st.touch(s.ID)
	token := rand.Text()
	fakeapi.Send(w, fakeapi.JSON(http.StatusOK, zgen.RenewSessionResponse{AuthenticityToken: token}))
}

// checkUser lets admins at any existing user, and others only at themselves.
func (h *handlers) checkUser(c caller, userID int64) *fakeapi.Reply {
	if !c.admin() && userID != c.user.ID {
		return forbidden()
	}
	if _, ok := h.st.user(userID); !ok {
		return notFound()
	}
	return nil
}

// userSession finds a session of a user that the caller may see.
func (h *handlers) userSession(c caller, userID, sessionID int64) (Session, *fakeapi.Reply) {
	if deny := h.checkUser(c, userID); deny != nil {
		return Session{}, deny
	}
	s, ok := h.st.session(sessionID)
	if !ok || s.UserID != userID {
		return Session{}, notFound()
	}
	return s, nil
}

func (h *handlers) sessionReply(s Session, base string) *fakeapi.Reply {
	var body zgen.SessionResponse
	var err error
	if h.st.asArray {
		err = body.Session.FromSessionList(zgen.SessionList{toWire(s, base)})
	} else {
		err = body.Session.FromSession(toWire(s, base))
	}
	if err != nil {
		return problem(http.StatusInternalServerError, "", err.Error())
	}
	return fakeapi.JSON(http.StatusOK, body)
}
