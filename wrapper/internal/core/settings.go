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

// Settings are a client's or one call's: an API's defaults with the
// options applied over them. A wrapper keeps them in a struct of its own,
// beside what only its options set (say, how a wait polls); NewSettings
// starts a client's, Engine.CallSettings a call's. Once an Engine or a
// Call holds them they are never modified: a call with options works on a
// copy.
type Settings struct {
	api                *API
	call               bool // a call's settings, not a client's
	baseRaw            string
	base               *url.URL
	baseURL            string // base, printed once
	callBase           string // baseURL + "/", what requests are built against
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
	minter             *minterSpec // Mint's, resolved by NewEngine into tokens
	tokens             *tokenCache // auth, when it is Mint's
	maxBytes           int64
	perMinute          int
	adaptive           *sessionkit.Adaptive
	limiter            *rate.Limiter
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
	return Settings{api: &api, baseRaw: api.DefaultBaseURL, policy: p, sdkAgent: agent, maxBytes: defaultMaxResponseBytes}
}

// finish validates the merged client settings and builds what calls share:
// the base URL, the sender, the User-Agent header, the limiter.
func (c *Settings) finish() error {
	u, err := checkBaseURL(c.baseRaw, c.insecure)
	if err != nil {
		return err
	}
	c.base, c.baseURL, c.origin = u, u.String(), originOf(u)
	c.callBase = c.baseURL + "/"
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

func (c *Settings) buildUserAgent() {
	c.userAgent = c.sdkAgent
	if c.uaProduct != "" {
		c.userAgent = c.uaProduct + " " + c.sdkAgent
	}
}

// IsCall reports whether these are a call's settings, not a client's: a
// wrapper's own options check it as the engine's do.
func (c *Settings) IsCall() bool { return c.call }

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
