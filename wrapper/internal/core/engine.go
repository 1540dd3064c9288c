package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
)

// DefaultUserAgent is the User-Agent product used when Settings.UserAgent is empty.
const DefaultUserAgent = "sessionkit-go"

// Doer sends an HTTP request. *http.Client is a Doer; so is *Engine. It has
// the same shape as the generated clients' HttpRequestDoer.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// DoerFunc adapts a function to a Doer, handy for in-memory transports in
// tests.
type DoerFunc func(req *http.Request) (*http.Response, error)

// Do calls f(req).
func (f DoerFunc) Do(req *http.Request) (*http.Response, error) { return f(req) }

// Settings are a wrapper's defaults for its engine.
type Settings struct {
	// DefaultBaseURL is the API's base URL when no WithBaseURL is given,
	// e.g. "https://acme.zendesk.com" or "https://api.edgegap.com".
	DefaultBaseURL string
	// UserAgent is the SDK's User-Agent product, e.g.
	// "sessionkit-go-zendesk/0.1"; empty means DefaultUserAgent.
	// WithUserAgent puts the caller's product in front of it.
	UserAgent string
}

// Engine is the HTTP engine under a wrapper's generated client: it is the
// Doer the generated client sends through, and it applies authentication,
// User-Agent and extra headers, the rate limiter, retries, the response
// size limit and error decoding. An Engine is safe for concurrent use and
// never prints a credential.
type Engine struct {
	cfg *config
}

// NewEngine builds an engine from a wrapper's Settings and the caller's
// client options. Every option is validated here: a bad base URL, a nil
// HTTP client, logger or token source, a negative retry setting gives an
// *InvalidArgumentError naming it. Without WithHTTPClient the engine gets
// its own client from DefaultHTTPClient.
func NewEngine(base Settings, opts ...Option) (*Engine, error) {
	c := newConfig(base)
	if err := c.applyAll(opts, false); err != nil {
		return nil, err
	}
	if err := c.finish(); err != nil {
		return nil, err
	}
	return &Engine{cfg: c}, nil
}

// errNoEngine is returned by the methods of a nil or zero Engine.
func errNoEngine() error { return InvalidArgument("engine", "is not initialised: use NewEngine") }

// BaseURL returns the client's base URL, without a trailing slash: the
// server URL to construct the generated client with.
func (e *Engine) BaseURL() string {
	if e == nil || e.cfg == nil || e.cfg.base == nil {
		return ""
	}
	return e.cfg.base.String()
}

// callKey is the context key of a prepared call.
type callKey struct{}

// call is what Prepare stores: the engine it was prepared for and the
// merged configuration.
type call struct {
	engine *Engine
	cfg    *config
}

// Prepare validates per-call options, merges them over the client's (or an
// earlier Prepare's) settings and returns a context carrying the result.
// The wrapper passes that context to the generated client's method, and Do
// finds it again in the request. With no options ctx is returned as is. A
// nil ctx or an invalid option is an error, never a panic.
func (e *Engine) Prepare(ctx context.Context, opts ...Option) (context.Context, error) {
	if ctx == nil {
		return nil, InvalidArgument("ctx", "must not be nil")
	}
	if e == nil || e.cfg == nil {
		return nil, errNoEngine()
	}
	hasOpt := false
	for _, o := range opts {
		if !isNil(o) {
			hasOpt = true
			break
		}
	}
	if !hasOpt {
		return ctx, nil
	}
	c := e.configFor(ctx).clone()
	if err := c.applyAll(opts, true); err != nil {
		return nil, err
	}
	if err := c.finish(); err != nil {
		return nil, err
	}
	return context.WithValue(ctx, callKey{}, &call{engine: e, cfg: c}), nil
}

// configFor returns the configuration for a request made with ctx.
func (e *Engine) configFor(ctx context.Context) *config {
	if ctx != nil {
		if c, ok := ctx.Value(callKey{}).(*call); ok && c.engine == e {
			return c.cfg
		}
	}
	return e.cfg
}

// CloseIdleConnections closes the idle connections of the engine's HTTP
// client, when it has such a method (*http.Client does).
func (e *Engine) CloseIdleConnections() {
	if e == nil || e.cfg == nil {
		return
	}
	if c, ok := e.cfg.doer.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// ClientString is the printed form of a wrapper's client named name (such
// as "zendesk.Client") built on e: "name{<engine>}", without credentials,
// or "name(nil)" for a nil client. Both wrappers' String, GoString, Format
// and LogValue print it, so a client can be logged with any verb.
func ClientString(name string, e *Engine) string {
	if e == nil {
		return name + "(nil)"
	}
	return name + "{" + e.String() + "}"
}

// String describes the engine without credentials.
func (e *Engine) String() string {
	if e == nil || e.cfg == nil {
		return "core.Engine(nil)"
	}
	c := e.cfg
	parts := []string{
		"baseURL: " + redactURL(c.base),
		"auth: " + describeAuth(c.auth),
		fmt.Sprintf("httpClient: %T", c.doer),
		"userAgent: " + fmt.Sprintf("%q", c.userAgentHeader()),
		fmt.Sprintf("maxResponseBytes: %d", c.maxBytes),
	}
	if c.noRetry {
		parts = append(parts, "retry: off")
	} else {
		parts = append(parts, "retry: "+c.policy.String())
	}
	if c.retryNonIdempotent {
		parts = append(parts, "retryNonIdempotent: true")
	}
	if c.perMinute > 0 {
		parts = append(parts, fmt.Sprintf("rateLimit: %d/min", c.perMinute))
	}
	if len(c.header) > 0 {
		keys := make([]string, 0, len(c.header))
		for k := range c.header {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts = append(parts, "headers: "+strings.Join(keys, ","))
	}
	return "core.Engine{" + strings.Join(parts, ", ") + "}"
}

// GoString is String, so %#v redacts too.
func (e *Engine) GoString() string { return e.String() }

// Format writes String for every verb.
func (e *Engine) Format(f fmt.State, _ rune) { formatAs(f, e.String()) }

// LogValue makes slog print String.
func (e *Engine) LogValue() slog.Value { return slog.StringValue(e.String()) }

// closeRequestBody closes a request body the engine will not send, as
// http.Client.Do would.
func closeRequestBody(req *http.Request) {
	if req != nil && req.Body != nil && req.Body != http.NoBody {
		_ = req.Body.Close()
	}
}

// isContextErr reports whether err is a context cancellation or deadline.
func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
