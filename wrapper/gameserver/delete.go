package gameserver

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// DeletedSession is the API's answer to a delete.
type DeletedSession struct {
	ID       string // the deleted session's id
	CustomID string // its custom id, when it had one
	Message  string // the API's message, e.g. "Session 950dd2eaff09-S deleted"
}

// Delete deletes a session (DELETE /v1/session/{session_id}, operation
// session-delete), not its deployment. A session that is gone gives an
// error matching ErrNotFound (404), one already terminated ErrGone (410).
func (s *SessionsService) Delete(ctx context.Context, sessionID string, opts ...Option) (*DeletedSession, error) {
	var out *DeletedSession
	err := s.do(ctx, opts, checkSessionID(sessionID), opDelete, func(base string) (*http.Request, error) {
		return ggen.NewSessionDeleteRequest(base, sessionID)
	}, func(r core.Response) error {
		var body ggen.SessionDelete
		if err := json.Unmarshal(r.Body, &body); err != nil {
			return err
		}
		out = &DeletedSession{ID: body.SessionID, CustomID: body.CustomID, Message: body.Message}
		return nil
	})
	return out, err
}

// DeleteIfExists deletes a session like Delete, but treats a session that
// is already gone (404) or terminated (410) as done: it reports whether this
// call deleted the session, and an error only for other failures.
func (s *SessionsService) DeleteIfExists(ctx context.Context, sessionID string, opts ...Option) (deleted bool, err error) {
	_, err = s.Delete(ctx, sessionID, opts...)
	if err == nil {
		return true, nil
	}
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrGone) {
		return false, nil
	}
	return false, err
}
