package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// errorJSON is the "error" object of a JSON result line: the HTTP status
// (none for a network or local error), the vendor's error code, the message,
// and the server's request id to quote to support.
type errorJSON struct {
	Status    int    `json:"status,omitempty"`
	Code      string `json:"code,omitempty"`
	Message   string `json:"message"`
	RequestID string `json:"request_id,omitempty"`
}

// apiError returns the *APIError in err's chain. Both wrappers alias the
// same type, so one lookup serves both APIs.
func apiError(err error) (*zendesk.APIError, bool) {
	return errors.AsType[*zendesk.APIError](err)
}

// wrongServer reports whether err looks like the answer of a server that
// is not the API, where a wrong --base-url may be why: no connection, an
// answer that is not JSON, a 404 or 405 without the API's own error body
// (Zendesk's carries a code, the game server's a "message"; with it, a 404
// is the API's answer: no such session, say).
func wrongServer(err error) bool {
	e, ok := apiError(err)
	switch {
	case !ok:
		return errors.Is(err, zendesk.ErrConnection)
	case !strings.Contains(e.Header.Get("Content-Type"), "json"):
		return true
	case e.StatusCode != http.StatusNotFound && e.StatusCode != http.StatusMethodNotAllowed:
		return false
	case e.API != "gameserver":
		return e.Code == ""
	}
	var b struct {
		Message *string `json:"message"`
	}
	return json.Unmarshal(e.Body, &b) != nil || b.Message == nil
}

// describeError describes err on one line: for an API error, the API, the
// method and redacted URL, the status, the vendor's code and message, the
// request id and any Retry-After.
func describeError(err error) string {
	e, ok := apiError(err)
	if !ok {
		if errors.Is(err, context.Canceled) {
			return "interrupted: " + oneLine(err.Error())
		}
		return oneLine(err.Error())
	}
	var b strings.Builder
	if e.API != "" {
		b.WriteString(e.API + ": ")
	}
	if e.Method != "" || e.URL != "" {
		fmt.Fprintf(&b, "%s %s: ", e.Method, e.URL)
	}
	fmt.Fprintf(&b, "%d", e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	if e.Code != "" {
		b.WriteString(": " + e.Code)
	}
	if e.Message != "" && e.Message != e.Code {
		b.WriteString(": " + oneLine(e.Message))
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if ce, ok := errors.AsType[*zendesk.CredentialsError](err); ok {
		fmt.Fprintf(&b, ": the token endpoint refused the OAuth client %q (check %s and %s)", ce.ClientID, envZendeskClientID, envZendeskClientSecret)
	}
	return b.String()
}
