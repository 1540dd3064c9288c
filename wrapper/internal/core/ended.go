package core

import "errors"

// endedError is a call ended by its caller's context, whenever that
// happened: before sending, mid-flight, or in a wait between attempts.
// errors.Is sees only the context's error (context.Canceled or
// context.DeadlineExceeded), never an SDK sentinel such as ErrConnection
// or ErrRateLimited, so that a switch checking the SDK's sentinels first
// does not misfile a caller's own cancellation. The last attempt's error
// (an *APIError, a *ConnectionError) stays reachable with errors.As and
// is shown in the message.
type endedError struct {
	msg    string
	ctxErr error
	last   error
}

// ended is the error of a call that the context's error ctxErr ended
// while doing what (an error saying where); last is the last attempt's
// error, if any.
func ended(what, ctxErr, last error) error {
	msg := what.Error()
	if !errors.Is(what, ctxErr) {
		msg += ": " + ctxErr.Error()
	}
	if last != nil {
		msg += "; last attempt: " + last.Error()
	}
	return &endedError{msg: msg, ctxErr: ctxErr, last: last}
}

func (e *endedError) Error() string { return e.msg }

// Unwrap returns the context's error, and only it.
func (e *endedError) Unwrap() error { return e.ctxErr }

// As finds target in the last attempt's error.
func (e *endedError) As(target any) bool { return e.last != nil && errors.As(e.last, target) }
