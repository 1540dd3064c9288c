package gameserver

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/internal/core"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// use is what settings are for, as this package's own options check.
type use uint8

const (
	forClient use = iota // NewClient
	forCall              // any call but Create and WaitReady
	forCreate
	forWait
)

// only is the Option printed as desc that changes settings with set for
// one of uses, and is an *InvalidArgumentError elsewhere, saying where it
// belongs.
func only(desc, where string, set func(*settings) error, uses ...use) Option {
	return Option{printsAs("gameserver." + desc), func(s *settings) error {
		if !slices.Contains(uses, s.use) {
			name, _, _ := strings.Cut(desc, "(")
			return invalid(name, nil, "is an option of "+where+" only")
		}
		return set(s)
	}}
}

// WithAdaptiveRateLimit paces the client from the rate-limit headers of
// every response (see ParseRateLimit): the remaining budget, less a
// reserve, is spread until the window resets. A client option; see
// sessionkit.Adaptive for a's fields (the zero value is fine).
func WithAdaptiveRateLimit(a sessionkit.Adaptive) Option {
	return engineOption(core.AdaptiveRateLimit(a))
}

// WithAPIToken authenticates with the API key, sent as
// "authorization: token <key>". The key may be given with or without its
// "token " prefix (any case), as the vendor's dashboard shows it either
// way. An empty key is an error. The key is never printed.
func WithAPIToken(key string) Option {
	key = strings.TrimSpace(key) // "token" alone leaves no key; "tokenabc" is a key
	if len(key) >= 5 && strings.EqualFold(key[:5], "token") && (len(key) == 5 || key[5] == ' ' || key[5] == '\t') {
		key = strings.TrimSpace(key[5:])
	}
	return engineOption(core.Auth("WithAPIToken", core.StaticHeader("Authorization", "token", core.Secret(key))))
}

// WithRetryNonIdempotent lets the retry policy repeat this Create, a POST
// not retried by default: a create whose answer was lost may have created
// the session, and repeating it can create a second one.
func WithRetryNonIdempotent() Option {
	o := core.RetryNonIdempotent()
	return only(o.String(), "Create", func(s *settings) error { return o.Apply(&s.Settings) }, forCreate)
}

// WithWaitReady makes Create wait until the new session is ready, as
// WaitReady does, and return it in CreatedSession.Ready: create and wait
// in one call.
func WithWaitReady() Option {
	return only("WithWaitReady()", "Create", func(s *settings) error {
		s.wait = true
		return nil
	}, forCreate)
}

// WithPollInterval sets how WaitReady (and Create with WithWaitReady)
// polls: it waits first after the first poll that finds the session not
// ready, then doubles the wait after each poll, up to max (defaults:
// DefaultPollInterval and DefaultMaxPollInterval). first must be > 0 and
// max >= first. It is an option of NewClient (every wait of the client),
// Create and WaitReady (that wait).
func WithPollInterval(first, max time.Duration) Option {
	return only(fmt.Sprintf("WithPollInterval(%s, %s)", first, max), waitUses, func(s *settings) error {
		if first <= 0 {
			return invalid("WithPollInterval first", first, "must be > 0")
		}
		if max < first {
			return invalid("WithPollInterval max", max, fmt.Sprintf("must be >= first (%s)", first))
		}
		s.poll.first, s.poll.max = first, max
		return nil
	}, forClient, forCreate, forWait)
}

// waitUses says where the options of a wait belong.
const waitUses = "NewClient, Create and WaitReady"
