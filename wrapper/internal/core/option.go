package core

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/internal/clip"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Option is one setting of a client or a call: how it prints (never a
// secret), where it has a meaning and how it changes Settings. Each wrapper
// wraps it in an option type of its own. The zero Option does nothing.
type Option struct {
	desc  string
	scope scope
	apply func(c *Settings) error
}

// scope is where an option has a meaning.
type scope uint8

const (
	anywhere   scope = iota
	clientOnly       // a client's: refused per call
	callOnly         // one call's: refused by NewClient
)

// newOpt returns an Option of scope printed as desc, which holds no secret.
func newOpt(sc scope, desc string, apply func(c *Settings) error) Option {
	return Option{desc: desc, scope: sc, apply: apply}
}

// notNil calls set, or refuses a nil v given to option (what names it).
func notNil(v any, option, what string, set func()) error {
	if isNil(v) {
		return invalid(option, nil, what+" must not be nil")
	}
	set()
	return nil
}

// String is how the option prints, such as "WithRetry(…)".
func (o Option) String() string { return o.desc }

// Name is the option's name, such as "WithRetry".
func (o Option) Name() string {
	name, _, _ := strings.Cut(o.desc, "(")
	return name
}

// Apply applies o to c. An option given where it has no meaning (a client
// option to a call, a per-call option to NewClient) is an
// *InvalidArgumentError naming it; errors name c's API.
func (o Option) Apply(c *Settings) error {
	var err error
	switch {
	case o.apply == nil:
	case o.scope == clientOnly && c.call:
		err = invalid(o.Name(), nil, "is a client option: give it to NewClient, not to a call")
	case o.scope == callOnly && !c.call:
		err = invalid(o.Name(), nil, "is a per-call option: give it to a call, not to NewClient")
	default:
		err = o.apply(c)
	}
	return c.api.named(err)
}

// BaseURL sets the API's base URL, checked by NewEngine (see checkBaseURL).
func BaseURL(u string) Option {
	shown := redacted
	if p, err := url.Parse(u); err == nil {
		shown = redactURL(p)
	}
	return newOpt(clientOnly, fmt.Sprintf("WithBaseURL(%q)", shown), func(c *Settings) error {
		c.baseRaw = u
		return nil
	})
}

// HTTPClient sets the Doer that sends each attempt. nil is an error.
func HTTPClient(d sessionkit.Doer) Option {
	return newOpt(clientOnly, fmt.Sprintf("WithHTTPClient(%T)", d), func(c *Settings) error {
		return notNil(d, "WithHTTPClient", "the client", func() { c.doer = d })
	})
}

// Retry sets the retry policy; zero fields take their defaults.
func Retry(p sessionkit.RetryPolicy) Option {
	p.RetryStatuses = slices.Clone(p.RetryStatuses)
	return newOpt(anywhere, "WithRetry("+p.String()+")", func(c *Settings) error {
		n, err := normalizePolicy(p, "WithRetry RetryPolicy.")
		if err != nil {
			return err
		}
		c.policy, c.noRetry = n, false
		return nil
	})
}

// NoRetries makes every call a single attempt.
func NoRetries() Option {
	return newOpt(anywhere, "WithoutRetries()", func(c *Settings) error {
		c.noRetry = true
		return nil
	})
}

// RetryNonIdempotent lets any POST (a create) be retried like a GET.
func RetryNonIdempotent() Option {
	return newOpt(anywhere, "WithRetryNonIdempotent()", func(c *Settings) error {
		c.retryNonIdempotent = true
		return nil
	})
}

// UserAgent puts product in front of the SDK's own User-Agent.
func UserAgent(product string) Option {
	return newOpt(anywhere, fmt.Sprintf("WithUserAgent(%q)", clip.Truncate(product, 80)), func(c *Settings) error {
		switch {
		case strings.TrimSpace(product) == "":
			return invalid("WithUserAgent", nil, "must not be empty")
		case !validHeaderValue(product):
			return invalid("WithUserAgent", nil, "must not contain control characters")
		}
		c.userAgent = strings.TrimSpace(product) + " " + c.sdkAgent
		return nil
	})
}

