package gameserver

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Polling defaults of WaitReady: the wait after the first poll that found
// the session not ready, doubling after each poll up to the maximum.
const (
	DefaultPollInterval    = time.Second      // the first wait between polls
	DefaultMaxPollInterval = 10 * time.Second // the longest wait between polls
)

// pollInterval is how a wait polls: first, doubling up to max; the notifier
// that cuts a pause short (WithReadyNotifier) and the callback told of each
// poll (WithPollProgress), nil for none.
type pollInterval struct {
	first, max time.Duration
	notifier   *ReadyNotifier
	progress   func(Poll)
}

// Poll is what one poll of a wait for readiness came to, for the callback
// of WithPollProgress.
type Poll struct {
	SessionID string   // the session waited for
	Number    int      // counts the wait's polls, from 1
	Session   *Session // the session as this poll saw it; nil when the poll failed
	Err       error    // this poll's error; nil when it answered
	// Failed counts the wait's polls that failed transiently so far, this
	// one included: the wait goes on through them.
	Failed int
}

// WithPollProgress calls fn after each poll of a wait, from the goroutine
// that waits. An option of NewClient, Create and WaitReady; fn must not be
// nil.
func WithPollProgress(fn func(Poll)) Option {
	return only("WithPollProgress(func)", waitUses, func(s *settings) error {
		if fn == nil {
			return invalid("WithPollProgress fn", nil, "must not be nil")
		}
		s.poll.progress = fn
		return nil
	}, forClient, forCreate, forWait)
}

// WithReadyNotifier makes a wait poll again as soon as n hears, by webhook,
// that the session is linked or failed (see ReadyNotifier): Create + wait
// then reacts within milliseconds. Polling stays the fallback, and the
// session returned is still the API's, from a get-session. With a notifier,
// a wait whose next poll would come after ctx's deadline waits for a
// webhook until the deadline instead of returning.
//
// A webhook is not authenticated, so it brings the next poll forward no
// sooner than 250 ms after the previous one, a gap that doubles with each
// such poll of the wait (up to the poll interval): a flood of webhooks costs
// a wait at most a few polls more (6 with a 10 s interval). An option of
// NewClient, Create and WaitReady; n must be made by NewReadyNotifier.
func WithReadyNotifier(n *ReadyNotifier) Option {
	return only("WithReadyNotifier(*ReadyNotifier)", waitUses, func(s *settings) error {
		if n == nil || n.recent == nil {
			return invalid("WithReadyNotifier notifier", nil, "must be made by NewReadyNotifier")
		}
		s.poll.notifier = n
		return nil
	}, forClient, forCreate, forWait)
}

// WaitReady polls a session (get-session, with opts and its retries) until
// it is ready, and returns it: at once, then as WithPollInterval says (see
// also WithReadyNotifier and WithPollProgress). A poll that still fails
// transiently (a connection error, 408, 429 or a 5xx) counts as "not ready
// yet", the next coming no sooner than its Retry-After asks. It stops with a
// *WaitError when the session reports an error (ErrSessionFailed), when a
// poll gets an answer no later poll can change (404 or 410 for a deleted
// session, any other 4xx) or fails locally, or when ctx ends, without
// waiting for a poll past ctx's deadline. Bound the wait:
//
//	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
//	defer cancel()
//	s, err := gc.Sessions.WaitReady(ctx, id)
func (s *SessionsService) WaitReady(ctx context.Context, sessionID string, opts ...Option) (*Session, error) {
	c, l, err := s.call(forWait, opts, checkSessionID(sessionID))
	if err != nil {
		return nil, err
	}
	return waitReady(ctx, c, sessionID, l.poll)
}

// waitReady is WaitReady with a merged call and checked arguments.
func waitReady(ctx context.Context, call *core.Call, sessionID string, poll pollInterval) (*Session, error) {
	werr := &WaitError{SessionID: sessionID}
	wait := poll.first
	events, stop := poll.notifier.Watch(sessionID)
	defer stop()
	var gap time.Duration // see pauseForWebhook
	for {
		werr.Polls++
		var sess *Session
		err := call.Do(ctx, opGet, getRequest(sessionID), decodeSession(&sess))
		pause, transient := wait, err != nil && transientPollError(ctx, err)
		switch {
		case err == nil:
			werr.Last = sess
		case transient:
			werr.Failed++
			werr.LastFailure = err
			sess = nil
			if ae, ok := errors.AsType[*APIError](err); ok {
				pause = max(pause, ae.RetryAfter)
			}
		}
		if poll.progress != nil {
			poll.progress(Poll{SessionID: sessionID, Number: werr.Polls, Session: sess, Err: err, Failed: werr.Failed})
		}
		switch {
		case err != nil && !transient:
			werr.Err = err
			return nil, werr
		case sess != nil && sess.Ready:
			return sess, nil
		case sess != nil && sess.Error != "":
			werr.Err = &SessionFailedError{SessionID: sessionID, Status: sess.Status, Reason: sess.Error}
			return nil, werr
		}
		if dl, ok := ctx.Deadline(); ok && events == nil && time.Until(dl) <= pause {
			werr.Err = fmt.Errorf("the next poll, in %s, would come after the deadline: %w", pause, context.DeadlineExceeded)
			return nil, werr
		}
		if err := pauseForWebhook(ctx, pause, events, &gap); err != nil {
			werr.Err = err
			return nil, werr
		}
		wait = nextPollWait(wait, poll.max)
	}
}

