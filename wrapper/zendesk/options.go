package zendesk

import (
	"log/slog"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Option configures a Client (NewClient) or a single call (any method of
// SessionsService): the same value works in both places, and a per-call
// option overrides the client's setting for that call only (WithHeader adds
// to the client's headers). A nil Option is ignored. Options print without
// secrets. An invalid option makes NewClient, or the call, fail with an
// *InvalidArgumentError naming it, before any request is sent.
type Option = core.Option

// Doer sends an HTTP request; *http.Client is one. See WithHTTPClient.
type Doer = core.Doer

// WithBaseURL sends requests to u instead of https://{subdomain}.zendesk.com:
// a sandbox, a proxy or a test server such as zendesktest's. u must be an
// absolute http or https URL without userinfo, query or fragment; http://
// is refused for hosts other than loopback unless WithInsecureHTTP is given.
func WithBaseURL(u string) Option { return core.WithBaseURL(u) }

// WithHTTPClient sets the HTTP client that sends each attempt (an
// *http.Client, or any Doer). Retries, authentication and limits wrap it.
// nil is an error. By default each Client has its own *http.Client, never
// http.DefaultClient, and no overall timeout: bound calls with a context.
func WithHTTPClient(d Doer) Option { return core.WithHTTPClient(d) }

// WithUserAgent puts product (e.g. "myapp/1.2") in front of the SDK's own
// User-Agent. Empty or multi-line values are errors.
func WithUserAgent(product string) Option { return core.WithUserAgent(product) }

// WithLogger logs each attempt and each retry at debug level (method, URL
// without credentials, status, wait); headers and bodies are never logged.
// nil is an error; by default nothing is logged.
func WithLogger(l *slog.Logger) Option { return core.WithLogger(l) }

// WithHeader adds a header to every request (as a client option) or to one
// call. Headers add up: a per-call WithHeader keeps the client's. Invalid
// names or values, and the headers net/http manages (Host, Content-Length,
// Transfer-Encoding, Connection), are errors. Values are never printed.
func WithHeader(key, value string) Option { return core.WithHeader(key, value) }

// WithInsecureHTTP allows an http:// base URL whose host is not a loopback
// address. Credentials then travel in clear text: use it only on trusted
// networks.
func WithInsecureHTTP() Option { return core.WithInsecureHTTP() }

// WithMaxResponseBytes limits the size of a success body (32 MiB by
// default); a larger one fails with *ResponseTooLargeError instead of
// exhausting memory. n must be > 0.
func WithMaxResponseBytes(n int64) Option { return core.WithMaxResponseBytes(n) }
