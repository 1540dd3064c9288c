package gameserver

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// APIError is the error for a response with status >= 400, after retries:
// StatusCode, Method, URL (never credentials), Message (the API's
// {"message"}), RequestID, RetryAfter, Attempts, Header and the start of
// Body. errors.Is matches it to ErrNotFound and the other sentinels by
// status; errors.AsType[*gameserver.APIError](err) gives every field.
type APIError = core.APIError

// NewAPIError builds the *APIError the client would return for resp, reading
// (at most 64 KiB of) and closing its body: for fakes and doubles in your own
// tests that need to return the same error a real game-server failure produces.
func NewAPIError(resp *http.Response) *APIError { return core.NewAPIError(resp) }

// DecodeError reports a success response whose body could not be decoded,
// with its status, content type and an excerpt.
type DecodeError = core.DecodeError

// InvalidArgumentError reports an argument or option rejected before any
// request was sent (an empty session id, an IP list holding something that
// is not an IP); Name names it. It matches ErrInvalidArgument.
type InvalidArgumentError = core.InvalidArgumentError

// ResponseTooLargeError reports a success body larger than the limit set
// with WithMaxResponseBytes.
type ResponseTooLargeError = core.ResponseTooLargeError

// RateLimit is the rate-limit state a response reported (APIError.RateLimit,
// Page.RateLimit).
type RateLimit = core.RateLimit

// Sentinel errors, matched with errors.Is. An *APIError matches the one for
// its status code.
var (
	// ErrBadRequest matches a 400, e.g. creating a session for a disabled
	// app version.
	ErrBadRequest = core.ErrBadRequest
	// ErrUnauthorized matches a 401: a missing or invalid API key.
	ErrUnauthorized = core.ErrUnauthorized
	// ErrForbidden matches a 403.
	ErrForbidden = core.ErrForbidden
	// ErrNotFound matches a 404: the session does not exist (any more).
	ErrNotFound = core.ErrNotFound
	// ErrConflict matches a 409.
	ErrConflict = core.ErrConflict
	// ErrGone matches a 410: the session's instance is already terminated.
	ErrGone = core.ErrGone
	// ErrUnprocessable matches a 422, e.g. no free seat for added users.
	ErrUnprocessable = core.ErrUnprocessable
	// ErrRateLimited matches a 429.
	ErrRateLimited = core.ErrRateLimited
	// ErrServer matches every 5xx.
	ErrServer = core.ErrServer
	// ErrInvalidArgument matches every *InvalidArgumentError.
	ErrInvalidArgument = core.ErrInvalidArgument
	// ErrRepeatedCursor is wrapped by the error a Pager yields when the API
	// hands back a page number it already returned.
	ErrRepeatedCursor = core.ErrRepeatedCursor
	// ErrSessionFailed matches every *SessionFailedError.
	ErrSessionFailed = errors.New("gameserver: session failed")
)

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
