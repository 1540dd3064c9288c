package gameserver

import (
	"context"
	"encoding/json"
	"net/http"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Users returns the users of a session (GET /v1/session/{session_id}/users,
// operation get-users-session).
func (s *SessionsService) Users(ctx context.Context, sessionID string, opts ...Option) ([]User, error) {
	var users []User
	err := s.do(ctx, opts, checkSessionID(sessionID), opUsers, func(base string) (*http.Request, error) {
		return ggen.NewGetUsersSessionRequest(base, sessionID)
	}, decodeUsers(&users))
	return users, err
}

// AddUsers adds users, by public IP, to a session (PUT
// /v1/session/{session_id}/users, operation put-users-session) and returns
// the session's users after the change. ips must hold at least one IP
// address. A deployment without room for them answers 422 (ErrUnprocessable).
func (s *SessionsService) AddUsers(ctx context.Context, sessionID string, ips []string, opts ...Option) ([]User, error) {
	var users []User
	err := s.do(ctx, opts, checkUsers(sessionID, ips), opAddUsers, func(base string) (*http.Request, error) {
		return ggen.NewPutUsersSessionRequest(base, sessionID, ggen.PatchSessionModel{IPList: ips})
	}, decodeUsers(&users))
	return users, err
}

// RemoveUsers removes users, by public IP, from a session (DELETE
// /v1/session/{session_id}/users with a JSON body, operation
// delete-users-session) and returns the session's users after the change.
// ips must hold at least one IP address.
func (s *SessionsService) RemoveUsers(ctx context.Context, sessionID string, ips []string, opts ...Option) ([]User, error) {
	var users []User
	err := s.do(ctx, opts, checkUsers(sessionID, ips), opRemoveUsers, func(base string) (*http.Request, error) {
		return ggen.NewDeleteUsersSessionRequest(base, sessionID, ggen.PatchSessionModel{IPList: ips})
	}, decodeUsers(&users))
	return users, err
}

// checkUsers checks the arguments of AddUsers and RemoveUsers.
func checkUsers(sessionID string, ips []string) error {
	if err := checkSessionID(sessionID); err != nil {
		return err
	}
	return checkIPs("ips", ips)
}

// decodeUsers decodes a SessionUserContext answer; the session's users are
// never nil on success.
func decodeUsers(out *[]User) core.Decoder {
	return func(r core.Response) error {
		var body ggen.SessionUserContext
		if err := json.Unmarshal(r.Body, &body); err != nil {
			return err
		}
		users, _ := usersFromGen(body.SessionUsers, nil)
		if users == nil {
			users = []User{}
		}
		*out = users
		return nil
	}
}
