package zendesk

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

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

// Option configures a Client (NewClient) or one call (every method, where
// it overrides the client's settings for that call only; WithHeader adds
// to the client's headers). An option with no meaning where it is given —
// WithBaseURL, WithHTTPClient, WithInsecureHTTP, WithRateLimit,
// WithAdaptiveRateLimit, WithObserver or credentials per call,
// WithResponseInfo to NewClient — is an *InvalidArgumentError naming it,
// and nothing is sent; so are two credential options on one client. A
// game-server option does not compile here. The zero Option does nothing.
// Options print as their name and arguments, never a secret, with every
// fmt verb.
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

// settings are a client's or a call's: the engine's, and what
// WithClientCredentials and WithTokenLifetime set.
type settings struct {
	core.Settings
	creds    *clientCredentials
	lifetime time.Duration // WithTokenLifetime's, 0 without
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

// The types shared with package sessionkit, where go doc shows their
// fields, methods and rules.
type (
	// Doer sends an HTTP request; *http.Client is one. See WithHTTPClient.
	Doer = sessionkit.Doer
	// RetryPolicy says when and how long to wait before trying a failed
	// call again; its doc states the retry rules. The zero value means the
	// defaults.
	RetryPolicy = sessionkit.RetryPolicy
	// RetryEvent describes one retry, for RetryPolicy.OnRetry.
	RetryEvent = sessionkit.RetryEvent
	// ResponseInfo is the metadata of a successful call (WithResponseInfo).
	ResponseInfo = sessionkit.ResponseInfo
	// RateLimit is the rate-limit state a response reported: Zendesk's
	// account-wide X-Rate-Limit and X-Rate-Limit-Remaining (per minute),
	// or the endpoint-level ratelimit-* headers when present (they win,
	// being the tighter). Every Page and *APIError carries one.
	RateLimit = sessionkit.RateLimit
	// Observer watches a client's calls, for tracing and metrics
	// (WithObserver); package wrapper/otelsessions implements it.
	Observer = sessionkit.Observer
	// Pager lists sessions lazily; List and ListByUser return one.
	Pager[T any] = sessionkit.Pager[T]
	// Page is one page of a listing. NextCursor resumes a crawl later
	// (ListOptions.After, or ListOptions.Before when walking backwards).
	Page[T any] = sessionkit.Page[T]
)

// ParseRateLimit reads Zendesk's rate-limit headers from h as the client
// does, for a transport or a tool of your own that paces by them.
func ParseRateLimit(h http.Header) RateLimit { return rateLimitHeaders.Parse(h) }

// WithBaseURL sends requests to u instead of https://{subdomain}.zendesk.com:
// a sandbox, a proxy or zendesktest's server. u must be an absolute URL
// without userinfo, query or fragment; http:// needs a loopback host or
// WithInsecureHTTP. Credentials only ever go to u's origin.
func WithBaseURL(u string) Option { return engineOption(core.BaseURL(u)) }

// WithHTTPClient sets the HTTP client that sends each attempt: an
// *http.Client (whose redirects to another origin are refused), or any
// Doer. nil is an error. By default each Client has its own *http.Client,
// without an overall timeout: bound calls with a context.
func WithHTTPClient(d Doer) Option { return engineOption(core.HTTPClient(d)) }

// WithInsecureHTTP allows an http:// base URL whose host is not a loopback
// address: credentials then travel in clear text.
func WithInsecureHTTP() Option { return engineOption(core.InsecureHTTP()) }

// WithRateLimit makes the client send at most perMinute (> 0) requests a
// minute, evenly spaced, counting every attempt of every call: give a bulk
// job a share of the account's limit (200 to 2500 a minute by plan, shared
// by every integration), and it waits its turn instead of bouncing off
// 429s. For a budget shared with other processes, see
// WithAdaptiveRateLimit.
func WithRateLimit(perMinute int) Option { return engineOption(core.RateLimit(perMinute)) }

// WithRetry sets the retry policy; zero fields take their defaults, and
// an invalid field is an error naming it.
func WithRetry(p RetryPolicy) Option { return engineOption(core.Retry(p)) }

// WithoutRetries makes every call a single attempt.
func WithoutRetries() Option { return engineOption(core.NoRetries()) }

// WithUserAgent puts product (e.g. "myapp/1.2") in front of the
// SDK's own User-Agent. Empty or multi-line values are errors.
func WithUserAgent(product string) Option { return engineOption(core.UserAgent(product)) }

// WithLogger logs each attempt and retry at debug level (method, redacted
// URL, status, duration, wait; never a header or a body). nil is an error.
func WithLogger(l *slog.Logger) Option { return engineOption(core.Logger(l)) }

// WithHeader adds a header to every request (as a client option) or to one
// call, beside the client's. Invalid names or values, and the headers
// net/http manages (Host, Content-Length...), are errors. Values are never
// printed and go only to the base URL's origin.
func WithHeader(key, value string) Option { return engineOption(core.Header(key, value)) }

// WithMaxResponseBytes limits the size of a success body (32 MiB by
// default; n > 0); a larger one is a *ResponseTooLargeError.
func WithMaxResponseBytes(n int64) Option { return engineOption(core.MaxResponseBytes(n)) }

// WithResponseInfo makes a successful call fill in *info (a per-call
// option; nil is an error).
func WithResponseInfo(info *ResponseInfo) Option { return engineOption(core.ResponseInfo(info)) }

// WithObserver makes the client report every call to o (see Observer);
// nil is an error. With OpenTelemetry:
//
//	obs, err := otelsessions.NewObserver()
//	if err != nil { … }
//	client, err := zendesk.NewClient(…, zendesk.WithObserver(obs))
func WithObserver(o Observer) Option { return engineOption(core.Observe(o)) }

// The error types of the client: the types of package sessionkit, where go
// doc shows every field; their messages start with "zendesk:".
type (
	// APIError is the error for a response with status >= 400, with the
	// code and message of Zendesk's error body (classic, JSON:API, OAuth
	// or text) and the X-Zendesk-Request-Id. Always a pointer:
	//
	//	if e, ok := errors.AsType[*zendesk.APIError](err); ok { ... }
	APIError = sessionkit.APIError
	// ConnectionError reports a call whose last attempt got no usable
	// response (refused, reset, a body that broke off).
	ConnectionError = sessionkit.ConnectionError
	// RedirectError reports a redirect to another origin, refused so that
	// credentials never leave the base URL's origin.
	RedirectError = sessionkit.RedirectError
	// DecodeError reports a success response whose body could not be
	// decoded.
	DecodeError = sessionkit.DecodeError
	// InvalidArgumentError reports an argument or option rejected before
	// any request was sent, naming it.
	InvalidArgumentError = sessionkit.InvalidArgumentError
	// ResponseTooLargeError reports a success body over the limit of
	// WithMaxResponseBytes.
	ResponseTooLargeError = sessionkit.ResponseTooLargeError
	// PacingError reports a call not sent because the client's own rate
	// limiting would have made it wait past its context's deadline.
	PacingError = sessionkit.PacingError
)

// NewAPIError builds the *APIError the client would return for resp,
// reading (at most 64 KiB of) and closing its body: for test doubles that
// fail as Zendesk does.
func NewAPIError(resp *http.Response) *APIError {
	a := api("")
	return a.NewAPIError(resp)
}

// Sentinel errors, the ones of package sessionkit, matched with errors.Is.
var (
	ErrBadRequest      = sessionkit.ErrBadRequest      // 400, e.g. offset pagination past page 100
	ErrUnauthorized    = sessionkit.ErrUnauthorized    // 401: missing, wrong or expired credentials
	ErrForbidden       = sessionkit.ErrForbidden       // 403, e.g. an agent asking for another user's sessions
	ErrNotFound        = sessionkit.ErrNotFound        // 404
	ErrConflict        = sessionkit.ErrConflict        // 409
	ErrGone            = sessionkit.ErrGone            // 410
	ErrUnprocessable   = sessionkit.ErrUnprocessable   // 422
	ErrRateLimited     = sessionkit.ErrRateLimited     // 429, or a *PacingError
	ErrServer          = sessionkit.ErrServer          // any 5xx
	ErrConnection      = sessionkit.ErrConnection      // a *ConnectionError
	ErrInvalidArgument = sessionkit.ErrInvalidArgument // an *InvalidArgumentError
	ErrRepeatedCursor  = sessionkit.ErrRepeatedCursor  // a Pager given a cursor it already followed
	ErrEmptyPages      = sessionkit.ErrEmptyPages      // a Pager given sessionkit.MaxEmptyPages empty pages in a row
)
