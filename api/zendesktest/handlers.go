package zendesktest

import (
	"context"
	"crypto/rand"
	"net/http"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
)

// handlers implements the generated strict server interface over a store.
// The shared server calls them holding st.mu (fakeapi.API.State), so none
// of them, nor the store methods they call, locks anything.
type handlers struct{ st *store }

var _ zgen.StrictServerInterface = (*handlers)(nil)

// ListSessions lists every session of the account to an admin, and only
// their own to anyone else, with cursor pagination.
func (h *handlers) ListSessions(ctx context.Context, req zgen.ListSessionsRequestObject) (zgen.ListSessionsResponseObject, error) {
	c := callerFrom(ctx)
	p := req.Params
	q := cursorQuery{size: p.PageSize, after: p.PageAfter, before: p.PageBefore, sort: p.Sort}
	return h.cursorPage(c, "/api/v2/sessions", q, func(s Session) bool {
		return c.admin() || s.UserID == c.user.ID
	}), nil
}

// ListUserSessions lists one user's sessions: cursor pagination when a
// page[...] parameter is given, offset pagination otherwise.
func (h *handlers) ListUserSessions(ctx context.Context, req zgen.ListUserSessionsRequestObject) (zgen.ListUserSessionsResponseObject, error) {
	c := callerFrom(ctx)
	if deny := h.checkUser(c, req.UserId); deny != nil {
		return deny, nil
	}
	p := req.Params
	keep := func(s Session) bool { return s.UserID == req.UserId }
	path := "/api/v2/users/" + itoa(req.UserId) + "/sessions"
	if p.PageSize != nil || p.PageAfter != nil || p.PageBefore != nil {
		q := cursorQuery{size: p.PageSize, after: p.PageAfter, before: p.PageBefore, sort: p.Sort}
		return h.cursorPage(c, path, q, keep), nil
	}
	return h.offsetPage(c, path, offsetQuery{page: p.Page, perPage: p.PerPage, sort: p.Sort}, keep), nil
}

// BulkDeleteSessionsByUserId deletes every session of a user.
func (h *handlers) BulkDeleteSessionsByUserId(ctx context.Context, req zgen.BulkDeleteSessionsByUserIdRequestObject) (zgen.BulkDeleteSessionsByUserIdResponseObject, error) {
	if deny := h.checkUser(callerFrom(ctx), req.UserId); deny != nil {
		return deny, nil
	}
	h.st.deleteUserSessions(req.UserId)
	return emptyReply(http.StatusNoContent), nil
}

// ShowSession shows one session of a user.
func (h *handlers) ShowSession(ctx context.Context, req zgen.ShowSessionRequestObject) (zgen.ShowSessionResponseObject, error) {
	c := callerFrom(ctx)
	s, deny := h.userSession(c, req.UserId, req.SessionId)
	if deny != nil {
		return deny, nil
	}
	return h.sessionReply(s, c.base), nil
}

// DeleteSession deletes one session of a user.
func (h *handlers) DeleteSession(ctx context.Context, req zgen.DeleteSessionRequestObject) (zgen.DeleteSessionResponseObject, error) {
	s, deny := h.userSession(callerFrom(ctx), req.UserId, req.SessionId)
	if deny != nil {
		return deny, nil
	}
	h.st.deleteSession(s.ID)
	return emptyReply(http.StatusNoContent), nil
}

// DeleteAuthenticatedSession answers 204 and does nothing: with Basic or
// OAuth authentication there is no cookie session to log out of, which is
// what the live API does too.
func (h *handlers) DeleteAuthenticatedSession(context.Context, zgen.DeleteAuthenticatedSessionRequestObject) (zgen.DeleteAuthenticatedSessionResponseObject, error) {
	return emptyReply(http.StatusNoContent), nil
}

// ShowCurrentlyAuthenticatedSession shows the caller's current session: their
// most recently authenticated one; 404 when they have none.
func (h *handlers) ShowCurrentlyAuthenticatedSession(ctx context.Context, _ zgen.ShowCurrentlyAuthenticatedSessionRequestObject) (zgen.ShowCurrentlyAuthenticatedSessionResponseObject, error) {
	c := callerFrom(ctx)
	s, ok := h.st.current(c.user.ID)
	if !ok {
		return notFound(), nil
	}
	return h.sessionReply(s, c.base), nil
}

// RenewCurrentSession renews the caller's current session: it is seen now,
// and a fresh authenticity token comes back, a new one every time.
func (h *handlers) RenewCurrentSession(ctx context.Context, _ zgen.RenewCurrentSessionRequestObject) (zgen.RenewCurrentSessionResponseObject, error) {
	s, ok := h.st.current(callerFrom(ctx).user.ID)
	if !ok {
		return notFound(), nil
	}
	h.st.touch(s.ID)
	token := rand.Text()
	return jsonReply(http.StatusOK, zgen.RenewSessionResponse{AuthenticityToken: token}), nil
}

// checkUser lets admins at any existing user, and others only at themselves.
func (h *handlers) checkUser(c caller, userID int64) *reply {
	if !c.admin() && userID != c.user.ID {
		return forbidden()
	}
	if _, ok := h.st.user(userID); !ok {
		return notFound()
	}
	return nil
}

// userSession finds a session of a user that the caller may see.
func (h *handlers) userSession(c caller, userID, sessionID int64) (Session, *reply) {
	if deny := h.checkUser(c, userID); deny != nil {
		return Session{}, deny
	}
	s, ok := h.st.session(sessionID)
	if !ok || s.UserID != userID {
		return Session{}, notFound()
	}
	return s, nil
}

func (h *handlers) sessionReply(s Session, base string) *reply {
	if h.st.asArray {
		return jsonReply(http.StatusOK, sessionArray{Session: []wireSession{toWire(s, base)}})
	}
	return jsonReply(http.StatusOK, sessionObject{Session: toWire(s, base)})
}