// Logger sets the logger of attempts and retries (debug level).
func Logger(l *slog.Logger) Option {
	return newOpt(anywhere, "WithLogger(*slog.Logger)", func(c *Settings) error {
		return notNil(l, "WithLogger", "the logger", func() { c.logger = l })
	})
}

// Header adds a header, never printed, to every request of a client or a call.
func Header(key, value string) Option {
	shownKey := clip.Truncate(key, 80)
	return newOpt(anywhere, fmt.Sprintf("WithHeader(%q, %s)", shownKey, redacted), func(c *Settings) error {
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
		c.header = c.header.Clone() // a copy: a call's header never changes its client's
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header.Add(key, value)
		return nil
	})
}

// Auth sets the client's credentials, given by the wrapper option named option.
func Auth(option string, a sessionkit.Authenticator) Option {
	return newOpt(clientOnly, option+"("+redacted+")", func(c *Settings) error {
		if isNil(a) {
			return invalid(option, nil, "the credentials must not be nil")
		}
		if v, ok := a.(interface{ validate(option string) error }); ok {
			if err := v.validate(option); err != nil {
				return err
			}
		}
		return c.setAuth(option, a, nil)
	})
}

// setAuth sets the credentials, a or m, refusing a second credential option.
func (c *Settings) setAuth(option string, a sessionkit.Authenticator, m *minterSpec) error {
	if c.auth != nil || c.minter != nil {
		return invalid(option, nil, "conflicts with "+c.authName+": give a client one credential option")
	}
	c.auth, c.minter, c.authName = a, m, option
	return nil
}

// InsecureHTTP allows an http:// base URL with a non-loopback host.
func InsecureHTTP() Option {
	return newOpt(clientOnly, "WithInsecureHTTP()", func(c *Settings) error {
		c.insecure = true
		return nil
	})
}

// MaxResponseBytes limits the size of a success body. n must be > 0.
func MaxResponseBytes(n int64) Option {
	return newOpt(anywhere, fmt.Sprintf("WithMaxResponseBytes(%d)", n), func(c *Settings) error {
		if n <= 0 {
			return invalid("WithMaxResponseBytes", n, "must be > 0")
		}
		c.maxBytes = n
		return nil
	})
}

// RateLimit spaces the client's requests evenly, perMinute > 0 a minute.
func RateLimit(perMinute int) Option {
	return newOpt(clientOnly, fmt.Sprintf("WithRateLimit(%d)", perMinute), func(c *Settings) error {
		if perMinute <= 0 {
			return invalid("WithRateLimit", perMinute, "must be > 0 requests per minute")
		}
		c.perMinute, c.adaptive = perMinute, nil
		return nil
	})
}

// AdaptiveRateLimit paces the client from every response's headers (pacer).
func AdaptiveRateLimit(a sessionkit.Adaptive) Option {
	desc := fmt.Sprintf("WithAdaptiveRateLimit(Adaptive{MinInterval: %s, MaxInterval: %s})", a.MinInterval, a.MaxInterval)
	if a.Window <= 0 {
		a.Window = time.Minute
	}
	return newOpt(clientOnly, desc, func(c *Settings) error {
		if a.MinInterval < 0 || a.MaxInterval < 0 || (a.MaxInterval > 0 && a.MaxInterval < a.MinInterval) {
			return invalid("Adaptive", nil, "needs 0 <= MinInterval <= MaxInterval")
		}
		c.adaptive, c.perMinute = &a, 0
		return nil
	})
}

// ResponseInfo makes a successful call fill in *info.
func ResponseInfo(info *sessionkit.ResponseInfo) Option {
	return newOpt(callOnly, "WithResponseInfo(*ResponseInfo)", func(c *Settings) error {
		return notNil(info, "WithResponseInfo", "the target", func() { c.info = info })
	})
}

// Observe installs o as the client's observer of its calls (see observing).
func Observe(o sessionkit.Observer) Option {
	return newOpt(clientOnly, fmt.Sprintf("WithObserver(%T)", o), func(c *Settings) error {
		return notNil(o, "WithObserver", "the observer", func() { c.observer = o })
	})
}
