package gameserver

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Polling defaults of WaitReady.
const (
	// DefaultPollInterval is the wait after the first poll that found the
	// session not ready; it doubles after each poll.
	DefaultPollInterval = time.Second
	// DefaultMaxPollInterval caps the wait between two polls.
	DefaultMaxPollInterval = 10 * time.Second
)

// pollInterval is WaitReady's backoff: first, doubling up to max; the
// notifier that cuts a pause short (WithReadyNotifier), nil for none; and
// the callback told of each poll (WithPollProgress), nil for none.
type pollInterval struct {
	first, max time.Duration
	notifier   *ReadyNotifier
	progress   func(Poll)
}

// Poll is what one poll of a wait for readiness came to, for the callback
// of WithPollProgress.
type Poll struct {
	// SessionID is the session waited for.
	SessionID string
	// Number counts the wait's polls, from 1.
	Number int
	// Session is the session as this poll saw it; nil when the poll failed.
	Session *Session
	// Err is this poll's error; nil when it answered.
	Err error
	// Failed counts the wait's polls that failed transiently so far, this
	// one included: the wait goes on through them.
	Failed int
}

// WithPollProgress calls fn after each poll of WaitReady (and of Create
// with WithWaitReady), with what the poll found: a progress line, a log
// of the wait. fn is called synchronously, between polls, from the
// goroutine that waits. Like WithPollInterval it is a client option
// (every wait of the client) and a Create or WaitReady option (that wait).
// A nil fn is an *InvalidArgumentError where the option is used.
func WithPollProgress(fn func(Poll)) Option {
	return only("WithPollProgress(func)", waitUses, func(s *settings) error {
		if fn == nil {
			return invalid("WithPollProgress fn", nil, "must not be nil")
		}
		s.poll.progress = fn
		return nil
	}, forClient, forCreate, forWait)
}

// WaitReady polls a session (get-session) until it is ready, and returns
// it. The first poll is immediate; the wait between polls starts at
// DefaultPollInterval and doubles up to DefaultMaxPollInterval
// (WithPollInterval changes both); WithReadyNotifier polls again as soon as
// a webhook says the session is linked or failed; WithPollProgress reports
// each poll. Each poll is a Get with opts, retried by the retry policy.
//
// A poll that still fails after its retries, transiently (a connection
// error, 408, 429 or a 5xx), counts as "not ready yet": the wait goes on,
// on its schedule (no sooner than a Retry-After asks), until ctx ends.
// WaitReady stops with a *WaitError when the session reports an error (it
// wraps a *SessionFailedError, matching ErrSessionFailed), when a poll
// gets an answer no later poll can change (the session deleted, 404 or
// 410, matching ErrNotFound or ErrGone; 401; 403; any other 4xx) or fails
// locally, or when ctx ends: errors.Is(err, context.DeadlineExceeded) then
// holds, and the *WaitError counts the failed polls and keeps the last
// failure. A next poll that would not come before ctx's deadline is not
// waited for: WaitReady returns at once. Bound the wait with a deadline:
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
	var spacing webhookSpacing
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
		if err := spacing.pause(ctx, pause, events); err != nil {
			werr.Err = err
			return nil, werr
		}
		wait = nextPollWait(wait, poll.max)
	}
}

// transientPollError reports whether a poll's error may pass by itself, so
// that the wait goes on: a connection failure, 408, 429 or a 5xx, while
// ctx is still live. Anything else — an answer that no later poll can
// change, a local error, the context's end — stops the wait.
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
