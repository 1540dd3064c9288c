package gameservertest

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

// problemReply is the API's error reply for a status, for fakeapi.API.
func problemReply(status int, code, message string) *fakeapi.Reply {
	return &problem(status, code, message).Reply
}

// VisitSessionPostResponse writes the reply.
func (r *reply) VisitSessionPostResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitGetSessionResponse writes the reply.
func (r *reply) VisitGetSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitSessionDeleteResponse writes the reply.
func (r *reply) VisitSessionDeleteResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitListSessionsResponse writes the reply.
func (r *reply) VisitListSessionsResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitGetUsersSessionResponse writes the reply.
func (r *reply) VisitGetUsersSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitPutUsersSessionResponse writes the reply.
func (r *reply) VisitPutUsersSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitDeleteUsersSessionResponse writes the reply.
func (r *reply) VisitDeleteUsersSessionResponse(w http.ResponseWriter) error { return r.Write(w) }

// VisitSessionsBulkStopResponse writes the reply.
func (r *reply) VisitSessionsBulkStopResponse(w http.ResponseWriter) error { return r.Write(w) }
