package sessionkit

import (
	"errors"
	"fmt"
	"github.com/sessionkit/sessions/wrapper/internal/clip"
	"net/http"
	"strings"
	"time"
)

// Sentinel errors, matched with errors.Is by the error types of this
// package; never reassigned. An *APIError matches the one of its status.
var (
	ErrBadRequest    = errors.New("bad request")          // status 400
	ErrUnauthorized  = errors.New("unauthorized")         // status 401
	ErrForbidden     = errors.New("forbidden")            // status 403
	ErrNotFound      = errors.New("not found")            // status 404
	ErrConflict      = errors.New("conflict")             // status 409
	ErrGone          = errors.New("gone")                 // status 410
	ErrUnprocessable = errors.New("unprocessable entity") // status 422
	ErrRateLimited   = errors.New("rate limited")         // status 429, and every *PacingError
	ErrServer        = errors.New("server error")         // any 5xx status

	ErrConnection      = errors.New("connection failed")             // every *ConnectionError
	ErrInvalidArgument = errors.New("invalid argument")              // every *InvalidArgumentError
	ErrRepeatedCursor  = errors.New("repeated page cursor")          // a Pager handed a cursor again
	ErrEmptyPages      = errors.New("too many empty pages in a row") // a Pager handed MaxEmptyPages empty pages
)

// statusSentinels are the sentinels of the 4xx statuses; every 5xx is
// ErrServer.
var statusSentinels = map[int]error{
	400: ErrBadRequest, 401: ErrUnauthorized, 403: ErrForbidden, 404: ErrNotFound,
	409: ErrConflict, 410: ErrGone, 422: ErrUnprocessable, 429: ErrRateLimited,
}

// prefix is what an error's message starts with: its API's name, or
// "sessionkit" when none was set.
func prefix(api string) string {
	if api == "" {
		return "sessionkit: "
	}
	return api + ": "
}

// withPart is msg followed by sep and part, or msg when part is empty.
func withPart(msg, sep, part string) string {
	if part == "" {
		return msg
	}
	return msg + sep + part
}

// APIError is the error for a response with status >= 400, once the client
// has stopped retrying; always a pointer. It matches the sentinel of its
// status.
type APIError struct {
	API string // "zendesk" or "gameserver"
	// StatusCode is the HTTP status, e.g. 404.
	StatusCode int
	// Method and URL identify the request; URL has no userinfo, and its
	// credential-like query values are redacted.
	Method, URL string
	// Code is the body's machine-readable error code, such as
	// "RecordNotFound" or "invalid_token"; "" when it has none.
	Code string
	// Message is the human-readable message from the body, or the body
	// itself as one line of text when it is not JSON; at most 512 bytes.
	Message string
	// RequestID is the server's request id, for support tickets.
	RequestID string
	// RetryAfter is the wait the server asked for in Retry-After, or on a
	// 429 without one its rate-limit reset. When it exceeded the retry
	// policy's MaxBackoff or the context's deadline the client did not
	// wait: retry no sooner than this.
	RetryAfter time.Duration
	// Attempts is the number of attempts made, including the first.
	Attempts int
	// Header is the response header, without credential-bearing fields
	// such as Set-Cookie.
	Header http.Header
	// Body is the start of the response body, at most 64 KiB.
	Body []byte
	// RateLimit is the rate-limit state the response reported.
	RateLimit RateLimit
}

// Error returns a one-line description such as
//
//	zendesk: GET https://acme.zendesk.com/api/v2/users/1/sessions/2: 404 Not Found: RecordNotFound: Not found (request id abc, 3 attempts)
func (e *APIError) Error() string {
	if e == nil {
		return "sessionkit: API error"
	}
	msg := prefix(e.API)
	if e.Method != "" || e.URL != "" {
		msg += strings.TrimSpace(e.Method+" "+e.URL) + ": "
	}
	msg = withPart(fmt.Sprint(msg, e.StatusCode), " ", http.StatusText(e.StatusCode))
	msg = withPart(withPart(msg, ": ", e.Code), ": ", e.Message)
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
		msg += " (" + strings.Join(extra, ", ") + ")"
	}
	return msg
}

