package core

import (
	"errors"
	"fmt"
)

// Sentinel errors. An *APIError matches the one for its status code with
// errors.Is; they are never reassigned.
var (
	// ErrBadRequest matches an *APIError with status 400.
	ErrBadRequest = errors.New("sessions: bad request")
	// ErrUnauthorized matches an *APIError with status 401.
	ErrUnauthorized = errors.New("sessions: unauthorized")
	// ErrForbidden matches an *APIError with status 403.
	ErrForbidden = errors.New("sessions: forbidden")
	// ErrNotFound matches an *APIError with status 404.
	ErrNotFound = errors.New("sessions: not found")
	// ErrConflict matches an *APIError with status 409.
	ErrConflict = errors.New("sessions: conflict")
	// ErrGone matches an *APIError with status 410.
	ErrGone = errors.New("sessions: gone")
	// ErrUnprocessable matches an *APIError with status 422.
	ErrUnprocessable = errors.New("sessions: unprocessable entity")
	// ErrRateLimited matches an *APIError with status 429.
	ErrRateLimited = errors.New("sessions: rate limited")
	// ErrServer matches an *APIError with any 5xx status.
	ErrServer = errors.New("sessions: server error")

	// ErrInvalidArgument matches every *InvalidArgumentError: a bad
	// argument or option rejected before any request was sent.
	ErrInvalidArgument = errors.New("sessions: invalid argument")
	// ErrRepeatedCursor is wrapped by the error a Pager yields when the API
	// hands back a cursor it already returned, instead of looping forever.
	ErrRepeatedCursor = errors.New("sessions: repeated page cursor")
)

// sentinelFor returns the sentinel an HTTP status maps to, or nil.
func sentinelFor(status int) error {
	switch {
	case status == 400:
		return ErrBadRequest
	case status == 401:
		return ErrUnauthorized
	case status == 403:
		return ErrForbidden
	case status == 404:
		return ErrNotFound
	case status == 409:
		return ErrConflict
	case status == 410:
		return ErrGone
	case status == 422:
		return ErrUnprocessable
	case status == 429:
		return ErrRateLimited
	case status >= 500 && status <= 599:
		return ErrServer
	}
	return nil
}

// InvalidArgumentError reports an argument or option rejected before any
// request was sent: an empty session id, a zero user id, a negative retry
// count, a nil HTTP client. errors.Is(err, ErrInvalidArgument) matches it.
type InvalidArgumentError struct {
	// Name names the argument or option, e.g. "userID" or "WithRetry MaxAttempts".
	Name string
	// Value is the rejected value, printed in the message when not nil.
	// Never put a credential here unless it is a Secret.
	Value any
	// Reason says what is wrong, e.g. "must be > 0".
	Reason string
}

// InvalidArgument returns an *InvalidArgumentError for name with reason.
func InvalidArgument(name, reason string) error {
	return &InvalidArgumentError{Name: name, Reason: reason}
}

// Error returns "sessions: invalid <name> <value>: <reason>".
func (e *InvalidArgumentError) Error() string {
	if e == nil {
		return "sessions: invalid argument"
	}
	msg := "sessions: invalid " + e.Name
	switch v := e.Value.(type) {
	case nil:
	case Secret:
		msg += " " + v.String()
	case string:
		msg += fmt.Sprintf(" %q", truncate(v, 80))
	default:
		msg += fmt.Sprintf(" %v", v)
	}
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// Is reports whether target is ErrInvalidArgument.
func (e *InvalidArgumentError) Is(target error) bool { return target == ErrInvalidArgument }

// DecodeError reports a success response whose body could not be decoded
// into the expected type. It carries the status, the content type and the
// start of the body for diagnosis.
type DecodeError struct {
	// StatusCode is the HTTP status of the response (2xx).
	StatusCode int
	// ContentType is the response's Content-Type header.
	ContentType string
	// Excerpt is the start of the body (at most 512 bytes, valid UTF-8).
	Excerpt string
	// Err is the decoder's error.
	Err error
}

// Error describes the failure and shows the excerpt.
func (e *DecodeError) Error() string {
	if e == nil {
		return "sessions: cannot decode response"
	}
	msg := fmt.Sprintf("sessions: cannot decode %d response", e.StatusCode)
	if e.ContentType != "" {
		msg += " (" + e.ContentType + ")"
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if e.Excerpt != "" {
		msg += fmt.Sprintf("; body starts %q", e.Excerpt)
	}
	return msg
}

// Unwrap returns the decoder's error.
func (e *DecodeError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// ResponseTooLargeError is returned by reads of a success body that is
// larger than the engine's limit (WithMaxResponseBytes, default 32 MiB).
type ResponseTooLargeError struct {
	// Limit is the limit in bytes that was exceeded.
	Limit int64
}

// Error names the limit and the option that raises it.
func (e *ResponseTooLargeError) Error() string {
	if e == nil {
		return "sessions: response body too large"
	}
	return fmt.Sprintf("sessions: response body larger than %d bytes (raise the limit with WithMaxResponseBytes)", e.Limit)
}
