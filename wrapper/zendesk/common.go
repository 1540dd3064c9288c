package zendesk

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/sessionkit/sessions/wrapper/internal/core"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// BaseURL returns the URL the client sends its requests to, without a
// trailing slash; "" for a Client not made by NewClient.
func (c *Client) BaseURL() string { return c.core().BaseURL() }

// CloseIdleConnections closes the idle connections of the client's HTTP
// client, when it has such a method (*http.Client does).
func (c *Client) CloseIdleConnections() { c.core().CloseIdleConnections() }

// String describes the client's settings, without credentials.
func (c *Client) String() string { return c.core().Describe("zendesk.Client") }

// GoString is String, so %#v never shows a credential either.
func (c *Client) GoString() string { return c.String() }

// core is the client's engine; nil for a nil Client.
func (c *Client) core() *core.Engine {
	if c == nil {
		return nil
	}
	return c.engine
}

// Option configures a Client (NewClient) or one call (every method of
// SessionsService, where it overrides the client's settings for that call
// only; WithHeader adds to the client's headers). An option with no
// meaning where it is given — WithBaseURL, WithHTTPClient, WithRateLimit,
// credentials... per call, WithResponseInfo to NewClient — is an
// *InvalidArgumentError naming it, and nothing is sent. A game-server
// option is not an Option of this package: passing one does not compile.
// The zero Option does nothing. Options print as their name and
// arguments, never a secret, with every fmt verb.
type Option struct {
	desc  string
	apply func(*settings) error
}

// String is how the option prints, such as zendesk.WithRetry(…).
func (o Option) String() string { return "zendesk." + o.desc }

// Format writes String for every verb, so %+v and %#v never show a secret.
func (o Option) Format(f fmt.State, _ rune) { core.FormatAs(f, o.String()) }

// LogValue makes slog print String.
func (o Option) LogValue() slog.Value { return slog.StringValue(o.String()) }

// engineOption is the engine's option o as an Option of this package.
func engineOption(o core.Option) Option {
	return Option{o.String(), func(s *settings) error { return o.Apply(&s.Settings) }}
}