// Is matches the sentinel of the status (see the sentinels).
func (e *APIError) Is(target error) bool {
	if e == nil || target == nil {
		return false
	}
	if e.StatusCode >= 500 && e.StatusCode <= 599 {
		return target == ErrServer
	}
	return statusSentinels[e.StatusCode] == target
}

// ConnectionError reports a call whose last attempt got no usable
// response: the connection could not be made, broke before the answer, or
// broke off in a success body. A call the context ended also matches
// context.Canceled or context.DeadlineExceeded.
type ConnectionError struct {
	API         string // "zendesk" or "gameserver"
	Method, URL string // the request (URL without credentials)
	Attempts    int    // including the first
	Err         error  // the last attempt's
}

// Error describes the failure, e.g. "gameserver: GET https://…: connection
// failed after 3 attempts: read: connection reset by peer".
func (e *ConnectionError) Error() string {
	if e == nil {
		return "sessionkit: connection failed"
	}
	msg := prefix(e.API) + strings.TrimSpace(e.Method+" "+e.URL) + ": connection failed"
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the last attempt's error.
func (e *ConnectionError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Is reports whether target is ErrConnection.
func (e *ConnectionError) Is(target error) bool { return target == ErrConnection }

// RedirectError reports a redirect to another origin (scheme, host or
// port) than the base URL's, refused because credentials and extra headers
// only ever go to that origin; never retried. Follow it yourself if you
// trust the target.
type RedirectError struct {
	API string // "zendesk" or "gameserver"
	// StatusCode is the redirect's status: 301, 302, 303, 307 or 308.
	StatusCode int
	// Location is the redirect's target, without credentials.
	Location string
	// Reason says why it was refused.
	Reason string
}

// Error names the status, the target and the reason.
func (e *RedirectError) Error() string {
	if e == nil {
		return "sessionkit: redirect refused"
	}
	return withPart(fmt.Sprintf("%srefused the %d redirect to %s", prefix(e.API), e.StatusCode, e.Location), ": ", e.Reason)
}

// InvalidArgumentError reports an argument or option rejected before any
// request was sent: an empty session id, a negative retry count, two
// credentials on one client... It matches ErrInvalidArgument.
type InvalidArgumentError struct {
	API string // "zendesk" or "gameserver"
	// Name names the argument or option, e.g. "userID" or
	// "WithRetry RetryPolicy.MaxAttempts".
	Name string
	// Value is the rejected value, printed when not nil; never a credential.
	Value any
	// Reason says what is wrong, e.g. "must be > 0".
	Reason string
}

// Error returns "<api>: invalid <name> <value>: <reason>".
func (e *InvalidArgumentError) Error() string {
	if e == nil {
		return "sessionkit: invalid argument"
	}
	msg := prefix(e.API) + "invalid " + e.Name
	switch v := e.Value.(type) {
	case nil:
	case string:
		msg += fmt.Sprintf(" %q", clip.Truncate(v, 80))
	default:
		msg += fmt.Sprintf(" %v", v)
	}
	return withPart(msg, ": ", e.Reason)
}

// Is reports whether target is ErrInvalidArgument.
func (e *InvalidArgumentError) Is(target error) bool { return target == ErrInvalidArgument }

// DecodeError reports a success response whose body could not be decoded
// into the expected type.
type DecodeError struct {
	API         string // "zendesk" or "gameserver"
	StatusCode  int    // 2xx
	ContentType string // the response's Content-Type
	// Excerpt is the start of the body (at most 512 bytes, valid UTF-8).
	Excerpt string
	// Err is the decoder's error.
	Err error
}

// Error describes the failure and shows the excerpt.
func (e *DecodeError) Error() string {
	if e == nil {
		return "sessionkit: cannot decode response"
	}
	msg := fmt.Sprintf("%scannot decode %d response", prefix(e.API), e.StatusCode)
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

// ResponseTooLargeError reports a success body over the client's limit
// (WithMaxResponseBytes); it is not retried.
type ResponseTooLargeError struct {
	API string // "zendesk" or "gameserver"
	// Limit is the limit in bytes that was exceeded.
	Limit int64
}

// Error names the limit and the option that raises it.
func (e *ResponseTooLargeError) Error() string {
	if e == nil {
		return "sessionkit: response body too large"
	}
	return fmt.Sprintf("%sresponse body larger than %d bytes (raise the limit with WithMaxResponseBytes)", prefix(e.API), e.Limit)
}
