package gameserver

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// DefaultNotifierMemory is how many sessions' last events a ReadyNotifier
// keeps for waits that start after their webhook arrived.
const DefaultNotifierMemory = 4096

// maxNotifiedIDLen is the longest session id a notifier keeps events for
// (the API's are far shorter), and maxKeptTextLen the longest text it keeps
// of an event (longer ones are cut at a UTF-8 boundary).
const maxNotifiedIDLen, maxKeptTextLen = 128, 128

// ReadyNotifier connects webhooks to waits: a WebhookHandler given
// WithWebhookNotifier(n) (or built with n.Handle) tells it about every
// session event it receives, and a wait given WithReadyNotifier(n), or
// n.Wait, ends as soon as an event says the session is linked or failed.
//
// It remembers the last decisive event (SessionEvent.Linked or Failed) of
// each of the DefaultNotifierMemory most recent sessions, since a webhook
// can arrive before Create returns. Webhooks are not authenticated, so it
// keeps only the session's short fields (id, status, flags, error, kind,
// custom id, user count) and the event's DeploymentRequestID and Full, each
// text cut to 128 bytes, never the body, users, deployment or webhook URL;
// a longer session id is ignored. That is about 1 KiB per session.
//
// Use NewReadyNotifier: the zero value is not usable. A ReadyNotifier is
// safe for concurrent use, and prints as counts, never an event.
type ReadyNotifier struct {
	mu      sync.Mutex
	waiters map[string][]chan SessionEvent
	recent  map[string]SessionEvent
	order   []string // ids in recent, a ring: order[next] is the oldest once full
	next    int
}

// NewReadyNotifier returns an empty notifier.
func NewReadyNotifier() *ReadyNotifier {
	return &ReadyNotifier{
		waiters: make(map[string][]chan SessionEvent),
		recent:  make(map[string]SessionEvent),
	}
}

// Notify records a decisive event and wakes the waits for its session; it
// ignores other events and those whose session id is empty or too long
// (see ReadyNotifier). Duplicates are harmless; Notify never blocks.
func (n *ReadyNotifier) Notify(ev SessionEvent) {
	id := ev.Session.ID
	if n == nil || n.recent == nil || id == "" || len(id) > maxNotifiedIDLen || !(ev.Linked() || ev.Failed()) {
		return
	}
	s := ev.Session // keep fresh copies of the short fields only
	ev = SessionEvent{
		Session: Session{ID: strings.Clone(id), CustomID: keptText(s.CustomID), Status: keptText(s.Status),
			Ready: s.Ready, Linked: s.Linked, Kind: keptText(s.Kind), UserCount: s.UserCount, Error: keptText(s.Error)},
		DeploymentRequestID: keptText(ev.DeploymentRequestID),
		Full:                ev.Full,
	}
	id = ev.Session.ID
	n.mu.Lock()
	defer n.mu.Unlock()
	if _, known := n.recent[id]; !known {
		if len(n.order) < DefaultNotifierMemory {
			n.order = append(n.order, id)
		} else {
			delete(n.recent, n.order[n.next])
			n.order[n.next] = id
			n.next = (n.next + 1) % DefaultNotifierMemory
		}
	}
	n.recent[id] = ev
	for _, ch := range n.waiters[id] {
		offer(ch, ev)
	}
}

// keptText is a copy of s cut to maxKeptTextLen bytes at a UTF-8
// boundary: a copy, so that it does not keep the body alive.
func keptText(s string) string {
	if len(s) <= maxKeptTextLen {
		return strings.Clone(s)
	}
	cut := maxKeptTextLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.Clone(s[:cut])
}

// Handle is Notify as a WebhookHandler function that always returns nil:
// gameserver.WebhookHandler(n.Handle) feeds n and nothing else.
func (n *ReadyNotifier) Handle(_ context.Context, ev SessionEvent) error {
	n.Notify(ev)
	return nil
}

// Watch returns a channel that receives the decisive events of a session
// as the notifier keeps them (at once when one already arrived), a later
// one replacing an unread one; and a function that stops watching, after
// which the channel is never written. On a nil notifier the channel is nil
// and stop does nothing.
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
	return ch, func() { // idempotent: a second call finds ch gone
		n.mu.Lock()
		defer n.mu.Unlock()
		ws := slices.DeleteFunc(n.waiters[sessionID], func(c chan SessionEvent) bool { return c == ch })
		if len(ws) == 0 {
			delete(n.waiters, sessionID)
		} else {
			n.waiters[sessionID] = ws
		}
	}
}

// Wait returns the first decisive event of a session (at once when it
// already arrived), or ctx's error when ctx ends first. It does no I/O: the
// event is what a webhook said, as the notifier keeps it, and nothing
// authenticates it; check ev.Failed(), and call Get before acting on
// anything that matters. An empty id or an unusable notifier is an
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

// offer puts ev in ch, replacing an unread event; the caller holds the
// notifier's lock.
func offer(ch chan SessionEvent, ev SessionEvent) {
	select {
	case <-ch:
	default:
	}
	ch <- ev
}

// String returns e.g. "gameserver.ReadyNotifier(3 sessions remembered, 1
// waited for)": counts only, never an event.
func (n *ReadyNotifier) String() string {
	if n == nil || n.recent == nil {
		return "gameserver.ReadyNotifier(unusable: use NewReadyNotifier)"
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return fmt.Sprintf("gameserver.ReadyNotifier(%d sessions remembered, %d waited for)", len(n.recent), len(n.waiters))
}

// GoString is String, for %#v.
func (n *ReadyNotifier) GoString() string { return n.String() }

// Format writes String for every verb and flag.
func (n *ReadyNotifier) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, n.String()) }

// LogValue makes slog print String.
func (n *ReadyNotifier) LogValue() slog.Value { return slog.StringValue(n.String()) }
