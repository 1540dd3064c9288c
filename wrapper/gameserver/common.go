package gameserver

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
func (c *Client) String() string { return c.core().Describe("gameserver.Client") }

// GoString is String, so %#v never shows a credential either.
func (c *Client) GoString() string { return c.String() }

// core is the client's engine; nil for a nil Client.
func (c *Client) core() *core.Engine {
	if c == nil {
		return nil
	}
	return c.engine
}

// Option configures a Client (NewClient) or one call (a method of
// SessionsService, overriding the client's settings for that call only;
// WithHeader adds to the client's headers). WithAPIToken, WithBaseURL,
// WithHTTPClient, WithInsecureHTTP, WithRateLimit, WithAdaptiveRateLimit and
// WithObserver are client options; WithResponseInfo is per call;
// WithWaitReady and WithRetryNonIdempotent are Create's; the options of a
// wait are NewClient's, Create's and WaitReady's. Given elsewhere, an option
// is an *InvalidArgumentError naming it, and nothing is sent. The zero
// Option does nothing. Options print as their name and arguments, never a
// secret, with every fmt verb.
type Option struct {
	printsAs // such as gameserver.WithRetry(…)
	apply    func(*settings) error
}

// printsAs is what a value (an option, a handler) prints as with every fmt
// verb and in slog, instead of its fields: a description without secrets.
type printsAs string

// String returns the description.
func (p printsAs) String() string { return string(p) }

// GoString returns the description, for %#v.
func (p printsAs) GoString() string { return string(p) }

// Format writes the description for every verb and flag.
func (p printsAs) Format(f fmt.State, _ rune) { core.FormatAs(f, string(p)) }

// LogValue makes slog print the description.
func (p printsAs) LogValue() slog.Value { return slog.StringValue(string(p)) }

// engineOption is the engine's option o as an Option of this package.
func engineOption(o core.Option) Option {
	return Option{printsAs("gameserver." + o.String()), func(s *settings) error { return o.Apply(&s.Settings) }}
}

// settings are a client's or a call's: the engine's, and this package's
// own: whether Create waits (WithWaitReady) and how a wait polls.
type settings struct {
	core.Settings
	use  use
	wait bool
	poll pollInterval
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
	Doer         = sessionkit.Doer         // sends an HTTP request; see WithHTTPClient
	RetryPolicy  = sessionkit.RetryPolicy  // when and how a failed call is retried; the zero value means the defaults
	RetryEvent   = sessionkit.RetryEvent   // one retry, for RetryPolicy.OnRetry
	ResponseInfo = sessionkit.ResponseInfo // the metadata of a successful call; see WithResponseInfo
	RateLimit    = sessionkit.RateLimit    // the rate-limit state a response reported
	Observer     = sessionkit.Observer     // watches a client's calls; see WithObserver
)

// ParseRateLimit reads the API's rate-limit headers from h, as the client
// does for every Page and *APIError: for a transport or a tool of your own
// that paces by them.
func ParseRateLimit(h http.Header) RateLimit { return rateLimitHeaders.Parse(h) }

// Pager lists a collection lazily: List does no I/O, and All, Pages and
// Collect fetch one page at a time (see sessionkit.Pager).
type Pager[T any] = sessionkit.Pager[T]

// Page is one page of a listing; its cursor is the decimal page number, ""
// for the first page (see sessionkit.Page).
type Page[T any] = sessionkit.Page[T]

// WithBaseURL sends requests to u instead of DefaultBaseURL: a sandbox, a
// proxy or a test server such as gameservertest's. u must be an absolute
// http or https URL without userinfo, query or fragment; http:// is refused
// for hosts other than loopback unless WithInsecureHTTP is given.
// Credentials only ever go to u's origin.
func WithBaseURL(u string) Option { return engineOption(core.BaseURL(u)) }

// WithHTTPClient sets the HTTP client that sends each attempt (an
// *http.Client, or any Doer); retries, authentication and limits wrap it.
// For an *http.Client, a redirect to another origin is refused (a
// *RedirectError). nil is an error. By default each Client has its own
// *http.Client with no overall timeout: bound calls with a context.
func WithHTTPClient(d Doer) Option { return engineOption(core.HTTPClient(d)) }

// WithInsecureHTTP allows an http:// base URL whose host is not a loopback
// address: credentials then travel in clear text.
func WithInsecureHTTP() Option { return engineOption(core.InsecureHTTP()) }

