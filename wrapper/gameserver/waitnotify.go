package gameserver

import (
	"context"
	"time"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// WithReadyNotifier makes WaitReady (and Create with WithWaitReady) poll
// again as soon as n hears, by webhook, that the session is linked or
// failed (see ReadyNotifier and WithWebhookNotifier), instead of waiting
// for the next poll: Create + wait then reacts within milliseconds of the
// webhook. Polling stays the fallback, on its usual schedule
// (WithPollInterval), for a webhook that never comes; and the wait still
// ends with a get-session, so the session returned is the API's, not the
// webhook's. With a notifier, a wait whose next poll would come after
// ctx's deadline waits for a webhook until the deadline instead of
// returning at once.
//
// Like WithPollInterval it is a client option (every wait of the client
// uses n) and a Create or WaitReady option (that wait uses n). A nil n, or
// one not made by NewReadyNotifier, is an *InvalidArgumentError where the
// option is used.
func WithReadyNotifier(n *ReadyNotifier) PollOption {
	const desc = "WithReadyNotifier(*ReadyNotifier)"
	if n == nil || n.recent == nil {
		return PollOption{localOpt(desc, func(*local) error {
			return invalid("WithReadyNotifier notifier", nil, "must be made by NewReadyNotifier")
		})}
	}
	return PollOption{localOpt(desc, func(l *local) error {
		l.poll.notifier = n
		return nil
	})}
}

// pause waits d between two polls, or less when a decisive event arrives
// on events (nil: none can); it returns ctx's error when ctx ends first.
func pause(ctx context.Context, d time.Duration, events <-chan SessionEvent) error {
	if events == nil {
		return core.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
	case <-events:
	}
	return nil
}
