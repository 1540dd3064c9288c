package gameserver

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/internal/core"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// settings are a client's or a call's: the engine's, and what this
// package's own options set: whether Create waits (WithWaitReady) and how
// a wait polls (WithPollInterval, WithReadyNotifier).
type settings struct {
	core.Settings
	use  use
	wait bool
	poll pollInterval
}

// use is what settings are for, as this package's own options check.
type use uint8

const (
	forClient use = iota // NewClient
	forCall              // any call but Create and WaitReady
	forCreate
	forWait
)

// only is the Option printed as desc that changes settings with set where
// it has a meaning — for one of uses — and is an *InvalidArgumentError
// naming it elsewhere (where says where it belongs).
func only(desc, where string, set func(*settings) error, uses ...use) Option {
	return Option{desc, func(s *settings) error {
		if !slices.Contains(uses, s.use) {
			name, _, _ := strings.Cut(desc, "(")
			return invalid(name, nil, "is an option of "+where+" only")
		}
		return set(s)
	}}
}

// WithAdaptiveRateLimit paces the client from the rate-limit headers of
// every response (ParseRateLimit reads them), as zendesk.WithAdaptiveRateLimit
// does for Zendesk: the remaining budget, less a reserve, is spread until
// the window resets. A client option; see sessionkit.Adaptive for a's
// fields (the zero value is fine).
func WithAdaptiveRateLimit(a sessionkit.Adaptive) Option {
	return engineOption(core.AdaptiveRateLimit(a))
}

// WithAPIToken authenticates with the API key, sent as
// "authorization: token <key>". The key may be given with or without its
// "token " prefix, as the vendor's dashboard shows it either way. An empty
// key is an error. The key never appears in errors, logs or printed values.
func WithAPIToken(key string) Option {
	return engineOption(core.Auth("WithAPIToken", core.StaticHeader("Authorization", "token", core.Secret(trimTokenPrefix(key)))))
}

// trimTokenPrefix removes surrounding spaces and a leading "token " (any
// case) from an API key; "token" alone leaves no key.
func trimTokenPrefix(key string) string {
	const prefix = "token"
	key = strings.TrimSpace(key)
	if len(key) < len(prefix) || !strings.EqualFold(key[:len(prefix)], prefix) {
		return key
	}
	rest := key[len(prefix):]
	if rest == "" {
		return ""
	}
	if rest[0] == ' ' || rest[0] == '\t' {
		return strings.TrimSpace(rest)
	}
	return key // "tokenabc" is a key
}

// WithRetryNonIdempotent lets the retry policy repeat this Create, a POST
// that is not retried by default: a create whose answer was lost may have
// created the session, and repeating it can create a second one. Use it
// only when a duplicate session is harmless to you.
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
// ready, then doubles the wait after each poll, up to max. The defaults
// are DefaultPollInterval and DefaultMaxPollInterval. first must be > 0
// and max >= first; otherwise the call fails with an
// *InvalidArgumentError.
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

// waitUses says where WithPollInterval and WithReadyNotifier belong.
const waitUses = "NewClient, Create and WaitReady"
