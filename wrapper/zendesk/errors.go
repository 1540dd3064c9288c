package zendesk

import (
	"github.com/sessionkit/sessions/wrapper/internal/core"
	"net/http"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// The error types of the client. They are the shared types of package
// sessionkit, where go doc shows every field
// (go doc github.com/sessionkit/sessions/wrapper/sessionkit APIError);
// their messages start with "zendesk:".
type (
	// APIError is the error for a response with status >= 400, returned
	// after the retries are spent: status, the code and message of
	// Zendesk's error body (classic {"error","description"}, JSON:API
	// {"errors":[...]}, OAuth {"error","error_description"}, or text),
	// the X-Zendesk-Request-Id, Retry-After, the attempts and the
	// rate-limit headers. Always a pointer:
	//
	//	if e, ok := errors.AsType[*zendesk.APIError](err); ok { ... }
	APIError = sessionkit.APIError
	// ConnectionError reports a call whose last attempt got no usable
	// response (refused, reset, a body that broke off), with the attempts.
	ConnectionError = sessionkit.ConnectionError
	// RedirectError reports a redirect to another origin, refused so that
	// credentials never leave the base URL's origin.
	RedirectError = sessionkit.RedirectError
	// DecodeError reports a success response whose body could not be
	// decoded, with the status, the content type and an excerpt.
	DecodeError = sessionkit.DecodeError
	// InvalidArgumentError reports an argument or option rejected before
	// any request was sent, naming it.
	InvalidArgumentError = sessionkit.InvalidArgumentError
	// ResponseTooLargeError reports a success body over the limit set with
	// WithMaxResponseBytes (32 MiB by default).
	ResponseTooLargeError = sessionkit.ResponseTooLargeError
)

// NewAPIError builds the *APIError the client would return for resp,
// reading (at most 64 KiB of) and closing its body: for fakes and doubles
// in your own tests that need to return the same error a real Zendesk
// failure produces.
func NewAPIError(resp *http.Response) *APIError {
	a := api("")
	return a.NewAPIError(resp)
}

// Sentinel errors, shared with package sessionkit. The error types match
// them with errors.Is.
var (
	// ErrBadRequest matches an *APIError with status 400, such as an
	// invalid pagination parameter or offset pagination past page 100.
	ErrBadRequest = sessionkit.ErrBadRequest
	// ErrUnauthorized matches an *APIError with status 401: missing,
	// wrong or expired credentials.
	ErrUnauthorized = sessionkit.ErrUnauthorized
	// ErrForbidden matches an *APIError with status 403, such as an agent
	// asking for another user's sessions.
	ErrForbidden = sessionkit.ErrForbidden
	// ErrNotFound matches an *APIError with status 404.
	ErrNotFound = sessionkit.ErrNotFound
	// ErrConflict matches an *APIError with status 409.
	ErrConflict = sessionkit.ErrConflict
	// ErrGone matches an *APIError with status 410.
	ErrGone = sessionkit.ErrGone
	// ErrUnprocessable matches an *APIError with status 422.
	ErrUnprocessable = sessionkit.ErrUnprocessable
	// ErrRateLimited matches an *APIError with status 429: the account's
	// rate limit was exceeded and the retries could not wait it out.
	ErrRateLimited = sessionkit.ErrRateLimited
	// ErrServer matches an *APIError with any 5xx status.
	ErrServer = sessionkit.ErrServer
	// ErrConnection matches a *ConnectionError.
	ErrConnection = sessionkit.ErrConnection
	// ErrInvalidArgument matches every *InvalidArgumentError.
	ErrInvalidArgument = sessionkit.ErrInvalidArgument
	// ErrRepeatedCursor is wrapped by the error a Pager yields when the
	// API hands back a cursor it already returned.
	ErrRepeatedCursor = sessionkit.ErrRepeatedCursor
)

// invalid is an *InvalidArgumentError of this package.
func invalid(name string, value any, reason string) error {
	return core.Invalid("zendesk", name, value, reason)
}
