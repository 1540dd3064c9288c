package zendesktest

import (
	"net/http"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// reply is an answer to any operation of the API, with any status: a
// fakeapi.Reply with the Visit method of every response-object interface
// of the generated strict server, so that a handler can return one.
type reply struct{ fakeapi.Reply }

// jsonReply returns a reply with a JSON body.
func jsonReply(status int, body any) *reply { return &reply{fakeapi.Reply{Status: status, Body: body}} }

// emptyReply returns a reply without a body (e.g. a 204).
func emptyReply(status int) *reply { return &reply{fakeapi.Reply{Status: status}} }

// problemReply is the API's error reply for a status, for fakeapi.API.
func problemReply(status int, code, message string) *fakeapi.Reply {
	return &problem(status, code, message).Reply
}

// VisitListSessionsResponse writes the reply.
func (r *reply) VisitListSessionsResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitListUserSessionsResponse writes the reply.
func (r *reply) VisitListUserSessionsResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitShowSessionResponse writes the reply.
func (r *reply) VisitShowSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitDeleteSessionResponse writes the reply.
func (r *reply) VisitDeleteSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitBulkDeleteSessionsByUserIdResponse writes the reply.
func (r *reply) VisitBulkDeleteSessionsByUserIdResponse(w http.ResponseWriter) error {
	return r.Write(w)
}

// VisitDeleteAuthenticatedSessionResponse writes the reply.
func (r *reply) VisitDeleteAuthenticatedSessionResponse(w http.ResponseWriter) error {
	return r.Write(w)
}

// VisitShowCurrentlyAuthenticatedSessionResponse writes the reply.
func (r *reply) VisitShowCurrentlyAuthenticatedSessionResponse(w http.ResponseWriter) error {
	return r.Write(w)
}

// VisitRenewCurrentSessionResponse writes the reply.
func (r *reply) VisitRenewCurrentSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitCreateOAuthTokenResponse writes the reply.
func (r *reply) VisitCreateOAuthTokenResponse(w http.ResponseWriter) error { return r.Write(w) }
