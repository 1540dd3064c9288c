package core

import (
	"errors"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// The public error types, under the names the engine uses.
type (
	// APIError is sessionkit.APIError.
	APIError = sessionkit.APIError
	// InvalidArgumentError is sessionkit.InvalidArgumentError.
	InvalidArgumentError = sessionkit.InvalidArgumentError
	// DecodeError is sessionkit.DecodeError.
	DecodeError = sessionkit.DecodeError
	// ConnectionError is sessionkit.ConnectionError.
	ConnectionError = sessionkit.ConnectionError
	// RedirectError is sessionkit.RedirectError.
	RedirectError = sessionkit.RedirectError
	// ResponseTooLargeError is sessionkit.ResponseTooLargeError.
	ResponseTooLargeError = sessionkit.ResponseTooLargeError
)

// Invalid returns an *InvalidArgumentError of the API called api: the one
// constructor of argument errors, for the wrappers and the engine.
func Invalid(api, name string, value any, reason string) error {
	return &InvalidArgumentError{API: api, Name: name, Value: value, Reason: reason}
}

// invalid returns an *InvalidArgumentError of no API yet: the engine
// names it (API.named).
func invalid(name string, value any, reason string) error { return Invalid("", name, value, reason) }

// named sets a's name on the error types of sessionkit in err's chain that
// have none yet, and returns err.
func (a *API) named(err error) error {
	if err == nil || a == nil {
		return err
	}
	if e, ok := errors.AsType[*InvalidArgumentError](err); ok && e.API == "" {
		e.API = a.Name
	}
	if e, ok := errors.AsType[*ResponseTooLargeError](err); ok && e.API == "" {
		e.API = a.Name
	}
	if e, ok := errors.AsType[*RedirectError](err); ok && e.API == "" {
		e.API = a.Name
	}
	return err
}
