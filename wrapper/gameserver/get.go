package gameserver

import (
	"context"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Get returns a session (GET /v1/session/{session_id}, operation
// get-session). A session that does not exist gives an error matching
// ErrNotFound.
func (s *SessionsService) Get(ctx context.Context, sessionID string, opts ...Option) (*Session, error) {
	if err := checkSessionID(sessionID); err != nil {
		return nil, err
	}
	ctx, err := s.prepare(ctx, opts)
	if err != nil {
		return nil, err
	}
	return s.get(ctx, sessionID)
}

// get fetches a session with a prepared ctx and a checked id.
func (s *SessionsService) get(ctx context.Context, sessionID string) (*Session, error) {
	resp, err := s.gen.GetSession(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	var body ggen.SessionGet
	if err := core.DecodeJSON(resp, &body); err != nil {
		return nil, err
	}
	sess := sessionFromGen(body)
	return &sess, nil
}
