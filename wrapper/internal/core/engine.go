package core

import (
	"fmt"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"slices"
	"strings"
)

// Engine is what a wrapper's client sends its calls through. It holds the
// client's finished configuration; Call merges a call's options over it,
// once, and the resulting *Call sends the request that the generated
// request builder made. An Engine is safe for concurrent use and never
// prints a credential.
type Engine struct {
	api      *API
	cfg      *config
	base     *Call  // the call with no options, shared
	callBase string // the base URL requests are built against
}

// NewEngine builds an engine for api from the client's options. Every
// option is validated here; an error is an *InvalidArgumentError naming
// the option, with api's name.
func NewEngine(api API, opts ...*Opt) (*Engine, error) {
	a := &api
	c := newConfig(a)
	if err := c.apply(opts); err != nil {
		return nil, a.named(err)
	}
	if err := c.finish(); err != nil {
		return nil, a.named(err)
	}
	if c.minter != nil {
		c.resolveMinted(a)
	}
	e := &Engine{api: a, cfg: c, callBase: c.baseURL + "/"}
	e.base = &Call{e: e, cfg: c}
	return e, nil
}

// resolveMinted turns Minted credentials into the engine's token cache.
// Its token requests go through an engine of their own, built here from
// the finished configuration without credentials: they share the
// client's HTTP client, retry policy, rate limit, headers and size limit,
// and never come back to the credentials or to the engine being built.
func (c *config) resolveMinted(a *API) {
	mc := *c
	mc.auth, mc.authName, mc.minter = nil, "", nil
	mc.header = c.header.Clone()
	me := &Engine{api: a, cfg: &mc, callBase: c.baseURL + "/"}
	me.base = &Call{e: me, cfg: &mc}
	c.tokens = &tokenCache{spec: *c.minter, call: me.base}
	c.auth = c.tokens
}

// Call returns the call configuration for opts merged over the client's:
// with no (non-nil) options the client's own, shared and free; otherwise
// a copy, validated once. The *Call is then used for one call (or the
// pages of one listing).
func (e *Engine) Call(opts ...*Opt) (*Call, error) {
	if e == nil || e.cfg == nil {
		return nil, &sessionkit.InvalidArgumentError{Name: "client", Reason: "is not initialised: use NewClient"}
	}
	if !slices.ContainsFunc(opts, func(o *Opt) bool { return o != nil }) {
		return e.base, nil
	}
	c := *e.cfg
	c.header = e.cfg.header.Clone()
	c.info = nil
	if err := c.apply(opts); err != nil {
		return nil, e.api.named(err)
	}
	c.buildUserAgent()
	return &Call{e: e, cfg: &c}, nil
}

// BaseURL returns the client's base URL, without a trailing slash.
func (e *Engine) BaseURL() string {
	if e == nil || e.cfg == nil {
		return ""
	}
	return e.cfg.baseURL
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

// describe is the printed form of a wrapper's client named name (such as
// "zendesk.Client") built on e: "name{baseURL: …, auth: …}", without
// credentials, or "name(nil)".
func (e *Engine) describe(name string) string {
	if e == nil || e.cfg == nil {
		return name + "(nil)"
	}
	c := e.cfg
	auth := "none"
	if c.auth != nil {
		auth = c.authName + "(" + redacted + ")"
	}
	parts := []string{
		"baseURL: " + redactURL(c.base),
		"auth: " + auth,
		fmt.Sprintf("httpClient: %T", c.doer),
		fmt.Sprintf("userAgent: %q", c.userAgent),
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
	if c.adaptive != nil {
		parts = append(parts, "rateLimit: adaptive")
	}
	if len(c.header) > 0 {
		keys := make([]string, 0, len(c.header))
		for k := range c.header {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts = append(parts, "headers: "+strings.Join(keys, ","))
	}
	return name + "{" + strings.Join(parts, ", ") + "}"
}

// FormatAs writes s for every verb: the wrappers' Format methods use it.
func FormatAs(f fmt.State, s string) { formatAs(f, s) }
