package core

import (
	"errors"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Invalid returns an *InvalidArgumentError of the API called api: the one
// constructor of argument errors, for the wrappers and the engine.
func Invalid(api, name string, value any, reason string) error {
	return &sessionkit.InvalidArgumentError{API: api, Name: name, Value: value, Reason: reason}
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
	if e, ok := errors.AsType[*sessionkit.InvalidArgumentError](err); ok && e.API == "" {
		e.API = a.Name
	}
	if e, ok := errors.AsType[*sessionkit.ResponseTooLargeError](err); ok && e.API == "" {
		e.API = a.Name
	}
	if e, ok := errors.AsType[*sessionkit.RedirectError](err); ok && e.API == "" {
		e.API = a.Name
	}
	return err
}
