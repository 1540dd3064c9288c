package gameserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// The operations, as the engine sees them.
var (
	opCreate      = &core.Op{Name: "session-post", Method: http.MethodPost}
	opGet         = &core.Op{Name: "get-session", Method: http.MethodGet}
	opDelete      = &core.Op{Name: "session-delete", Method: http.MethodDelete}
	opUsers       = &core.Op{Name: "get-users-session", Method: http.MethodGet}
	opAddUsers    = &core.Op{Name: "put-users-session", Method: http.MethodPut}
	opRemoveUsers = &core.Op{Name: "delete-users-session", Method: http.MethodDelete}
	opList        = &core.Op{Name: "list-sessions", Method: http.MethodGet}
	opBulkStop    = &core.Op{Name: "sessions-bulk-stop", Method: http.MethodPost, RetrySafe: true}
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

// Users returns the users of a session (GET /v1/session/{session_id}/users,
// operation get-users-session).
func (s *SessionsService) Users(ctx context.Context, sessionID string, opts ...Option) ([]User, error) {
	return s.users(ctx, opts, checkSessionID(sessionID), opUsers, func(base string) (*http.Request, error) {
		return ggen.NewGetUsersSessionRequest(base, sessionID)
	})
}

// AddUsers adds users, by public IP, to a session (PUT
// /v1/session/{session_id}/users, operation put-users-session) and returns
// the session's users after the change. ips must hold at least one IP
// address. A deployment without room for them answers 422 (ErrUnprocessable).
func (s *SessionsService) AddUsers(ctx context.Context, sessionID string, ips []string, opts ...Option) ([]User, error) {
	return s.users(ctx, opts, checkUsers(sessionID, ips), opAddUsers, func(base string) (*http.Request, error) {
		return ggen.NewPutUsersSessionRequest(base, sessionID, ggen.PatchSessionModel{IPList: ips})
	})
}

// RemoveUsers removes users, by public IP, from a session (DELETE
// /v1/session/{session_id}/users with a JSON body, operation
// delete-users-session) and returns the session's users after the change.
// ips must hold at least one IP address.
func (s *SessionsService) RemoveUsers(ctx context.Context, sessionID string, ips []string, opts ...Option) ([]User, error) {
	return s.users(ctx, opts, checkUsers(sessionID, ips), opRemoveUsers, func(base string) (*http.Request, error) {
		return ggen.NewDeleteUsersSessionRequest(base, sessionID, ggen.PatchSessionModel{IPList: ips})
	})
}

// users sends a call of op that answers a SessionUserContext, and returns
// the session's users: never nil on success.
func (s *SessionsService) users(ctx context.Context, opts []Option, argErr error, op *core.Op,
	build func(base string) (*http.Request, error)) ([]User, error) {
	var users []User
	err := s.do(ctx, opts, argErr, op, build, func(r core.Response) error {
		var body ggen.SessionUserContext
		if err := json.Unmarshal(r.Body, &body); err != nil {
			return err
		}
		users, _ = usersFromGen(body.SessionUsers, nil)
		if users == nil {
			users = []User{}
		}
		return nil
	})
	return users, err
}

// StopField is the session attribute a StopFilter matches.
type StopField string

// The fields a bulk stop can filter on.
const (
	StopBySessionID      StopField = "session_id"      // session ids
	StopByDeploymentTags StopField = "deployment_tags" // the tags of the sessions' deployments
	StopByRequestID      StopField = "request_id"      // the request ids of the sessions' deployments
)

// StopFilter selects sessions for BulkStop, e.g.
// StopFilter{Field: StopByDeploymentTags, Values: []string{"ranked", "eu"}, Type: FilterAll}.
type StopFilter struct {
	Field  StopField  // what to match: one of the StopBy constants
	Values []string   // the values to match; at least one
	Type   FilterType // FilterAny, FilterAll or FilterNot
}

// BulkStop deletes every session matching all of filters (POST
// /v1/sessions/bulk-stop, operation sessions-bulk-stop) and returns the ids
// of the sessions it will stop. A bulk stop is permanent, so filters must
// not be empty, and each needs a field, a type and at least one value. It
// is a POST harmless to repeat, retried as RetryPolicy says.
func (s *SessionsService) BulkStop(ctx context.Context, filters []StopFilter, opts ...Option) ([]string, error) {
	if len(filters) == 0 {
		return nil, invalid("filters", nil, "must hold at least one filter")
	}
	payload := ggen.SessionBulkStopPayload{Filters: make([]ggen.SessionBulkStopFiltersPayload, len(filters))}
	for i, f := range filters {
		if err := checkFilter(fmt.Sprintf("filters[%d]", i), string(f.Field), f.Values, f.Type); err != nil {
			return nil, err
		}
		payload.Filters[i] = ggen.SessionBulkStopFiltersPayload{
			Field:      ggen.SessionBulkStopFiltersPayloadField(f.Field),
			Values:     f.Values,
			FilterType: ggen.SessionBulkStopFiltersPayloadFilterType(f.Type),
		}
	}
	var ids []string
	err := s.do(ctx, opts, nil, opBulkStop, func(base string) (*http.Request, error) {
		return ggen.NewSessionsBulkStopRequest(base, payload)
	}, func(r core.Response) error {
		var body ggen.SessionBulkStopResponse
		if err := json.Unmarshal(r.Body, &body); err != nil {
			return err
		}
		ids = make([]string, len(body.Processable))
		for i, p := range body.Processable {
			ids[i] = p.SessionID
		}
		return nil
	})
	return ids, err
}
