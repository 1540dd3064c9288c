package zendesk

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// SessionsService holds the operations of Zendesk's Sessions API; reach it
// as Client.Sessions. A bad argument is an *InvalidArgumentError naming
// it, before any request.
type SessionsService struct {
	engine *core.Engine
}

// The operations, as the engine sees them.
var (
	opShow       = &core.Op{Name: "ShowSession", Method: http.MethodGet}
	opDelete     = &core.Op{Name: "DeleteSession", Method: http.MethodDelete}
	opDeleteAll  = &core.Op{Name: "BulkDeleteSessionsByUserId", Method: http.MethodDelete}
	opCurrent    = &core.Op{Name: "ShowCurrentlyAuthenticatedSession", Method: http.MethodGet}
	opRenew      = &core.Op{Name: "RenewCurrentSession", Method: http.MethodGet, SecretBody: true} // the body holds the authenticity token
	opLogout     = &core.Op{Name: "DeleteAuthenticatedSession", Method: http.MethodDelete}
	opList       = &core.Op{Name: "ListSessions", Method: http.MethodGet}
	opListByUser = &core.Op{Name: "ListUserSessions", Method: http.MethodGet}
)

// Get returns one session of a user (ShowSession, GET
// /api/v2/users/{user_id}/sessions/{session_id}). A session that does not
// exist, or does not belong to the user, gives an error matching
// ErrNotFound.
func (s *SessionsService) Get(ctx context.Context, userID, sessionID int64, opts ...Option) (Session, error) {
	var out Session
	err := s.do(ctx, opts, checkIDs(userID, sessionID), opShow, func(base string) (*http.Request, error) {
		return zgen.NewShowSessionRequest(base, userID, sessionID)
	}, decodeSessionInto(&out))
	return out, err
}

// Delete deletes one session of a user, logging them out of it
// (DeleteSession, DELETE /api/v2/users/{user_id}/sessions/{session_id}).
func (s *SessionsService) Delete(ctx context.Context, userID, sessionID int64, opts ...Option) error {
	return s.do(ctx, opts, checkIDs(userID, sessionID), opDelete, func(base string) (*http.Request, error) {
		return zgen.NewDeleteSessionRequest(base, userID, sessionID)
	}, nil)
}

// DeleteAllForUser deletes every session of a user, logging them out
// everywhere (BulkDeleteSessionsByUserId, DELETE
// /api/v2/users/{user_id}/sessions).
func (s *SessionsService) DeleteAllForUser(ctx context.Context, userID int64, opts ...Option) error {
	return s.do(ctx, opts, checkIDs(userID), opDeleteAll, func(base string) (*http.Request, error) {
		return zgen.NewBulkDeleteSessionsByUserIdRequest(base, userID)
	}, nil)
}

// Current returns the session of the credentials making the request
// (ShowCurrentlyAuthenticatedSession, GET /api/v2/users/me/session).
func (s *SessionsService) Current(ctx context.Context, opts ...Option) (Session, error) {
	var out Session
	err := s.do(ctx, opts, nil, opCurrent, zgen.NewShowCurrentlyAuthenticatedSessionRequest, decodeSessionInto(&out))
	return out, err
}

// Renew renews the current session and returns its fresh authenticity
// (CSRF) token (RenewCurrentSession, GET /api/v2/users/me/session/renew).
func (s *SessionsService) Renew(ctx context.Context, opts ...Option) (string, error) {
	var token string
	err := s.do(ctx, opts, nil, opRenew, zgen.NewRenewCurrentSessionRequest, func(r core.Response) error {
		var b zgen.RenewSessionResponse
		if err := json.Unmarshal(r.Body, &b); err != nil {
			return err
		}
		if b.AuthenticityToken == "" {
			return errors.New(`the response has no "authenticity_token"`)
		}
		token = b.AuthenticityToken
		return nil
	})
	return token, err
}

// Logout deletes the session of the credentials making the request
// (DeleteAuthenticatedSession, DELETE /api/v2/users/me/logout): a no-op
// (204) unless the client authenticates with a session cookie.
func (s *SessionsService) Logout(ctx context.Context, opts ...Option) error {
	return s.do(ctx, opts, nil, opLogout, zgen.NewDeleteAuthenticatedSessionRequest, nil)
}

// do sends the request build makes for op and decodes its success body;
// nothing is sent when argErr, the service or an option fails.
func (s *SessionsService) do(ctx context.Context, opts []Option, argErr error, op *core.Op,
	build func(base string) (*http.Request, error), decode core.Decoder) error {
	call, err := s.call(opts, argErr)
	if err != nil {
		return err
	}
	return call.Do(ctx, op, build, decode)
}

// call returns what a call with opts is sent with: the client's own
// settings, or a copy changed by opts.
func (s *SessionsService) call(opts []Option, argErr error) (*core.Call, error) {
	switch {
	case s == nil || s.engine.Client() == nil:
		return nil, invalid("zendesk.SessionsService", nil, "is not initialised: use NewClient")
	case argErr != nil:
		return nil, argErr
	case len(opts) == 0:
		return s.engine.Client(), nil
	}
	st := settings{Settings: s.engine.CallSettings()}
	if err := st.apply(opts); err != nil {
		return nil, err
	}
	return s.engine.Call(&st.Settings), nil
}

// decodeSessionInto decodes a SessionResponse, whose "session" is an
// object (as the live API sends) or an array (as the docs show), into out.
func decodeSessionInto(out *Session) core.Decoder {
	return func(r core.Response) error {
		var one sessionBody
		err := json.Unmarshal(r.Body, &one)
		if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok && te.Field == "session" {
			var many sessionArray
			if err := json.Unmarshal(r.Body, &many); err != nil {
				return err
			}
			if len(many.Session) > 0 {
				one.Session = many.Session[0]
			}
			err = nil
		}
		if err != nil {
			return err
		}
		if one.Session.Id == 0 { // absent, null, [] or without its id
			return errors.New(`the response has no "session"`)
		}
		*out = sessionFromGen(&one.Session)
		return nil
	}
}

// checkIDs checks that the user id and the session id, if any, are > 0.
func checkIDs(ids ...int64) error {
	names := [...]string{"userID", "sessionID"}
	for i, id := range ids {
		if id <= 0 {
			return invalid(names[i], id, "must be > 0")
		}
	}
	return nil
}
