package core

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
)

// Option configures an Engine (NewEngine) or a single call (Engine.Prepare):
// the same value works in both places, and a per-call option overrides the
// client's setting for that call only (WithHeader adds to the client's
// headers). A nil Option in a list is ignored. Options print without
// secrets. Invalid arguments (a nil HTTP client, a negative size) make
// NewEngine or Prepare return an *InvalidArgumentError naming the option.
type Option interface {
	apply(c *config, perCall bool) error
}

// option is the one implementation of Option; desc is what it prints as.
type option struct {
	desc string
	fn   func(c *config, perCall bool) error
}

func (o *option) apply(c *config, perCall bool) error {
	if o == nil || o.fn == nil {
		return nil
	}
	return o.fn(c, perCall)
}

func (o *option) String() string {
	if o == nil {
		return "core.Option(nil)"
	}
	return o.desc
}
func (o *option) GoString() string           { return o.String() }
func (o *option) Format(f fmt.State, _ rune) { formatAs(f, o.String()) }
func (o *option) LogValue() slog.Value       { return slog.StringValue(o.String()) }

func newOption(desc string, fn func(c *config, perCall bool) error) Option {
	return &option{desc: desc, fn: fn}
}

// WithBaseURL sets the API's base URL, e.g. a test server's URL or a
// proxy. It must be absolute http(s) without userinfo, query or fragment;
// http:// needs a loopback host or WithInsecureHTTP. Per call, requests are
// rewritten to the given scheme, host and path prefix.
func WithBaseURL(u string) Option {
	shown := redacted
	if p, err := url.Parse(u); err == nil {
		shown = redactURL(p)
	}
	return newOption(fmt.Sprintf("core.WithBaseURL(%q)", shown), func(c *config, _ bool) error {
		c.baseRaw = u
		return nil
	})
}

// WithHTTPClient sets the HTTP client (anything with Do, such as
// *http.Client) that sends each attempt. The engine's retries, auth and
// limits wrap it. nil is an error. By default every engine has its own
// client from DefaultHTTPClient, never http.DefaultClient.
func WithHTTPClient(d Doer) Option {
	return newOption(fmt.Sprintf("core.WithHTTPClient(%T)", d), func(c *config, _ bool) error {
		if isNil(d) {
			return InvalidArgument("WithHTTPClient", "the client must not be nil")
		}
		c.doer = d
		return nil
	})
}

// WithRetry sets the retry policy; zero fields take their defaults (see
// RetryPolicy). An invalid policy is an error naming the field.
func WithRetry(p RetryPolicy) Option {
	p.RetryStatuses = cloneInts(p.RetryStatuses)
	return newOption("core.WithRetry("+p.String()+")", func(c *config, _ bool) error {
		n, err := p.normalized("WithRetry RetryPolicy.")
		if err != nil {
			return err
		}
		c.policy, c.noRetry = n, false
		return nil
	})
}

// WithoutRetries makes every call a single attempt.
func WithoutRetries() Option {
	return newOption("core.WithoutRetries()", func(c *config, _ bool) error {
		c.noRetry = true
		return nil
	})
}

// WithRetryNonIdempotent lets the retry policy also retry methods that are
// not idempotent (POST, PATCH). Only use it when a duplicate is harmless:
// a retried POST /v1/session may create a second session.
func WithRetryNonIdempotent() Option {
	return newOption("core.WithRetryNonIdempotent()", func(c *config, _ bool) error {
		c.retryNonIdempotent = true
		return nil
	})
}

// WithUserAgent puts product (e.g. "myapp/1.2") in front of the SDK's own
// User-Agent. Empty or multi-line values are errors.
func WithUserAgent(product string) Option {
	return newOption(fmt.Sprintf("core.WithUserAgent(%q)", truncate(product, 80)), func(c *config, _ bool) error {
		if strings.TrimSpace(product) == "" {
			return InvalidArgument("WithUserAgent", "must not be empty")
		}
		if !validHeaderValue(product) {
			return InvalidArgument("WithUserAgent", "must not contain control characters")
		}
		c.userAgent = strings.TrimSpace(product)
		return nil
	})
}

