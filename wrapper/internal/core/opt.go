package core

import (
	"fmt"
	"github.com/sessionkit/sessions/wrapper/internal/clip"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Opt is one setting as the engine sees it: what it prints as (never a
// secret) and how it changes a configuration. The wrappers wrap Opts in
// their own option types, so that an option of one API cannot be given to
// the other; the behaviour behind them lives here once.
type Opt struct {
	desc  string
	apply func(c *config) error
}

// newOpt returns an Opt printed as desc (which must hold no secret).
func newOpt(desc string, apply func(c *config) error) *Opt {
	return &Opt{desc: desc, apply: apply}
}

// String is what the option prints as.
func (o *Opt) String() string {
	if o == nil {
		return "<nil option>"
	}
	return o.desc
}

// BaseURL sets the API's base URL. It must be absolute http(s) without
// userinfo, query or fragment; http:// needs a loopback host or
// InsecureHTTP. Checked when the engine is built.
func BaseURL(u string) *Opt {
	shown := redacted
	if p, err := url.Parse(u); err == nil {
		shown = redactURL(p)
	}
	return newOpt(fmt.Sprintf("WithBaseURL(%q)", shown), func(c *config) error {
		c.baseRaw = u
		return nil
	})
}

// HTTPClient sets the Doer that sends each attempt. nil is an error.
func HTTPClient(d sessionkit.Doer) *Opt {
	return newOpt(fmt.Sprintf("WithHTTPClient(%T)", d), func(c *config) error {
		if isNil(d) {
			return invalid("WithHTTPClient", nil, "the client must not be nil")
		}
		c.doer = d
		return nil
	})
}

// Retry sets the retry policy; zero fields take their defaults.
func Retry(p sessionkit.RetryPolicy) *Opt {
	p.RetryStatuses = cloneInts(p.RetryStatuses)
	return newOpt("WithRetry("+p.String()+")", func(c *config) error {
		n, err := normalizePolicy(p, "WithRetry RetryPolicy.")
		if err != nil {
			return err
		}
		c.policy, c.noRetry = n, false
		return nil
	})
}

// NoRetries makes every call a single attempt.
func NoRetries() *Opt {
	return newOpt("WithoutRetries()", func(c *config) error {
		c.noRetry = true
		return nil
	})
}

// RetryNonIdempotent lets a POST that is not RetrySafe (a create) be retried
// like a GET.
func RetryNonIdempotent() *Opt {
	return newOpt("WithRetryNonIdempotent()", func(c *config) error {
		c.retryNonIdempotent = true
		return nil
	})
}

// UserAgent puts product in front of the SDK's own User-Agent.
func UserAgent(product string) *Opt {
	return newOpt(fmt.Sprintf("WithUserAgent(%q)", clip.Truncate(product, 80)), func(c *config) error {
		switch {
		case strings.TrimSpace(product) == "":
			return invalid("WithUserAgent", nil, "must not be empty")
		case !validHeaderValue(product):
			return invalid("WithUserAgent", nil, "must not contain control characters")
		}
		c.uaProduct = strings.TrimSpace(product)
		return nil
	})
}

// Logger sets the logger for attempts and retries (debug level). nil is
// an error.
func Logger(l *slog.Logger) *Opt {
	return newOpt("WithLogger(*slog.Logger)", func(c *config) error {
		if l == nil {
			return invalid("WithLogger", nil, "the logger must not be nil")
		}
		c.logger = l
		return nil
	})
}

// Header adds a header to every request of a client or a call. Values are
// never printed and go only to the base URL's origin.
func Header(key, value string) *Opt {
	shownKey := clip.Truncate(key, 80)
	return newOpt(fmt.Sprintf("WithHeader(%q, %s)", shownKey, redacted), func(c *config) error {
		if !validHeaderName(key) {
			return invalid("WithHeader key", shownKey, "is not a valid header name")
		}
		switch http.CanonicalHeaderKey(key) {
		case "Host", "Content-Length", "Transfer-Encoding", "Connection":
			return invalid("WithHeader key", shownKey, "is managed by net/http")
		}
		if !validHeaderValue(value) {
			return invalid("WithHeader value for "+http.CanonicalHeaderKey(key), nil, "must not contain control characters")
		}
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header.Add(key, value)
		return nil
	})
}

// Auth sets the client's credentials; option is the wrapper option the
// user called (for errors and printing). A second credential option on one
// client is an error naming both.
func Auth(option string, a sessionkit.Authenticator) *Opt {
	return newOpt(option+"("+redacted+")", func(c *config) error {
		if isNil(a) {
			return invalid(option, nil, "the credentials must not be nil")
		}
		if v, ok := a.(validator); ok {
			if err := v.validate(option); err != nil {
				return err
			}
		}
		if c.auth != nil || c.minter != nil {
			return invalid(option, nil, "conflicts with "+c.authName+": give a client one credential option")
		}
		c.auth, c.authName = a, option
		return nil
	})
}

// InsecureHTTP allows an http:// base URL with a non-loopback host.
func InsecureHTTP() *Opt {
	return newOpt("WithInsecureHTTP()", func(c *config) error {
		c.insecure = true
		return nil
	})
}

// MaxResponseBytes limits the size of a success body. n must be > 0.
func MaxResponseBytes(n int64) *Opt {
	return newOpt(fmt.Sprintf("WithMaxResponseBytes(%d)", n), func(c *config) error {
		if n <= 0 {
			return invalid("WithMaxResponseBytes", n, "must be > 0")
		}
		c.maxBytes = n
		return nil
	})
}

// RateLimit paces the client to at most perMinute requests a minute,
// evenly spaced. perMinute must be > 0.
func RateLimit(perMinute int) *Opt {
	return newOpt(fmt.Sprintf("WithRateLimit(%d)", perMinute), func(c *config) error {
		if perMinute <= 0 {
			return invalid("WithRateLimit", perMinute, "must be > 0 requests per minute")
		}
		c.perMinute, c.adaptive = perMinute, nil
		return nil
	})
}

// AdaptiveRateLimit paces the client from the rate-limit headers of every
// response, so that the remaining budget lasts until the window resets.
func AdaptiveRateLimit(a sessionkit.Adaptive) *Opt {
	return newOpt(fmt.Sprintf("WithRateLimit(Adaptive(min %s, max %s))", a.MinInterval, a.MaxInterval), func(c *config) error {
		if a.MinInterval < 0 || a.MaxInterval < 0 || (a.MaxInterval > 0 && a.MaxInterval < a.MinInterval) {
			return invalid("Adaptive", nil, "needs 0 <= MinInterval <= MaxInterval")
		}
		c.adaptive, c.perMinute = &a, 0
		return nil
	})
}

// ResponseInfo makes a successful call fill in *info.
func ResponseInfo(info *sessionkit.ResponseInfo) *Opt {
	return newOpt("WithResponseInfo(*ResponseInfo)", func(c *config) error {
		if info == nil {
			return invalid("WithResponseInfo", nil, "the target must not be nil")
		}
		c.info = info
		return nil
	})
}

func cloneInts(s []int) []int {
	if s == nil {
		return nil
	}
	return append([]int{}, s...)
}