// apply applies opts to s, in order.
func (s *settings) apply(opts []Option) error {
	for _, o := range opts {
		if o.apply != nil {
			if err := o.apply(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// The configuration types of the client, shared with package sessionkit,
// where go doc shows their fields and methods.
type (
	// Doer sends an HTTP request; *http.Client is one. See WithHTTPClient
	// and sessionkit.Doer.
	Doer = sessionkit.Doer
	// RetryPolicy says when and how long to wait before trying a failed
	// call again; sessionkit.RetryPolicy has every field and the retry
	// rules. The zero value means the defaults.
	RetryPolicy = sessionkit.RetryPolicy
	// RetryEvent describes one retry, for RetryPolicy.OnRetry.
	RetryEvent = sessionkit.RetryEvent
	// ResponseInfo is the metadata of a successful call; see
	// WithResponseInfo and sessionkit.ResponseInfo.
	ResponseInfo = sessionkit.ResponseInfo
)

// RateLimit is the rate-limit state a response reported: Zendesk's
// account-wide X-Rate-Limit and X-Rate-Limit-Remaining (requests per
// minute), or the endpoint-level ratelimit-limit, ratelimit-remaining and
// ratelimit-reset when present (they win, being the tighter). Every Page
// and every *APIError carries one; see sessionkit.RateLimit for its
// fields.
type RateLimit = sessionkit.RateLimit

// ParseRateLimit reads Zendesk's rate-limit headers from h, as the client
// does for every Page and *APIError: for a transport or a tool of your own
// that paces by them.
func ParseRateLimit(h http.Header) RateLimit {
	return rateLimitHeaders.Parse(h)
}

// Pager lists sessions lazily: List and ListByUser return one without any
// I/O, and iterating fetches one page at a time. All yields sessions, Pages
// yields pages with their cursors and rate-limit headers, Collect gathers
// everything. Breaking out of a loop stops fetching; an error is yielded
// once and ends the iteration; iterating again starts over.
type Pager[T any] = sessionkit.Pager[T]

// Page is one page of a listing. NextCursor resumes a crawl later
// (ListOptions.After, or ListOptions.Before when walking backwards);
// RateLimit tells how much of the account's budget is left.
type Page[T any] = sessionkit.Page[T]

// WithBaseURL sends requests to u instead of https://{subdomain}.zendesk.com: a
// sandbox, a proxy or a test server such as zendesktest's. u must be an
// absolute http or https URL without userinfo, query or fragment; http://
// is refused for hosts other than loopback unless WithInsecureHTTP is
// given. Credentials only ever go to u's origin.
func WithBaseURL(u string) Option { return engineOption(core.BaseURL(u)) }

// WithHTTPClient sets the HTTP client that sends each attempt (an
// *http.Client, or any Doer). Retries, authentication and limits wrap it;
// for an *http.Client, a redirect to another origin is refused (a
// *RedirectError). nil is an error. By default each Client has its own
// *http.Client (see the package documentation for its settings), never
// http.DefaultClient, and no overall timeout: bound calls with a context.
func WithHTTPClient(d Doer) Option { return engineOption(core.HTTPClient(d)) }

// WithInsecureHTTP allows an http:// base URL whose host is not a loopback
// address. Credentials then travel in clear text: use it only on trusted
// networks.
func WithInsecureHTTP() Option { return engineOption(core.InsecureHTTP()) }

// WithRateLimit makes the client send at most perMinute requests a minute,
// evenly spaced, counting every attempt of every call of the client.
// Zendesk limits an account to 200–2500 requests a minute depending on
// the plan, shared with every other integration of the account: give a
// bulk job a share of it, and the job waits its turn instead of bouncing
// off 429s. For a budget shared with other processes, see
// WithAdaptiveRateLimit.
// Waiting honours the call's context. It is a client option only;
// perMinute must be > 0.
func WithRateLimit(perMinute int) Option { return engineOption(core.RateLimit(perMinute)) }

// WithRetry sets the retry policy; zero fields take their defaults. An
// invalid policy (a negative MaxAttempts, a Multiplier below 1...) is an
// error naming the field. RetryPolicy says which calls are retried.
func WithRetry(p RetryPolicy) Option { return engineOption(core.Retry(p)) }

// WithoutRetries makes every call a single attempt.
func WithoutRetries() Option { return engineOption(core.NoRetries()) }

// WithUserAgent puts product (e.g. "myapp/1.2") in front of the
// SDK's own User-Agent. Empty or multi-line values are errors.
func WithUserAgent(product string) Option { return engineOption(core.UserAgent(product)) }

// WithLogger logs each attempt and each retry at debug level (method, URL
// without credentials, status, duration, wait); headers and bodies are
// never logged. nil is an error; by default nothing is logged.
func WithLogger(l *slog.Logger) Option { return engineOption(core.Logger(l)) }

// WithHeader adds a header to every request (as a client option) or to one
// call. Headers add up: a per-call WithHeader keeps the client's. Invalid
// names or values, and the headers net/http manages (Host, Content-Length,
// Transfer-Encoding, Connection), are errors. Values are never printed and
// go only to the base URL's origin.
func WithHeader(key, value string) Option { return engineOption(core.Header(key, value)) }

// WithMaxResponseBytes limits the size of a success body (32 MiB by
// default); a larger one fails with *ResponseTooLargeError instead of
// exhausting memory. n must be > 0.
func WithMaxResponseBytes(n int64) Option { return engineOption(core.MaxResponseBytes(n)) }

// WithResponseInfo makes a successful call fill in *info: its status,
// request id, rate-limit state, number of attempts and headers. It is a
// per-call option; a nil info is an error.
func WithResponseInfo(info *ResponseInfo) Option { return engineOption(core.ResponseInfo(info)) }

// Observer watches a client's calls, for tracing and metrics; see
// sessionkit.Observer for what it is told and when. Package
// wrapper/otelsessions implements it with OpenTelemetry.
type Observer = sessionkit.Observer

// WithObserver makes the client report every call to o: the operation (its
// OpenAPI operationId), each HTTP attempt and each wait before a retry;
// never a credential, a header or a body. Without one a call does no
// observing work. nil is an error. It is a client option. With
// OpenTelemetry:
//
//	obs, err := otelsessions.NewObserver()
//	if err != nil { … }
//	client, err := zendesk.NewClient(…, zendesk.WithObserver(obs))
func WithObserver(o Observer) Option { return engineOption(core.Observe(o)) }

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
	// PacingError reports a call not sent because the client's own rate
	// limiting would have made it wait past its context's deadline, with
	// how long; it matches ErrRateLimited and context.DeadlineExceeded.
	PacingError = sessionkit.PacingError
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
	// ErrEmptyPages is wrapped by the error a Pager yields when the API
	// hands out sessionkit.MaxEmptyPages empty pages in a row, each with a
	// new cursor and saying there is more.
	ErrEmptyPages = sessionkit.ErrEmptyPages
)
