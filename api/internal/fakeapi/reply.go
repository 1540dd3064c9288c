package fakeapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Reply is a response of a fake server: a status, extra headers and a body.
//
// Reply implements the response-object interface of every operation of both
// generated strict servers (VisitListSessionsResponse, VisitGetSessionResponse,
// ...), so a strict handler can return one for any operation and status. The
// generated model types still shape the bodies; Reply only writes them, which
// lets a handler send explicit JSON nulls where the wire has them.
type Reply struct {
	Status int
	Header http.Header
	// Body is encoded as JSON, unless it is a []byte, which is written as is.
	// A nil Body writes no body.
	Body any
	// ContentType defaults to application/json for a non-nil Body.
	ContentType string
}

// JSON returns a reply with a JSON body.
func JSON(status int, body any) *Reply { return &Reply{Status: status, Body: body} }

// Empty returns a reply without a body (e.g. a 204).
func Empty(status int) *Reply { return &Reply{Status: status} }

// Write writes the reply to w.
func (r *Reply) Write(w http.ResponseWriter) error {
	var body []byte
	switch b := r.Body.(type) {
	case nil:
	case []byte:
		body = b
	default:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(b); err != nil {
			return fmt.Errorf("fakeapi: encoding a %d reply: %w", r.Status, err)
		}
		body = buf.Bytes()
	}
	h := w.Header()
	for k, vs := range r.Header {
		h[k] = append([]string(nil), vs...)
	}
	if r.Body != nil {
		ct := r.ContentType
		if ct == "" {
			ct = "application/json"
		}
		h.Set("Content-Type", ct)
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(r.Status)
	_, err := w.Write(body)
	return err
}

// The response-object interfaces of the generated strict servers. Both
// servers have a ListSessions operation: one method serves both.

// VisitListSessionsResponse writes the reply (Zendesk and game server ListSessions).
func (r *Reply) VisitListSessionsResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitListUserSessionsResponse writes the reply (Zendesk ListUserSessions).
func (r *Reply) VisitListUserSessionsResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitShowSessionResponse writes the reply (Zendesk ShowSession).
func (r *Reply) VisitShowSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitDeleteSessionResponse writes the reply (Zendesk DeleteSession).
func (r *Reply) VisitDeleteSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitBulkDeleteSessionsByUserIdResponse writes the reply (Zendesk BulkDeleteSessionsByUserId).
func (r *Reply) VisitBulkDeleteSessionsByUserIdResponse(w http.ResponseWriter) error {
	return r.Write(w)
}

// VisitDeleteAuthenticatedSessionResponse writes the reply (Zendesk DeleteAuthenticatedSession).
func (r *Reply) VisitDeleteAuthenticatedSessionResponse(w http.ResponseWriter) error {
	return r.Write(w)
}

// VisitShowCurrentlyAuthenticatedSessionResponse writes the reply (Zendesk
// ShowCurrentlyAuthenticatedSession).
func (r *Reply) VisitShowCurrentlyAuthenticatedSessionResponse(w http.ResponseWriter) error {
	return r.Write(w)
}

// VisitRenewCurrentSessionResponse writes the reply (Zendesk RenewCurrentSession).
func (r *Reply) VisitRenewCurrentSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitSessionPostResponse writes the reply (game server session-post).
func (r *Reply) VisitSessionPostResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitGetSessionResponse writes the reply (game server get-session).
func (r *Reply) VisitGetSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitSessionDeleteResponse writes the reply (game server session-delete).
func (r *Reply) VisitSessionDeleteResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitGetUsersSessionResponse writes the reply (game server get-users-session).
func (r *Reply) VisitGetUsersSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitPutUsersSessionResponse writes the reply (game server put-users-session).
func (r *Reply) VisitPutUsersSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitDeleteUsersSessionResponse writes the reply (game server delete-users-session).
func (r *Reply) VisitDeleteUsersSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitSessionsBulkStopResponse writes the reply (game server sessions-bulk-stop).
func (r *Reply) VisitSessionsBulkStopResponse(w http.ResponseWriter) error { return r.Write(w) }
