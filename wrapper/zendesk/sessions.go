package zendesk

import (
	"context"
	"errors"
	"net/http"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// SessionsService holds the operations of Zendesk's Sessions API; reach it
// as Client.Sessions. Every method takes per-call Options, which override
// the client's for that call. Arguments are checked before any request is
// sent: a bad one gives an *InvalidArgumentError naming it.
type SessionsService struct {
	engine *core.Engine
	gen    zgen.ClientInterface
}

// Get returns one session of a user (ShowSession, GET
// /api/v2/users/{user_id}/sessions/{session_id}). A session that does not
// exist, or does not belong to the user, gives an error matching
// ErrNotFound.
func (s *SessionsService) Get(ctx context.Context, userID, sessionID int64, opts ...Option) (Session, error) {
	resp, err := s.send(ctx, opts, checkIDs(userID, sessionID), func(ctx context.Context) (*http.Response, error) {
		return s.gen.ShowSession(ctx, userID, sessionID)
	})
	if err != nil {
		return Session{}, err
	}
	return decodeSession(resp)
}

// Delete deletes one session of a user, logging them out of it
// (DeleteSession, DELETE /api/v2/users/{user_id}/sessions/{session_id}).
func (s *SessionsService) Delete(ctx context.Context, userID, sessionID int64, opts ...Option) error {
	return discard(s.send(ctx, opts, checkIDs(userID, sessionID), func(ctx context.Context) (*http.Response, error) {
		return s.gen.DeleteSession(ctx, userID, sessionID)
	}))
}

// DeleteAllForUser deletes every session of a user, logging them out
// everywhere (BulkDeleteSessionsByUserId, DELETE
// /api/v2/users/{user_id}/sessions).
func (s *SessionsService) DeleteAllForUser(ctx context.Context, userID int64, opts ...Option) error {
	return discard(s.send(ctx, opts, checkIDs(userID), func(ctx context.Context) (*http.Response, error) {
		return s.gen.BulkDeleteSessionsByUserId(ctx, userID)
	}))
}

// Current returns the session of the credentials making the request
// (ShowCurrentlyAuthenticatedSession, GET /api/v2/users/me/session).
func (s *SessionsService) Current(ctx context.Context, opts ...Option) (Session, error) {
	resp, err := s.send(ctx, opts, nil, func(ctx context.Context) (*http.Response, error) {
		return s.gen.ShowCurrentlyAuthenticatedSession(ctx)
	})
	if err != nil {
		return Session{}, err
	}
	return decodeSession(resp)
}

// Renew renews the current session and returns its fresh authenticity
// (CSRF) token (RenewCurrentSession, GET /api/v2/users/me/session/renew).
func (s *SessionsService) Renew(ctx context.Context, opts ...Option) (string, error) {
	resp, err := s.send(ctx, opts, nil, func(ctx context.Context) (*http.Response, error) {
		return s.gen.RenewCurrentSession(ctx)
	})
	if err != nil {
		return "", err
	}
	var body zgen.RenewSessionResponse
	if err := core.DecodeJSON(resp, &body); err != nil {
		return "", err
	}
	if deref(body.AuthenticityToken) == "" {
		return "", missing(resp, "authenticity_token")
	}
	return *body.AuthenticityToken, nil
}

// Logout deletes the session of the credentials making the request
// (DeleteAuthenticatedSession, DELETE /api/v2/users/me/logout). Zendesk
// only has such a session under session (cookie) authentication; with
// OAuth, an API token or a password it answers 204 and does nothing.
func (s *SessionsService) Logout(ctx context.Context, opts ...Option) error {
	return discard(s.send(ctx, opts, nil, func(ctx context.Context) (*http.Response, error) {
		return s.gen.DeleteAuthenticatedSession(ctx)
	}))
}

// send checks the service, the argument error argErr and the per-call
// options, then calls op with the prepared context. Nothing is sent when
// any check fails.
func (s *SessionsService) send(ctx context.Context, opts []Option, argErr error,
	op func(context.Context) (*http.Response, error)) (*http.Response, error) {
	ctx, err := s.prepare(ctx, opts, argErr)
	if err != nil {
		return nil, err
	}
	return op(ctx)
}

// prepare checks the service and the argument error argErr, then validates
// the per-call options and returns the context to call the generated
// client with.
func (s *SessionsService) prepare(ctx context.Context, opts []Option, argErr error) (context.Context, error) {
	if s == nil || s.engine == nil || s.gen == nil {
		return nil, core.InvalidArgument("zendesk.SessionsService", "is not initialised: use NewClient")
	}
	if argErr != nil {
		return nil, argErr
	}
	return s.engine.Prepare(ctx, opts...)
}

// discard completes an operation whose response has no useful body (204).
func discard(resp *http.Response, err error) error {
	core.Discard(resp)
	return err
}

// decodeSession decodes a SessionResponse, whose "session" is an object or
// an array.
func decodeSession(resp *http.Response) (Session, error) {
	var body struct {
		Session oneSession `json:"session"`
	}
	if err := core.DecodeJSON(resp, &body); err != nil {
		return Session{}, err
	}
	if !body.Session.found {
		return Session{}, missing(resp, "session")
	}
	return body.Session.s, nil
}

// missing is the error for a success body without the key the operation
// is about.
func missing(resp *http.Response, key string) error {
	return &DecodeError{
		StatusCode:  resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Err:         errors.New(`the response has no "` + key + `"`),
	}
}

// checkIDs checks that every id is > 0; the first is the user id, the
// second the session id.
func checkIDs(ids ...int64) error {
	names := [...]string{"userID", "sessionID"}
	for i, id := range ids {
		if id <= 0 {
			return &InvalidArgumentError{Name: names[i], Value: id, Reason: "must be > 0"}
		}
	}
	return nil
}
