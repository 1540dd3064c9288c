package gameserver

import (
	"context"
	"encoding/json"
	"net/http"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Get returns a session (GET /v1/session/{session_id}, operation
// get-session), with its users and, once linked, its deployment. A
// session that does not exist gives an error matching ErrNotFound.
func (s *SessionsService) Get(ctx context.Context, sessionID string, opts ...Option) (*Session, error) {
	var out *Session
	err := s.do(ctx, opts, checkSessionID(sessionID), opGet, getRequest(sessionID), decodeSession(&out))
	return out, err
}

// getRequest builds get-session requests for sessionID.
func getRequest(sessionID string) func(string) (*http.Request, error) {
	return func(base string) (*http.Request, error) { return ggen.NewGetSessionRequest(base, sessionID) }
}

// decodeSession decodes a get-session body into *out.
func decodeSession(out **Session) core.Decoder {
	return func(r core.Response) error {
		// The body and the session share one allocation.
		b := new(struct {
			w ggen.SessionGet
			s Session
		})
		if err := json.Unmarshal(r.Body, &b.w); err != nil {
			return err
		}
		b.s = sessionFromGen(&b.w)
		*out = &b.s
		return nil
	}
}
