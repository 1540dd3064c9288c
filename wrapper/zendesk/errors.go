package zendesk

import (
	"net/http"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// APIError is the error for a response with status >= 400, returned after
// the retries are spent. It carries the status, the code and message of
// Zendesk's error body (classic {"error","description"}, JSON:API
// {"errors":[...]}, OAuth {"error","error_description"}, or plain text),
// the X-Zendesk-Request-Id, Retry-After, the number of attempts and the
// rate-limit headers. It is always a pointer:
//
//	if e, ok := errors.AsType[*zendesk.APIError](err); ok { ... }
//
// errors.Is matches it against the sentinels below by status.
type APIError = core.APIError

// NewAPIError builds the *APIError the client would return for resp, reading
// (at most 64 KiB of) and closing its body: for fakes and doubles in your own
// tests that need to return the same error a real Zendesk failure produces.
func NewAPIError(resp *http.Response) *APIError { return core.NewAPIError(resp) }

// DecodeError reports a success response whose body could not be decoded,
// such as a session whose timestamp is not ISO-8601, with the status, the
// content type and an excerpt of the body.
type DecodeError = core.DecodeError

// InvalidArgumentError reports an argument or option rejected before any
// request was sent, naming it: a user id <= 0, a page size above 100, an
// empty subdomain. errors.Is(err, ErrInvalidArgument) matches it.
type InvalidArgumentError = core.InvalidArgumentError

// ResponseTooLargeError is returned when a success body exceeds the limit
// set with WithMaxResponseBytes (32 MiB by default).
type ResponseTooLargeError = core.ResponseTooLargeError

// Sentinel errors. An *APIError matches the one for its status with
// errors.Is.
var (
	// ErrBadRequest matches an *APIError with status 400, such as an
	// invalid pagination parameter or offset pagination past page 100.
	ErrBadRequest = core.ErrBadRequest
	// ErrUnauthorized matches an *APIError with status 401: missing,
	// wrong or expired credentials.
	ErrUnauthorized = core.ErrUnauthorized
	// ErrForbidden matches an *APIError with status 403, such as an agent
	// asking for another user's sessions.
	ErrForbidden = core.ErrForbidden
	// ErrNotFound matches an *APIError with status 404.
	ErrNotFound = core.ErrNotFound
	// ErrConflict matches an *APIError with status 409 (concurrent
	// modification).
	ErrConflict = core.ErrConflict
	// ErrGone matches an *APIError with status 410.
	ErrGone = core.ErrGone
	// ErrUnprocessable matches an *APIError with status 422.
	ErrUnprocessable = core.ErrUnprocessable
	// ErrRateLimited matches an *APIError with status 429: the account's
	// rate limit was exceeded and the retries could not wait it out.
	ErrRateLimited = core.ErrRateLimited
	// ErrServer matches an *APIError with any 5xx status.
	ErrServer = core.ErrServer
	// ErrInvalidArgument matches every *InvalidArgumentError.
	ErrInvalidArgument = core.ErrInvalidArgument
	// ErrRepeatedCursor is wrapped by the error a Pager yields when the
	// API hands back a cursor it already returned.
	ErrRepeatedCursor = core.ErrRepeatedCursor
)