// WithRateLimit makes the client send at most perMinute requests a minute,
// evenly spaced, counting every attempt of every call. A client option;
// perMinute must be > 0.
func WithRateLimit(perMinute int) Option { return engineOption(core.RateLimit(perMinute)) }

// WithRetry sets the retry policy; zero fields take their defaults, and an
// invalid field is an error naming it.
func WithRetry(p RetryPolicy) Option { return engineOption(core.Retry(p)) }

// WithoutRetries makes every call a single attempt.
func WithoutRetries() Option { return engineOption(core.NoRetries()) }

// WithUserAgent puts product (e.g. "mygame-matchmaker/1.2") in front of the
// SDK's own User-Agent. Empty or multi-line values are errors.
func WithUserAgent(product string) Option { return engineOption(core.UserAgent(product)) }

// WithLogger logs each attempt and each retry at debug level, never a
// header or a body. nil is an error; by default nothing is logged.
func WithLogger(l *slog.Logger) Option { return engineOption(core.Logger(l)) }

// WithHeader adds a header to every request (a client option) or to one
// call, on top of the client's. Invalid names or values, and the headers
// net/http manages (Host, Content-Length, Transfer-Encoding, Connection),
// are errors. Values are never printed and go only to the base URL's origin.
func WithHeader(key, value string) Option { return engineOption(core.Header(key, value)) }

// WithMaxResponseBytes limits the size of a success body (32 MiB by
// default); a larger one fails with *ResponseTooLargeError. n must be > 0.
func WithMaxResponseBytes(n int64) Option { return engineOption(core.MaxResponseBytes(n)) }

// WithResponseInfo makes a successful call fill in *info. A per-call
// option; a nil info is an error.
func WithResponseInfo(info *ResponseInfo) Option { return engineOption(core.ResponseInfo(info)) }

// WithObserver makes the client report every call to o (its operationId,
// each attempt, each wait before a retry), never a credential, a header or
// a body. A client option; nil is an error. Package otelsessions implements
// Observer with OpenTelemetry:
//
//	obs, err := otelsessions.NewObserver()
//	if err != nil { … }
//	client, err := gameserver.NewClient(…, gameserver.WithObserver(obs))
func WithObserver(o Observer) Option { return engineOption(core.Observe(o)) }

// The error types of the client: those of package sessionkit, where go doc
// shows every field. Their messages start with "gameserver:"; they are
// always pointers:
//
//	if e, ok := errors.AsType[*gameserver.APIError](err); ok { ... }
type (
	APIError              = sessionkit.APIError              // a response with status >= 400, after the retries
	ConnectionError       = sessionkit.ConnectionError       // no usable response to the last attempt
	RedirectError         = sessionkit.RedirectError         // a redirect to another origin, refused
	DecodeError           = sessionkit.DecodeError           // a success body that could not be decoded
	InvalidArgumentError  = sessionkit.InvalidArgumentError  // an argument or option rejected before sending
	ResponseTooLargeError = sessionkit.ResponseTooLargeError // a success body over WithMaxResponseBytes
	PacingError           = sessionkit.PacingError           // not sent: pacing would pass the deadline
)

// NewAPIError builds the *APIError the client would return for resp,
// reading (at most 64 KiB of) and closing its body: for doubles in your own
// tests that must fail as the real API does.
func NewAPIError(resp *http.Response) *APIError {
	a := api()
	return a.NewAPIError(resp)
}

// Sentinel errors, shared with package sessionkit: an *APIError matches the
// one of its status, and the other error types the one named.
var (
	ErrBadRequest      = sessionkit.ErrBadRequest      // 400
	ErrUnauthorized    = sessionkit.ErrUnauthorized    // 401: missing, wrong or expired credentials
	ErrForbidden       = sessionkit.ErrForbidden       // 403
	ErrNotFound        = sessionkit.ErrNotFound        // 404
	ErrConflict        = sessionkit.ErrConflict        // 409
	ErrGone            = sessionkit.ErrGone            // 410
	ErrUnprocessable   = sessionkit.ErrUnprocessable   // 422
	ErrRateLimited     = sessionkit.ErrRateLimited     // 429, and a *PacingError
	ErrServer          = sessionkit.ErrServer          // any 5xx
	ErrConnection      = sessionkit.ErrConnection      // a *ConnectionError
	ErrInvalidArgument = sessionkit.ErrInvalidArgument // an *InvalidArgumentError
	ErrRepeatedCursor  = sessionkit.ErrRepeatedCursor  // the API handed back a cursor it already returned
	ErrEmptyPages      = sessionkit.ErrEmptyPages      // sessionkit.MaxEmptyPages empty pages in a row
)
