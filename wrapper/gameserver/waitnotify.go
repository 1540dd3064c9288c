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
// Nothing authenticates a webhook, so one only ever brings the next poll
// forward; it never decides the result. And it brings it forward no sooner
// than 250 ms after the previous poll, a gap that doubles with each poll a
// webhook brought forward in the same wait (up to the poll interval): a
// flood of webhooks, forged or repeated, costs a wait a few polls more than
// polling alone (at most 6 with a 10 s interval), never one per webhook.
//
// Like WithPollInterval it is a client option (every wait of the client
// uses n) and a Create or WaitReady option (that wait uses n). A nil n, or
// one not made by NewReadyNotifier, is an *InvalidArgumentError where the
// option is used.
func WithReadyNotifier(n *ReadyNotifier) Option {
	return only("WithReadyNotifier(*ReadyNotifier)", waitUses, func(s *settings) error {
		if n == nil || n.recent == nil {
			return invalid("WithReadyNotifier notifier", nil, "must be made by NewReadyNotifier")
		}
		s.poll.notifier = n
		return nil
	}, forClient, forCreate, forWait)
}

// firstWebhookPollGap is the shortest time, after a poll, before a poll a
// webhook brings forward; it doubles with each such poll of a wait.
const firstWebhookPollGap = 250 * time.Millisecond

// webhookSpacing spaces the polls webhooks bring forward in one wait.
// Nothing authenticates a webhook, so it only ever cuts a pause short (the
// poll that follows decides), and not by much at first: the poll comes no
// sooner than a gap after the previous one, and the gap doubles with each
// poll a webhook brought forward, up to the pause itself. However many
// events arrive, a wait makes at most log2(max interval / 250ms) + 1 polls
// more than its polling schedule alone: 6 for 10 s.
type webhookSpacing struct {
	gap time.Duration // 0 until the first webhook
}

// pause waits d between two polls, or less when a decisive event arrives
// on events (nil: none can), spaced as webhookSpacing says; it returns
// ctx's error when ctx ends first. Events that arrived before the pause
// ends are covered by the poll that follows it and are dropped.
func (sp *webhookSpacing) pause(ctx context.Context, d time.Duration, events <-chan SessionEvent) error {
	if events == nil {
		return core.Sleep(ctx, d)
	}
	start := time.Now()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		drain(events)
		return nil
	case <-events:
	}
	if sp.gap == 0 {
		sp.gap = firstWebhookPollGap
	}
	earliest := start.Add(sp.gap)
	if sp.gap < d {
		sp.gap *= 2
	}
	if wait := time.Until(earliest); wait > 0 {
		g := time.NewTimer(wait)
		defer g.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		case <-g.C:
		}
	}
	drain(events)
	return nil
}

// drain drops an unread event: the poll about to be made answers it.
func drain(events <-chan SessionEvent) {
	select {
	case <-events:
	default:
	}
}
