package gameservertest

import (
	"github.com/sessionkit/sessions/api/internal/fakeapi"

	"fmt"
	"net/http"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
)

// refusal is a request the API refuses: a status and the message of its
// {"message": ...} body.
type refusal struct {
	status  int
	message string
}

func refuse(status int, format string, args ...any) *refusal {
	return &refusal{status: status, message: fmt.Sprintf(format, args...)}
}

func (r *refusal) Error() string { return r.message }

func (r *refusal) reply() *fakeapi.Reply { return message(r.status, r.message) }

// message is the API's reply for every error: {"message": "..."}.
func message(status int, msg string) *fakeapi.Reply {
	return fakeapi.JSON(status, ggen.Error{Message: msg})
}

// Problem is the server's error reply for a status (see problem).
func (*store) Problem(status int, code, message string) *fakeapi.Reply {
	return problem(status, code, message)
}

// problem is the server's error reply for a status. The game server has no
// error codes: code is ignored, and an empty message means the status's
// usual one.
func problem(status int, _ string, msg string) *fakeapi.Reply {
	if msg == "" || msg == http.StatusText(status) {
		msg = defaultMessage(status)
	}
	return message(status, msg)
}

// defaultMessage is the API's usual message for a status.
func defaultMessage(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "Invalid authentication token"
	case http.StatusForbidden:
		return "You do not have permission to perform this action"
	case http.StatusNotFound:
		return "Not found."
	case http.StatusConflict:
		return "A session with these users is already being processed"
	case http.StatusGone:
		return "The session is already terminated"
	case http.StatusUnprocessableEntity:
		return "The request could not be processed"
	case http.StatusTooManyRequests:
		return "Too many requests, please slow down"
	case http.StatusInternalServerError:
		return "Internal server error"
	case http.StatusBadGateway:
		return "Bad gateway"
	case http.StatusServiceUnavailable:
		return "Service temporarily unavailable"
	}
	return http.StatusText(status)
}

func sessionNotFound(id string) *fakeapi.Reply {
	return message(http.StatusNotFound, fmt.Sprintf("Session %s not found", id))
}
