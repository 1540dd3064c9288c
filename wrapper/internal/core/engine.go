package core

import (
	"fmt"
	"slices"
	"strings"
)

// Engine is what a wrapper's client sends its calls through. It holds the
// client's finished settings; a call with options gets a copy of them
// (CallSettings), changed by the options and bound to a *Call; a call
// without options shares the client's (Client). An Engine is safe for
// concurrent use and never prints a credential.
type Engine struct {
	api    *API
	client *Call // the client's settings, shared by calls without options
}

// NewEngine validates and finishes a client's settings (NewSettings, with
// the client's options applied) and returns the engine that sends its
// calls; an error is an *InvalidArgumentError naming what is wrong, with
// the API's name.
func NewEngine(s Settings) (*Engine, error) {
	c := &s
	if c.api == nil {
		return nil, invalid("settings", nil, "must come from NewSettings")
	}
	if err := c.finish(); err != nil {
		return nil, c.api.named(err)
	}
	if c.minter != nil {
		c.resolveMinted()
	}
	e := &Engine{api: c.api}
	e.client = &Call{cfg: *c}
	return e, nil
}

// resolveMinted turns Mint's credentials into the engine's token cache.
// Its token requests go through an engine of their own, built here from
// the finished settings without credentials: they share the client's
// HTTP client, retry policy, rate limit, headers and size limit, and never
// come back to the credentials or to the engine being built.
func (c *Settings) resolveMinted() {
	mc := *c
	mc.auth, mc.authName, mc.minter = nil, "", nil
	me := &Engine{api: c.api}
	me.client = &Call{cfg: mc}
	c.tokens = &tokenCache{spec: *c.minter, call: me.client}
	c.auth = c.tokens
}

// Client returns the call of the client's own settings, shared by every
// call without options; nil for an engine not made by NewEngine.
func (e *Engine) Client() *Call {
	if e == nil {
		return nil
	}
	return e.client
}

// CallSettings returns a copy of the client's settings for one call's
// options to change (Option.Apply), then Call.
func (e *Engine) CallSettings() Settings {
	s := e.client.cfg
	s.call = true
	return s
}

// Call binds a call's settings (CallSettings, changed by its options) to
// a *Call, used for one call or the pages of one listing.
func (e *Engine) Call(s *Settings) *Call {
	c := &Call{cfg: *s}
	c.cfg.buildUserAgent()
	return c
}

// BaseURL returns the client's base URL, without a trailing slash.
func (e *Engine) BaseURL() string {
	if e.Client() == nil {
		return ""
	}
	return e.client.cfg.baseURL
}

// CloseIdleConnections closes the idle connections of the engine's HTTP
// client, when it has such a method (*http.Client does).
func (e *Engine) CloseIdleConnections() {
	if e.Client() == nil {
		return
	}
	if c, ok := e.client.cfg.doer.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// Describe is the printed form of a wrapper's client named name (such as
// "zendesk.Client") built on e: "name{baseURL: …, auth: …}", without
// credentials, or "name(nil)".
func (e *Engine) Describe(name string) string {
	if e.Client() == nil {
		return name + "(nil)"
	}
	c := &e.client.cfg
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
