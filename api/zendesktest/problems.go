package zendesktest

import (
	"net/http"

	zgen "github.com/sessionkit/sessions/gen/zendesk"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// The messages of Zendesk's classic error bodies.
const (
	msgCouldNotAuthenticate = "Couldn't authenticate you"
	msgForbidden            = "You do not have access to this page. Please contact the account owner of this help desk for further help."
	msgInvalidToken         = "The access token provided is expired, revoked, malformed or invalid for other reasons."

	// msgNoUsers describes the 401 of a server without users, which refuses
	// every request, so that the caller need not guess why.
	msgNoUsers = "zendesktest: this server has no users, so it refuses every request: " +
		"start it with zendesktest.WithUsers(zendesktest.User{ID: 1, Email: email, APIToken: token}) " +
		"(or Password, or OAuthToken) and send that user's credentials, or add one with Server.AddUser"
)

// Problem is the server's error reply for a status (see problem).
func (*store) Problem(status int, code, message string) *fakeapi.Reply {
	return problem(status, code, message)
}

// classic returns Zendesk's classic error body: {"error": code, "description": ...}.
func classic(status int, code, description string) *fakeapi.Reply {
	return fakeapi.JSON(status, zgen.ErrorBody{Error: code, Description: description})
}

// problem is the server's error reply for a status, in Zendesk's classic
// shape. code and message, when given, override the status's defaults.
func problem(status int, code, message string) *fakeapi.Reply {
	if status == http.StatusUnauthorized {
		return classic(status, msgCouldNotAuthenticate, "")
	}
	defCode, defMsg := defaultProblem(status)
	if code == "" {
		code, message = defCode, defMsg
	}
	return classic(status, code, message)
}

// defaultProblem is Zendesk's usual code and description for a status.
func defaultProblem(status int) (code, message string) {
	switch status {
	case http.StatusBadRequest:
		return "BadRequest", "Bad request"
	case http.StatusForbidden:
		return "Forbidden", msgForbidden
	case http.StatusNotFound:
		return "RecordNotFound", "Not found"
	case http.StatusConflict:
		return "Conflict", "The resource was modified by another request. Please try again."
	case http.StatusUnprocessableEntity:
		return "RecordInvalid", "Record validation errors"
	case http.StatusTooManyRequests:
		return "TooManyRequests", "Number of allowed API requests per minute exceeded"
	case http.StatusServiceUnavailable:
		return "ServiceUnavailable", "The service is temporarily unavailable. Please try again later."
	case http.StatusInternalServerError:
		return "InternalServerError", "Something went wrong. Please try again later."
	}
	return http.StatusText(status), http.StatusText(status)
}

func notFound() *fakeapi.Reply  { return problem(http.StatusNotFound, "", "") }
func forbidden() *fakeapi.Reply { return problem(http.StatusForbidden, "", "") }

// invalidPagination is the classic 400 for a bad pagination parameter.
func invalidPagination(description string) *fakeapi.Reply {
	return classic(http.StatusBadRequest, "InvalidPaginationParameter", description)
}

// offsetLimit is the JSON:API 400 Zendesk answers past 100 offset pages.
func offsetLimit() *fakeapi.Reply {
	code, title := "InvalidPaginationParameter", "Invalid pagination parameter"
	detail, status := "Offset pagination is limited to the first 100 pages. Use cursor pagination instead.", "400"
	return fakeapi.JSON(http.StatusBadRequest, zgen.ErrorBody{Errors: []zgen.JSONAPIError{
		{Code: code, Title: title, Detail: detail, Status: status},
	}})
}
