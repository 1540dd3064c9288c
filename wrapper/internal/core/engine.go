package core

import (
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Settings are a client's or one call's options applied over an API's
// defaults (NewSettings, Engine.CallSettings), embedded in a wrapper's own.
// Once an Engine or a Call holds them they are never modified.
type Settings struct {
	api                *API
	call               bool // a call's settings, not a client's
	baseRaw            string
	base               *url.URL
	callBase           string // the base URL + "/", what requests are built against
	origin             origin
	insecure           bool
	doer               sessionkit.Doer // as given; sender wraps it
	sender             sessionkit.Doer // doer, with the origin check on redirects
	policy             sessionkit.RetryPolicy
	noRetry            bool
	retryNonIdempotent bool
	sdkAgent           string // the API's User-Agent product
	userAgent          string // the header: a WithUserAgent product, then sdkAgent
	logger             *slog.Logger
	header             http.Header
	auth               sessionkit.Authenticator
	authName           string
	minter             *minterSpec // Mint's, resolved by NewEngine into tokens
	tokens             *tokenCache // auth, when it is Mint's
	maxBytes           int64
	perMinute          int
	adaptive           *sessionkit.Adaptive
	pacer              *pacer
	info               *sessionkit.ResponseInfo
	observer           sessionkit.Observer
}

// NewSettings returns a client's defaults for api, for its options to
// change before NewEngine.
func NewSettings(api API) Settings {
	p, _ := normalizePolicy(sessionkit.RetryPolicy{}, "")
	agent := strings.TrimSpace(api.UserAgent)
	if agent == "" || !validHeaderValue(agent) {
		agent = "sessionkit-go"
	}
	return Settings{api: &api, baseRaw: api.DefaultBaseURL, policy: p, sdkAgent: agent, userAgent: agent,
		logger: slog.New(slog.DiscardHandler), maxBytes: defaultMaxResponseBytes}
}

// IsCall reports whether these are a call's settings, not a client's.
func (c *Settings) IsCall() bool { return c.call }

// Engine holds a client's finished settings, shared by its calls without
// options (Client) and copied for calls with options (CallSettings).
type Engine struct {
	client *Call
}

// NewEngine validates and finishes a client's settings (the base URL, the
// sender, the pacing, the token cache); an error is an
// *InvalidArgumentError naming what is wrong.
func NewEngine(s Settings) (*Engine, error) {
	c := &s
	if c.api == nil {
		return nil, invalid("settings", nil, "must come from NewSettings")
	}
	u, err := checkBaseURL(c.baseRaw, c.insecure)
	if err != nil {
		return nil, c.api.named(err)
	}
	c.base, c.callBase, c.origin = u, u.String()+"/", originOf(u)
	if c.doer == nil {
		c.doer = defaultHTTPClient()
	}
	c.sender = guardRedirects(c.doer, c.origin)
	switch {
	case c.perMinute > 0:
		c.pacer = &pacer{interval: time.Minute / time.Duration(c.perMinute)}
	case c.adaptive != nil:
		c.pacer = &pacer{cfg: *c.adaptive}
	}
	if c.minter != nil { // its token requests go through these settings without credentials (see Minter)
		mc := *c
		mc.auth, mc.authName, mc.minter = nil, "", nil
		c.tokens = &tokenCache{spec: *c.minter, call: &Call{cfg: mc}}
		c.auth = c.tokens
	}
	return &Engine{client: &Call{cfg: *c}}, nil
}

// Client returns the call of the client's settings; nil without NewEngine.
func (e *Engine) Client() *Call {
	if e == nil {
		return nil
	}
	return e.client
}

// CallSettings returns a copy of the client's settings for a call's options.
func (e *Engine) CallSettings() Settings {
	s := e.client.cfg
	s.call = true
	return s
}

// Call binds a call's settings (CallSettings, then its options) to a *Call.
func (e *Engine) Call(s *Settings) *Call {
	return &Call{cfg: *s}
}

// BaseURL returns the client's base URL, without a trailing slash.
func (e *Engine) BaseURL() string {
	if e.Client() == nil {
		return ""
	}
	return strings.TrimSuffix(e.client.cfg.callBase, "/")
}

// CloseIdleConnections closes the HTTP client's idle connections, if it can.
func (e *Engine) CloseIdleConnections() {
	if e.Client() == nil {
		return
	}
	if c, ok := e.client.cfg.doer.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// Describe is the printed form of a wrapper's client named name (such as
// "zendesk.Client"): "name{baseURL: …, auth: …}" without credentials, or
// "name(nil)".
func (e *Engine) Describe(name string) string {
	if e.Client() == nil {
		return name + "(nil)"
	}
	c := &e.client.cfg
	auth := "none"
	if c.auth != nil {
		auth = c.authName + "(" + redacted + ")"
	}
	retry := "off"
	if !c.noRetry {
		retry = c.policy.String()
	}
	parts := []string{"baseURL: " + redactURL(c.base), "auth: " + auth, fmt.Sprintf("httpClient: %T", c.doer),
		fmt.Sprintf("userAgent: %q", c.userAgent), fmt.Sprintf("maxResponseBytes: %d", c.maxBytes), "retry: " + retry}
	if c.retryNonIdempotent {
		parts = append(parts, "retryNonIdempotent: true")
	}
	if c.perMinute > 0 {
		parts = append(parts, fmt.Sprintf("rateLimit: %d/min", c.perMinute))
	}
	if c.adaptive != nil {
		parts = append(parts, "rateLimit: adaptive")
	}
	if len(c.header) > 0 {
		parts = append(parts, "headers: "+strings.Join(slices.Sorted(maps.Keys(c.header)), ","))
	}
	return name + "{" + strings.Join(parts, ", ") + "}"
}

// isNil reports whether v is nil or an interface holding a nil pointer,
// map, func, chan or slice.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Func, reflect.Chan, reflect.Slice, reflect.Interface:
		return rv.IsNil()
	}
	return false
}
