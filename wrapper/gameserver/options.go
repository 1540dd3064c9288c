package gameserver

import (
	"log/slog"
	"strings"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Option configures a Client (NewClient) or a single call (every method's
// trailing options): the same value works in both places, and a per-call
// option overrides the client's setting for that call only. A nil Option is
// ignored. Options print without secrets.
type Option = core.Option

// RetryPolicy says when and how long to wait before trying a failed request
// again; see WithRetry. The zero value means the defaults: 3 attempts,
// 500 ms doubling backoff capped at 30 s with 20 % jitter, retrying
// connection errors and 408, 429, 500, 502, 503 and 504.
type RetryPolicy = core.RetryPolicy

// RetryEvent describes one retry, for RetryPolicy.OnRetry.
type RetryEvent = core.RetryEvent

// Doer sends an HTTP request; *http.Client is one. See WithHTTPClient.
type Doer = core.Doer

// WithAPIToken authenticates with the API key, sent as
// "authorization: token <key>". The key may be given with or without its
// "token " prefix, as the vendor's dashboard shows it either way. An empty
// key is an error. The key never appears in errors, logs or printed values.
func WithAPIToken(key string) Option {
	return core.WithAuth(core.Renamed("WithAPIToken", core.HeaderToken("Authorization", "token", core.Secret(trimTokenPrefix(key)))))
}

// trimTokenPrefix removes surrounding spaces and a leading "token " (any
// case) from an API key; "token" alone leaves no key.
func trimTokenPrefix(key string) string {
	const prefix = "token"
	key = strings.TrimSpace(key)
	switch {
	case strings.EqualFold(key, prefix):
		return ""
	case len(key) > len(prefix) && strings.EqualFold(key[:len(prefix)], prefix) && (key[len(prefix)] == ' ' || key[len(prefix)] == '\t'):
		return strings.TrimSpace(key[len(prefix):])
	}
	return key
}

// WithBaseURL sets the API's base URL (DefaultBaseURL by default), e.g. a
// gameservertest server's URL or a proxy. It must be absolute http(s)
// without userinfo, query or fragment; http:// needs a loopback host or
// WithInsecureHTTP.
func WithBaseURL(u string) Option { return core.WithBaseURL(u) }

// WithHTTPClient sets the HTTP client (anything with Do, such as
// *http.Client) that sends each attempt; retries, authentication and limits
// wrap it. nil is an error. By default every client has its own, never
// http.DefaultClient.
func WithHTTPClient(d Doer) Option { return core.WithHTTPClient(d) }

// WithRetry sets the retry policy; zero fields take their defaults. An
// invalid policy is an error naming the field.
func WithRetry(p RetryPolicy) Option { return core.WithRetry(p) }

// WithoutRetries makes every call a single attempt.
func WithoutRetries() Option { return core.WithoutRetries() }

// WithRetryNonIdempotent lets the retry policy repeat Create, a POST that
// is not retried by default: a create whose answer was lost may have
// created the session, and repeating it can create a second one. Use it only
// when a duplicate session is harmless to you.
func WithRetryNonIdempotent() Option { return core.WithRetryNonIdempotent() }

// WithUserAgent puts product (e.g. "mygame-matchmaker/1.2") in front of the
// SDK's own User-Agent. Empty or multi-line values are errors.
func WithUserAgent(product string) Option { return core.WithUserAgent(product) }

// WithLogger sets the logger. Each attempt and each retry is logged at
// debug level (method, URL, status, wait); headers and bodies never are.
// nil is an error; by default nothing is logged.
func WithLogger(l *slog.Logger) Option { return core.WithLogger(l) }

// WithHeader adds a header to every request (as a client option) or to one
// call; per-call headers add to the client's. Invalid names or values, and
// the headers net/http manages (Host, Content-Length, ...), are errors.
func WithHeader(key, value string) Option { return core.WithHeader(key, value) }

// WithInsecureHTTP allows an http:// base URL whose host is not a loopback
// address. The API key then travels in clear text: use it only on trusted
// networks.
func WithInsecureHTTP() Option { return core.WithInsecureHTTP() }

// WithMaxResponseBytes limits the size of a success body (32 MiB by
// default); reading past it fails instead of exhausting memory. n must be
// > 0.
func WithMaxResponseBytes(n int64) Option { return core.WithMaxResponseBytes(n) }

// WithRateLimit makes the client send at most perMinute requests a minute,
// evenly spaced, shared by all its calls. It is a client option only.
func WithRateLimit(perMinute int) Option { return core.WithRateLimit(perMinute) }
