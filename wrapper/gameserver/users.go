package gameserver

import (
	"context"
	"net/http"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Users returns the users of a session (GET /v1/session/{session_id}/users,
// operation get-users-session).
func (s *SessionsService) Users(ctx context.Context, sessionID string, opts ...Option) ([]User, error) {
	if err := checkSessionID(sessionID); err != nil {
		return nil, err
	}
	ctx, err := s.prepare(ctx, opts)
	if err != nil {
		return nil, err
	}
	return decodeUsers(s.gen.GetUsersSession(ctx, sessionID))
}

// AddUsers adds users, by public IP, to a session (PUT
// /v1/session/{session_id}/users, operation put-users-session) and returns
// the session's users after the change. ips must hold at least one IP
// address. A deployment without room for them answers 422 (ErrUnprocessable).
func (s *SessionsService) AddUsers(ctx context.Context, sessionID string, ips []string, opts ...Option) ([]User, error) {
	ctx, err := s.prepareUsers(ctx, sessionID, ips, opts)
	if err != nil {
		return nil, err
	}
	return decodeUsers(s.gen.PutUsersSession(ctx, sessionID, ggen.PatchSessionModel{IPList: ips}))
}

// RemoveUsers removes users, by public IP, from a session (DELETE
// /v1/session/{session_id}/users with a JSON body, operation
// delete-users-session) and returns the session's users after the change.
// ips must hold at least one IP address.
func (s *SessionsService) RemoveUsers(ctx context.Context, sessionID string, ips []string, opts ...Option) ([]User, error) {
	ctx, err := s.prepareUsers(ctx, sessionID, ips, opts)
	if err != nil {
		return nil, err
	}
	return decodeUsers(s.gen.DeleteUsersSession(ctx, sessionID, ggen.PatchSessionModel{IPList: ips}))
}

// prepareUsers checks the arguments of AddUsers and RemoveUsers and
// prepares the call.
func (s *SessionsService) prepareUsers(ctx context.Context, sessionID string, ips []string, opts []Option) (context.Context, error) {
	if err := checkSessionID(sessionID); err != nil {
		return nil, err
	}
	if err := checkIPs("ips", ips); err != nil {
		return nil, err
	}
	return s.prepare(ctx, opts)
}

// decodeUsers decodes a SessionUserContext answer; the session's users are
// never nil on success.
func decodeUsers(resp *http.Response, err error) ([]User, error) {
	if err != nil {
		return nil, err
	}
	var body ggen.SessionUserContext
	if err := core.DecodeJSON(resp, &body); err != nil {
		return nil, err
	}
	users := usersFromGen(body.SessionUsers)
	if users == nil {
		users = []User{}
	}
	return users, nil
}
