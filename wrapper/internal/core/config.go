package core

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/time/rate"
)

// config is the merged result of an engine's Settings and options, for the
// client or for one call. Once finished it is never modified: a call works
// on a clone.
type config struct {
	baseRaw            string
	base               *url.URL
	insecure           bool
	doer               Doer
	policy             RetryPolicy // normalized
	noRetry            bool
	retryNonIdempotent bool
	sdkAgent           string
	userAgent          string
	logger             *slog.Logger
	header             http.Header
	auth               Authenticator
	maxBytes           int64
	perMinute          int
	limiter            *rate.Limiter
}

// newConfig returns the client defaults for s.
func newConfig(s Settings) *config {
	p, _ := RetryPolicy{}.normalized("")
	agent := strings.TrimSpace(s.UserAgent)
	if agent == "" || !validHeaderValue(agent) {
		agent = DefaultUserAgent
	}
	return &config{
		baseRaw:  s.DefaultBaseURL,
		policy:   p,
		sdkAgent: agent,
		maxBytes: DefaultMaxResponseBytes,
	}
}

// clone returns a copy that a per-call option may change without touching c.
func (c *config) clone() *config {
	n := *c
	n.header = c.header.Clone()
	return &n
}

// applyAll applies opts, skipping nil ones.
func (c *config) applyAll(opts []Option, perCall bool) error {
	for _, o := range opts {
		if isNil(o) {
			continue
		}
		if err := o.apply(c, perCall); err != nil {
			return err
		}
	}
	return nil
}

// finish validates the merged settings and fills in what is still unset.
func (c *config) finish() error {
	u, err := CheckBaseURL(c.baseRaw, c.insecure)
	if err != nil {
		return err
	}
	c.base = u
	if c.doer == nil {
		c.doer = DefaultHTTPClient()
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	if c.perMinute > 0 && c.limiter == nil {
		c.limiter = newLimiter(c.perMinute)
	}
	return nil
}

// userAgentHeader is the User-Agent sent: the caller's product first.
func (c *config) userAgentHeader() string {
	if c.userAgent == "" {
		return c.sdkAgent
	}
	return c.userAgent + " " + c.sdkAgent
}
