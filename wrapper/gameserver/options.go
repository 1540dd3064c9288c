package gameserver

import (
	"fmt"
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

//go:generate go run ../internal/shared/cmd

// Option configures a Client: NewClient takes them. WithAPIToken,
// WithBaseURL, WithHTTPClient, WithRateLimit and WithInsecureHTTP are
// client options only; the options of type SharedOption work per call
// too, and WithPollInterval and WithReadyNotifier set the client's default
// way of waiting. A Zendesk option is not an Option of this package:
// passing one does not compile. A nil Option is ignored. Options print
// without secrets.
type Option interface {
	clientSetting() setting
}

// CallOption configures one call of Get, Delete, DeleteIfExists, List,
// Users, AddUsers, RemoveUsers or BulkStop, overriding the client's
// settings for that call only.
// Every CallOption is also a CreateOption and a WaitOption.
type CallOption interface {
	callSetting() setting
	createSetting() setting
	waitSetting() setting
}

// CreateOption configures one Create call: every CallOption, plus
// WithWaitReady, WithPollInterval and WithRetryNonIdempotent, which only
// Create understands.
type CreateOption interface {
	createSetting() setting
}

// WaitOption configures one WaitReady call: every CallOption, plus
// WithPollInterval.
type WaitOption interface {
	waitSetting() setting
}

// setting is what every option of this package carries (core.Setting):
// an engine option, or a change to the wrapper's own settings, local.
type setting = core.Setting[local]

// local is what the options set beside the engine's settings: whether
// Create waits (WithWaitReady) and how a wait polls (WithPollInterval,
// WithReadyNotifier).
type local struct {
	wait bool
	poll pollInterval
}

// SharedOption is an option that works everywhere: as an Option for
// NewClient and as a CallOption, CreateOption or WaitOption for one call.
// WithRetry, WithoutRetries, WithHeader, WithUserAgent, WithLogger and
// WithMaxResponseBytes return one. Like every option it prints as its
// name and arguments, without secrets, with every fmt verb.
type SharedOption struct{ setting }

func (o SharedOption) clientSetting() setting { return o.setting }
func (o SharedOption) callSetting() setting   { return o.setting }
func (o SharedOption) createSetting() setting { return o.setting }
func (o SharedOption) waitSetting() setting   { return o.setting }

// clientOnly is an Option that only a client takes.
type clientOnly struct{ setting }

func (o clientOnly) clientSetting() setting { return o.setting }

// callOnly is a per-call option that any call takes, never a client.
type callOnly struct{ setting }

func (o callOnly) callSetting() setting   { return o.setting }
func (o callOnly) createSetting() setting { return o.setting }
func (o callOnly) waitSetting() setting   { return o.setting }

// createOnly is an option only Create takes.
type createOnly struct{ setting }

func (o createOnly) createSetting() setting { return o.setting }

// PollOption is the type of WithPollInterval and WithReadyNotifier, the
// options of how a wait for readiness works: NewClient (as the client's
// default), Create and WaitReady take them.
type PollOption struct{ setting }

func (o PollOption) clientSetting() setting { return o.setting }
func (o PollOption) createSetting() setting { return o.setting }
func (o PollOption) waitSetting() setting   { return o.setting }

// clientOpt, sharedOpt and callOpt make the engine's option o an option of
// this package, of each scope; localOpt makes one of its own settings a
// setting.
func clientOpt(o *core.Opt) Option { return clientOnly{core.EngineSetting[local]("gameserver", o)} }
func sharedOpt(o *core.Opt) SharedOption {
	return SharedOption{core.EngineSetting[local]("gameserver", o)}
}
func callOpt(o *core.Opt) CallOption { return callOnly{core.EngineSetting[local]("gameserver", o)} }
func localOpt(desc string, apply func(*local) error) setting {
	return core.LocalSetting("gameserver", desc, apply)
}

// WithAPIToken authenticates with the API key, sent as
// "authorization: token <key>". The key may be given with or without its
// "token " prefix, as the vendor's dashboard shows it either way. An empty
// key is an error. The key never appears in errors, logs or printed values.
func WithAPIToken(key string) Option {
	return clientOpt(core.Auth("WithAPIToken", core.StaticHeader("Authorization", "token", core.Secret(trimTokenPrefix(key)))))
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
func WithRetryNonIdempotent() CreateOption {
	return createOnly{core.EngineSetting[local]("gameserver", core.RetryNonIdempotent())}
}

// WithWaitReady makes Create wait until the new session is ready, as
// WaitReady does, and return it in CreatedSession.Ready: create and wait
// in one call.
func WithWaitReady() CreateOption {
	return createOnly{localOpt("WithWaitReady()", func(l *local) error {
		l.wait = true
		return nil
	})}
}

// WithPollInterval sets how WaitReady (and Create with WithWaitReady)
// polls: it waits first after the first poll that finds the session not
// ready, then doubles the wait after each poll, up to max. The defaults
// are DefaultPollInterval and DefaultMaxPollInterval. first must be > 0
// and max >= first; otherwise the call fails with an
// *InvalidArgumentError.
func WithPollInterval(first, max time.Duration) PollOption {
	return PollOption{localOpt(fmt.Sprintf("WithPollInterval(%s, %s)", first, max), func(l *local) error {
		if first <= 0 {
			return invalid("WithPollInterval first", first, "must be > 0")
		}
		if max < first {
			return invalid("WithPollInterval max", max, fmt.Sprintf("must be >= first (%s)", first))
		}
		l.poll.first, l.poll.max = first, max
		return nil
	})}
}
