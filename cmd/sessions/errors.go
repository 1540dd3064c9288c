package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// errorJSON is the "error" object of a JSON result line.
type errorJSON struct {
	// Status is the HTTP status; 0 for a network or local error.
	Status int `json:"status,omitempty"`
	// Code is the vendor's error code, e.g. "RecordNotFound".
	Code string `json:"code,omitempty"`
	// Message says what went wrong.
	Message string `json:"message"`
	// RequestID is the server's request id, to quote to support.
	RequestID string `json:"request_id,omitempty"`
}

// apiError returns the *APIError in err's chain. Both wrappers alias the
// same type, so one lookup serves both APIs.
func apiError(err error) (*zendesk.APIError, bool) {
	return errors.AsType[*zendesk.APIError](err)
}

// errorObject describes err for JSON output.
func errorObject(err error) *errorJSON {
	if e, ok := apiError(err); ok {
		return &errorJSON{Status: e.StatusCode, Code: e.Code, Message: oneLine(e.Message), RequestID: e.RequestID}
	}
	return &errorJSON{Message: oneLine(err.Error())}
}

// describeError describes err on one line: status, vendor code, message and
// request id for an API error; the error itself otherwise.
func describeError(err error) string {
	e, ok := apiError(err)
	if !ok {
		if errors.Is(err, context.Canceled) {
			return "interrupted"
		}
		return oneLine(err.Error())
	}
	var b strings.Builder
	if api, _, found := strings.Cut(err.Error(), ":"); found && !strings.Contains(api, " ") {
		b.WriteString(api + ": ")
	}
	fmt.Fprintf(&b, "%d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + oneLine(e.Message))
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}
