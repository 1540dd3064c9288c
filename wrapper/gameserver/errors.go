package gameserver

import (
	"errors"
	"fmt"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// ErrSessionFailed matches every *SessionFailedError.
var ErrSessionFailed = errors.New("gameserver: session failed")

// invalid is an *InvalidArgumentError of this package.
func invalid(name string, value any, reason string) error {
	return core.Invalid("gameserver", name, value, reason)
}

// SessionFailedError reports a session that will never be ready: the API
// set its error field (say, no deployment matches its selectors). WaitReady
// returns it, wrapped in a *WaitError.
type SessionFailedError struct {
	SessionID string // the failed session's id
	Status    string // the session's status, e.g. "Unprocessable" or "Error"
	Reason    string // the session's error field
}

// Error returns e.g. `gameserver: session "950dd2eaff09-S" failed (Unprocessable): No deployment matches`.
func (e *SessionFailedError) Error() string {
	status := ""
	if e.Status != "" {
		status = " (" + e.Status + ")"
	}
	return fmt.Sprintf("gameserver: session %q failed%s: %s", e.SessionID, status, e.Reason)
}

// Is reports whether target is ErrSessionFailed.
func (e *SessionFailedError) Is(target error) bool { return target == ErrSessionFailed }

// WaitError reports why WaitReady (or Create with WithWaitReady) stopped
// before the session was ready. Err is the cause, reachable with errors.Is
// and errors.As: a *SessionFailedError (ErrSessionFailed), an *APIError
// (ErrNotFound or ErrGone when the session was deleted, or another answer
// that no later poll can change), the context's error, or a local error.
type WaitError struct {
	SessionID   string   // the session waited for
	Polls       int      // the number of get-session calls made
	Failed      int      // polls that failed transiently and counted as "not ready yet"
	LastFailure error    // the error of the last of them; nil when none failed
	Last        *Session // the session as the last successful poll saw it; nil when none did
	Err         error    // why the wait stopped
}

// Error returns e.g. `gameserver: waiting for session "950dd2eaff09-S" to be
// ready (3 polls): context deadline exceeded`, and with failed polls
// `(5 polls, 4 failed, the last with: …)`.
func (e *WaitError) Error() string {
	polls := "polls"
	if e.Polls == 1 {
		polls = "poll"
	}
	failed := ""
	if e.Failed > 0 {
		failed = fmt.Sprintf(", %d failed, the last with: %v", e.Failed, e.LastFailure)
	}
	return fmt.Sprintf("gameserver: waiting for session %q to be ready (%d %s%s): %v", e.SessionID, e.Polls, polls, failed, e.Err)
}

// Unwrap returns the cause.
func (e *WaitError) Unwrap() error { return e.Err }