// transientPollError reports whether a poll's error may pass by itself, so
// that the wait goes on: a connection failure, 408, 429 or a 5xx, while
// ctx is still live.
func transientPollError(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	if _, ok := errors.AsType[*ConnectionError](err); ok {
		return true
	}
	ae, ok := errors.AsType[*APIError](err)
	return ok && (ae.StatusCode == http.StatusRequestTimeout || ae.StatusCode == http.StatusTooManyRequests || ae.StatusCode >= 500)
}

// nextPollWait doubles wait up to max, without overflowing.
func nextPollWait(wait, max time.Duration) time.Duration {
	if wait > max/2 {
		return max
	}
	return 2 * wait
}

// firstWebhookPollGap is the shortest time, after a poll, before a poll a
// webhook brings forward; it doubles with each such poll of a wait.
const firstWebhookPollGap = 250 * time.Millisecond

// pauseForWebhook waits d between two polls, or less when a decisive event
// arrives on events (nil: none can): then until *gap after the pause began,
// *gap doubling up to d (see WithReadyNotifier). It returns ctx's error
// when ctx ends first. An event left unread is dropped: the next poll
// answers it.
func pauseForWebhook(ctx context.Context, d time.Duration, events <-chan SessionEvent, gap *time.Duration) error {
	if events == nil {
		return core.Sleep(ctx, d)
	}
	start, next := time.Now(), events
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			select {
			case <-events:
			default:
			}
			return nil
		case <-next:
			next = nil // one event per pause
			*gap = max(*gap, firstWebhookPollGap)
			if *gap < d {
				t.Reset(time.Until(start.Add(*gap)))
				*gap *= 2
			}
		}
	}
}

// ErrSessionFailed matches every *SessionFailedError.
var ErrSessionFailed = errors.New("gameserver: session failed")

// SessionFailedError reports a session that will never be ready: the API
// set its error field (say, no deployment matches its selectors). WaitReady
// returns it, wrapped in a *WaitError.
type SessionFailedError struct {
	SessionID string // the failed session's id
	Status    string // the session's status, e.g. "Unprocessable" or "Error"
	Reason    string // the session's error field
}

// Error returns e.g. `gameserver: session "950dd2eaff09-S" failed (Unprocessable): No deployment matches`.
func (e *SessionFailedError) Error() string {
	status := ""
	if e.Status != "" {
		status = " (" + e.Status + ")"
	}
	return fmt.Sprintf("gameserver: session %q failed%s: %s", e.SessionID, status, e.Reason)
}

// Is reports whether target is ErrSessionFailed.
func (e *SessionFailedError) Is(target error) bool { return target == ErrSessionFailed }

// WaitError reports why WaitReady (or Create with WithWaitReady) stopped
// before the session was ready. Err is the cause, reachable with errors.Is
// and errors.As: a *SessionFailedError (ErrSessionFailed), an *APIError
// (ErrNotFound or ErrGone when the session was deleted, or another answer
// that no later poll can change), the context's error, or a local error.
type WaitError struct {
	SessionID   string   // the session waited for
	Polls       int      // the number of get-session calls made
	Failed      int      // polls that failed transiently and counted as "not ready yet"
	LastFailure error    // the error of the last of them; nil when none failed
	Last        *Session // the session as the last successful poll saw it; nil when none did
	Err         error    // why the wait stopped
}

// Error returns e.g. `gameserver: waiting for session "950dd2eaff09-S" to be
// ready (3 polls): context deadline exceeded`, and with failed polls
// `(5 polls, 4 failed, the last with: …)`.
func (e *WaitError) Error() string {
	polls := "polls"
	if e.Polls == 1 {
		polls = "poll"
	}
	failed := ""
	if e.Failed > 0 {
		failed = fmt.Sprintf(", %d failed, the last with: %v", e.Failed, e.LastFailure)
	}
	return fmt.Sprintf("gameserver: waiting for session %q to be ready (%d %s%s): %v", e.SessionID, e.Polls, polls, failed, e.Err)
}

// Unwrap returns the cause.
func (e *WaitError) Unwrap() error { return e.Err }
