package core

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// APIError is the error for a response with status >= 400, returned after
// the engine has given up retrying (or did not retry). It is always used as
// a pointer. errors.Is(err, ErrNotFound) and friends match it by status;
// errors.AsType[*APIError](err) gives access to every field.
type APIError struct {
	// StatusCode is the HTTP status, e.g. 404.
	StatusCode int
	// Method is the request method, e.g. "GET".
	Method string
	// URL is the request URL without userinfo and with credential-like
	// query values redacted.
	URL string
	// Code is the machine-readable error code from the body, e.g.
	// "RecordNotFound", "invalid_token" or "TooManyRequests"; "" when the
	// body has none.
	Code string
	// Message is the human-readable message from the body, or the body
	// itself as one line of text when it is not JSON; at most 512 bytes.
	Message string
	// RequestID is the server's request id (X-Zendesk-Request-Id,
	// X-Request-Id, ...), for support tickets.
	RequestID string
	// RetryAfter is the wait the server asked for in Retry-After, when it
	// sent one. When it exceeded the retry policy's MaxBackoff or the
	// context's deadline the engine did not wait: retry no sooner than this.
	RetryAfter time.Duration
	// Attempts is the number of attempts made, including the first.
	Attempts int
	// Header is the response header, without Set-Cookie and other
	// credential-bearing fields.
	Header http.Header
	// Body is the start of the response body, at most 64 KiB.
	Body []byte
	// RateLimit is the rate-limit state the response reported.
	RateLimit RateLimit
}

// NewAPIError builds an *APIError from a response with status >= 400: it
// reads at most 64 KiB of the body, drains a bounded tail and closes it, and
// decodes Code and Message from the vendors' error shapes. Method and URL
// come from resp.Request when set; Attempts is 1. Wrappers get APIErrors
// from the engine; NewAPIError is exported so that users can build
// realistic errors in their own tests. A nil resp gives an *APIError with
// StatusCode 0.
func NewAPIError(resp *http.Response) *APIError {
	e := &APIError{Attempts: 1}
	if resp == nil {
		e.Message = "no response"
		return e
	}
	e.StatusCode = resp.StatusCode
	e.Header = safeHeader(resp.Header)
	if req := resp.Request; req != nil {
		e.Method = req.Method
		e.URL = redactURL(req.URL)
	}
	if resp.Body != nil {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		_ = drainAndClose(resp.Body)
		if len(body) > 0 {
			e.Body = body
		}
	}
	e.Code, e.Message = decodeErrorBody(resp.Header.Get("Content-Type"), e.Body)
	e.RequestID = requestID(resp.Header)
	e.RateLimit = ParseRateLimit(resp.Header)
	if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		e.RetryAfter = d
	}
	return e
}

// requestID returns the first request-id header the response carries.
func requestID(h http.Header) string {
	for _, k := range [...]string{"X-Zendesk-Request-Id", "X-Request-Id", "Request-Id", "X-Amzn-Requestid", "X-Correlation-Id"} {
		if v := h.Get(k); v != "" {
			return oneLine(v, 128)
		}
	}
	return ""
}

// Error returns a one-line description such as
//
//	sessions: GET https://acme.zendesk.com/api/v2/users/1/sessions/2: 404 Not Found: RecordNotFound: Not found (request id abc, 3 attempts)
func (e *APIError) Error() string {
	if e == nil {
		return "sessions: API error"
	}
	var b strings.Builder
	b.WriteString("sessions: ")
	if e.Method != "" || e.URL != "" {
		b.WriteString(strings.TrimSpace(e.Method + " " + e.URL))
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%d", e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	if e.Code != "" {
		b.WriteString(": " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	var extra []string
	if e.RequestID != "" {
		extra = append(extra, "request id "+e.RequestID)
	}
	if e.Attempts > 1 {
		extra = append(extra, fmt.Sprintf("%d attempts", e.Attempts))
	}
	if e.RetryAfter > 0 {
		extra = append(extra, "retry after "+e.RetryAfter.String())
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, ", ") + ")")
	}
	return b.String()
}

// Is maps the status code to the package's sentinels: 400 ErrBadRequest,
// 401 ErrUnauthorized, 403 ErrForbidden, 404 ErrNotFound, 409 ErrConflict,
// 410 ErrGone, 422 ErrUnprocessable, 429 ErrRateLimited, 5xx ErrServer.
func (e *APIError) Is(target error) bool {
	if e == nil || target == nil {
		return false
	}
	s := sentinelFor(e.StatusCode)
	return s != nil && s == target
}
