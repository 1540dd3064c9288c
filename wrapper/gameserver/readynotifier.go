package gameserver

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// DefaultNotifierMemory is how many sessions' last events a ReadyNotifier
// keeps for waits that start after their webhook arrived.
const DefaultNotifierMemory = 4096

// ReadyNotifier connects webhooks to waits: a WebhookHandler given
// WithWebhookNotifier(n) (or built with n.Handle) tells it about every
// session event it receives, and a wait given WithReadyNotifier(n) — or
// n.Wait itself — ends as soon as an event says the session is linked or
// failed, instead of at its next poll.
//
// Only decisive events are kept: linked, ready or failed (see
// SessionEvent.Linked and Failed). The last such event of each of the
// DefaultNotifierMemory most recent sessions is remembered, because the
// webhook can arrive before Create has even returned the session's id; a
// wait that starts later still sees it. The zero value is not usable: call
// NewReadyNotifier. A ReadyNotifier is safe for concurrent use.
type ReadyNotifier struct {
	mu      sync.Mutex
	waiters map[string][]chan SessionEvent
	recent  map[string]SessionEvent
	order   []string // ids in recent, oldest first
	memory  int
}

// NewReadyNotifier returns an empty notifier.
func NewReadyNotifier() *ReadyNotifier {
	return &ReadyNotifier{
		waiters: make(map[string][]chan SessionEvent),
		recent:  make(map[string]SessionEvent),
		memory:  DefaultNotifierMemory,
	}
}

// Notify records an event and wakes the waits for its session when it is
// decisive; other events (a session still waiting) are ignored. Duplicates
// are harmless. Notify never blocks.
func (n *ReadyNotifier) Notify(ev SessionEvent) {
	if n == nil || n.recent == nil || ev.Session.ID == "" || !ev.decisive() {
		return
	}
	id := ev.Session.ID
	n.mu.Lock()
	defer n.mu.Unlock()
	if _, known := n.recent[id]; !known {
		n.order = append(n.order, id)
		if len(n.order) > n.memory {
			delete(n.recent, n.order[0])
			n.order = slices.Delete(n.order, 0, 1)
		}
	}
	n.recent[id] = ev
	for _, ch := range n.waiters[id] {
		offer(ch, ev)
	}
}

// Handle is Notify as a WebhookHandler function:
// gameserver.WebhookHandler(n.Handle) feeds n and nothing else. It always
// returns nil.
func (n *ReadyNotifier) Handle(_ context.Context, ev SessionEvent) error {
	n.Notify(ev)
	return nil
}

// Watch returns a channel that receives the decisive events of a session —
// at once when one already arrived — and a function that stops watching
// (call it when done; the channel is then never written again). The channel
// holds one event; a later one replaces an unread one. On a nil notifier,
// the channel is nil (it never receives) and stop does nothing, so a wait
// loop can select on it unconditionally.
func (n *ReadyNotifier) Watch(sessionID string) (events <-chan SessionEvent, stop func()) {
	if n == nil || n.recent == nil {
		return nil, func() {}
	}
	ch := make(chan SessionEvent, 1)
	n.mu.Lock()
	n.waiters[sessionID] = append(n.waiters[sessionID], ch)
	if ev, ok := n.recent[sessionID]; ok {
		offer(ch, ev)
	}
	n.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			n.mu.Lock()
			defer n.mu.Unlock()
			ws := slices.DeleteFunc(n.waiters[sessionID], func(c chan SessionEvent) bool { return c == ch })
			if len(ws) == 0 {
				delete(n.waiters, sessionID)
			} else {
				n.waiters[sessionID] = ws
			}
		})
	}
}

// Wait returns the first decisive event of a session — at once when it
// already arrived — or ctx's error when ctx ends first. It does no I/O: the
// event is what the webhook said (check ev.Failed()); call Get for the
// whole session. An empty id or an unusable notifier is an
// *InvalidArgumentError.
func (n *ReadyNotifier) Wait(ctx context.Context, sessionID string) (SessionEvent, error) {
	if n == nil || n.recent == nil {
		return SessionEvent{}, invalid("ReadyNotifier", nil, "is not initialised: use NewReadyNotifier")
	}
	if err := checkSessionID(sessionID); err != nil {
		return SessionEvent{}, err
	}
	events, stop := n.Watch(sessionID)
	defer stop()
	select {
	case ev := <-events:
		return ev, nil
	case <-ctx.Done():
		return SessionEvent{}, fmt.Errorf("gameserver: waiting for a webhook of session %q: %w", sessionID, ctx.Err())
	}
}

// offer puts ev in ch, replacing an unread event. The caller holds the
// notifier's lock, so it is the only writer.
func offer(ch chan SessionEvent, ev SessionEvent) {
	select {
	case <-ch:
	default:
	}
	ch <- ev
}
