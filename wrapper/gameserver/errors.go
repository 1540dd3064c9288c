package gameserver

import (
	"errors"
	"fmt"
	"github.com/sessionkit/sessions/wrapper/internal/core"
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// The error types of the client. They are the shared types of package
// sessionkit, where go doc shows every field
// (go doc github.com/sessionkit/sessions/wrapper/sessionkit APIError);
// their messages start with "gameserver:".
type (
	// APIError is the error for a response with status >= 400, returned
	// after the retries are spent: status, the message of the API's
	// {"message"} body (or its text), the request id, Retry-After and the
	// attempts. Always a pointer:
	//
	//	if e, ok := errors.AsType[*gameserver.APIError](err); ok { ... }
	APIError = sessionkit.APIError
	// ConnectionError reports a call whose last attempt got no usable
	// response (refused, reset, a body that broke off), with the attempts.
	ConnectionError = sessionkit.ConnectionError
	// RedirectError reports a redirect to another origin, refused so that
	// credentials never leave the base URL's origin.
	RedirectError = sessionkit.RedirectError
	// DecodeError reports a success response whose body could not be
	// decoded, with the status, the content type and an excerpt.
	DecodeError = sessionkit.DecodeError
	// InvalidArgumentError reports an argument or option rejected before
	// any request was sent, naming it.
	InvalidArgumentError = sessionkit.InvalidArgumentError
	// ResponseTooLargeError reports a success body over the limit set with
	// WithMaxResponseBytes (32 MiB by default).
	ResponseTooLargeError = sessionkit.ResponseTooLargeError
)

// NewAPIError builds the *APIError the client would return for resp,
// reading (at most 64 KiB of) and closing its body: for fakes and doubles
// in your own tests that need to return the same error a real game-server
// failure produces.
func NewAPIError(resp *http.Response) *APIError {
	a := api()
	return a.NewAPIError(resp)
}

// Sentinel errors, shared with package sessionkit. The error types match
// them with errors.Is.
var (
	// ErrBadRequest matches an *APIError with status 400.
	ErrBadRequest = sessionkit.ErrBadRequest
	// ErrUnauthorized matches an *APIError with status 401: missing,
	// wrong or expired credentials.
	ErrUnauthorized = sessionkit.ErrUnauthorized
	// ErrForbidden matches an *APIError with status 403.
	ErrForbidden = sessionkit.ErrForbidden
	// ErrNotFound matches an *APIError with status 404.
	ErrNotFound = sessionkit.ErrNotFound
	// ErrConflict matches an *APIError with status 409.
	ErrConflict = sessionkit.ErrConflict
	// ErrGone matches an *APIError with status 410.
	ErrGone = sessionkit.ErrGone
	// ErrUnprocessable matches an *APIError with status 422.
	ErrUnprocessable = sessionkit.ErrUnprocessable
	// ErrRateLimited matches an *APIError with status 429.
	ErrRateLimited = sessionkit.ErrRateLimited
	// ErrServer matches an *APIError with any 5xx status.
	ErrServer = sessionkit.ErrServer
	// ErrConnection matches a *ConnectionError.
	ErrConnection = sessionkit.ErrConnection
	// ErrInvalidArgument matches every *InvalidArgumentError.
	ErrInvalidArgument = sessionkit.ErrInvalidArgument
	// ErrRepeatedCursor is wrapped by the error a Pager yields when the
	// API hands back a cursor it already returned.
	ErrRepeatedCursor = sessionkit.ErrRepeatedCursor
	// ErrSessionFailed matches every *SessionFailedError.
	ErrSessionFailed = errors.New("gameserver: session failed")
)

// invalid is an *InvalidArgumentError of this package.
func invalid(name string, value any, reason string) error {
	return core.Invalid("gameserver", name, value, reason)
}

// SessionFailedError reports a session that will never be ready: the API
// set its error field (say, no deployment matches its selectors). WaitReady
// returns it, wrapped in a *WaitError.
type SessionFailedError struct {
	// SessionID is the failed session's id.
	SessionID string
	// Status is the session's status, e.g. "Unprocessable" or "Error".
	Status string
	// Reason is the session's error field.
	Reason string
}

// Error returns e.g. `gameserver: session "950dd2eaff09-S" failed (Unprocessable): No deployment matches`.
func (e *SessionFailedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "gameserver: session %q failed", e.SessionID)
	if e.Status != "" {
		fmt.Fprintf(&b, " (%s)", e.Status)
	}
	b.WriteString(": " + e.Reason)
	return b.String()
}

// Is reports whether target is ErrSessionFailed.
func (e *SessionFailedError) Is(target error) bool { return target == ErrSessionFailed }

// WaitError reports why WaitReady (or Create with WithWaitReady) stopped
// before the session was ready. Err is the cause, reachable with errors.Is
// and errors.As: a *SessionFailedError (ErrSessionFailed), an *APIError
// (ErrNotFound or ErrGone when the session was deleted), the context's error
// (context.DeadlineExceeded, context.Canceled), or a transport error.
type WaitError struct {
	// SessionID is the session waited for.
	SessionID string
	// Polls is the number of get-session calls made.
	Polls int
	// Last is the session as the last successful poll saw it; nil when no
	// poll succeeded.
	Last *Session
	// Err is why the wait stopped.
	Err error
}

// Error returns e.g. `gameserver: waiting for session "950dd2eaff09-S" to be ready (3 polls): context deadline exceeded`.
func (e *WaitError) Error() string {
	polls := "polls"
	if e.Polls == 1 {
		polls = "poll"
	}
	return fmt.Sprintf("gameserver: waiting for session %q to be ready (%d %s): %v", e.SessionID, e.Polls, polls, e.Err)
}

// Unwrap returns the cause.
func (e *WaitError) Unwrap() error { return e.Err }
