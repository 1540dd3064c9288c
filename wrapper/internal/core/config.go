package core

import (
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"golang.org/x/time/rate"
)

// config is the merged result of an API's defaults and the options, for
// the client or for one call. Once finished it is never modified: a call
// with options works on a copy.
type config struct {
	baseRaw            string
	base               *url.URL
	baseURL            string // base, printed once
	origin             origin
	insecure           bool
	doer               sessionkit.Doer // as given; sender wraps it
	sender             sessionkit.Doer // doer, with the origin check on redirects
	policy             sessionkit.RetryPolicy
	noRetry            bool
	retryNonIdempotent bool
	sdkAgent           string
	uaProduct          string
	userAgent          string // the header value, built once
	logger             *slog.Logger
	header             http.Header
	auth               sessionkit.Authenticator
	authName           string
	minter             *minterSpec // Minted, resolved by NewEngine into tokens
	tokens             *tokenCache // auth, when it is Minted's
	maxBytes           int64
	perMinute          int
	adaptive           *sessionkit.Adaptive
	limiter            *rate.Limiter
	pacer              *pacer
	info               *sessionkit.ResponseInfo
	observer           sessionkit.Observer
}

// newConfig returns the client defaults for api.
func newConfig(api *API) *config {
	p, _ := normalizePolicy(sessionkit.RetryPolicy{}, "")
	agent := strings.TrimSpace(api.UserAgent)
	if agent == "" || !validHeaderValue(agent) {
		agent = "sessionkit-go"
	}
	return &config{baseRaw: api.DefaultBaseURL, policy: p, sdkAgent: agent, maxBytes: defaultMaxResponseBytes}
}

// apply applies opts, skipping nil ones.
func (c *config) apply(opts []*Opt) error {
	for _, o := range opts {
		if o == nil || o.apply == nil {
			continue
		}
		if err := o.apply(c); err != nil {
			return err
		}
	}
	return nil
}

// finish validates the merged client settings and builds what calls share:
// the base URL, the sender, the User-Agent header, the limiter.
func (c *config) finish() error {
	u, err := checkBaseURL(c.baseRaw, c.insecure)
	if err != nil {
		return err
	}
	c.base, c.baseURL, c.origin = u, u.String(), originOf(u)
	if c.doer == nil {
		c.doer = defaultHTTPClient()
	}
	c.sender = guardRedirects(c.doer, c.origin)
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	c.buildUserAgent()
	switch {
	case c.perMinute > 0:
		c.limiter = rate.NewLimiter(rate.Limit(float64(c.perMinute)/60), 1)
	case c.adaptive != nil:
		c.pacer = newPacer(*c.adaptive)
	}
	return nil
}

func (c *config) buildUserAgent() {
	c.userAgent = c.sdkAgent
	if c.uaProduct != "" {
		c.userAgent = c.uaProduct + " " + c.sdkAgent
	}
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