// WithLogger sets the logger. The engine logs each attempt and each retry
// at debug level (method, URL without credentials, status, wait) and never
// logs headers or bodies. nil is an error; by default nothing is logged.
func WithLogger(l *slog.Logger) Option {
	return newOption("core.WithLogger(*slog.Logger)", func(c *config, _ bool) error {
		if l == nil {
			return InvalidArgument("WithLogger", "the logger must not be nil")
		}
		c.logger = l
		return nil
	})
}

// WithHeader adds a header to every request (as a client option) or to one
// call. Headers add up: a per-call WithHeader does not remove the client's.
// Invalid names or values, and the headers net/http manages itself (Host,
// Content-Length, Transfer-Encoding, Connection), are errors. Values are
// never printed.
func WithHeader(key, value string) Option {
	shownKey := truncate(key, 80)
	return newOption(fmt.Sprintf("core.WithHeader(%q, %s)", shownKey, redacted), func(c *config, _ bool) error {
		if !validHeaderName(key) {
			return &InvalidArgumentError{Name: "WithHeader key", Value: shownKey, Reason: "is not a valid header name"}
		}
		switch http.CanonicalHeaderKey(key) {
		case "Host", "Content-Length", "Transfer-Encoding", "Connection":
			return &InvalidArgumentError{Name: "WithHeader key", Value: shownKey, Reason: "is managed by net/http"}
		}
		if !validHeaderValue(value) {
			return &InvalidArgumentError{Name: "WithHeader value for " + http.CanonicalHeaderKey(key), Reason: "must not contain control characters"}
		}
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header.Add(key, value)
		return nil
	})
}

// WithAuth sets how requests are authenticated (BasicAuth,
// ZendeskAPIToken, BearerToken, StaticBearer, HeaderToken or your own
// Authenticator). nil, or an authenticator built from empty or nil
// credentials, is an error. The wrappers' WithAPIToken and WithOAuth are
// built on it.
func WithAuth(a Authenticator) Option {
	return newOption("core.WithAuth("+describeAuth(a)+")", func(c *config, _ bool) error {
		if isNil(a) {
			return InvalidArgument("WithAuth", "the authenticator must not be nil")
		}
		if v, ok := a.(validator); ok {
			if err := v.validate(); err != nil {
				return err
			}
		}
		c.auth = a
		return nil
	})
}

// WithInsecureHTTP allows an http:// base URL with a host that is not a
// loopback address. Credentials then travel in clear text: use it only on
// trusted networks.
func WithInsecureHTTP() Option {
	return newOption("core.WithInsecureHTTP()", func(c *config, _ bool) error {
		c.insecure = true
		return nil
	})
}

// WithMaxResponseBytes limits the size of a success body (default 32 MiB).
// Reading past it fails with *ResponseTooLargeError instead of exhausting
// memory. n must be > 0.
func WithMaxResponseBytes(n int64) Option {
	return newOption(fmt.Sprintf("core.WithMaxResponseBytes(%d)", n), func(c *config, _ bool) error {
		if n <= 0 {
			return &InvalidArgumentError{Name: "WithMaxResponseBytes", Value: n, Reason: "must be > 0"}
		}
		c.maxBytes = n
		return nil
	})
}

// WithRateLimit makes the client wait, before each attempt, so that it
// sends at most perMinute requests a minute, evenly spaced (a
// golang.org/x/time/rate limiter with burst 1, shared by every call of the
// client). Waiting honours the call's context; a wait that would outlast
// its deadline fails at once with an error wrapping
// context.DeadlineExceeded. perMinute must be > 0. It is a client option:
// per call it is an error.
func WithRateLimit(perMinute int) Option {
	return newOption(fmt.Sprintf("core.WithRateLimit(%d)", perMinute), func(c *config, perCall bool) error {
		if perCall {
			return InvalidArgument("WithRateLimit", "is a client option and cannot be used per call")
		}
		if perMinute <= 0 {
			return &InvalidArgumentError{Name: "WithRateLimit", Value: perMinute, Reason: "must be > 0 requests per minute"}
		}
		c.perMinute = perMinute
		return nil
	})
}

// isNil reports whether v is nil or an interface holding a nil pointer,
// map, func, chan or slice.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Func, reflect.Chan, reflect.Slice, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

func cloneInts(s []int) []int {
	if s == nil {
		return nil
	}
	return append([]int{}, s...)
}
