package gameserver

import (
	"context"
	"fmt"
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

// pollInterval is WaitReady's backoff: first, doubling up to max; and the
// notifier that cuts a pause short (WithReadyNotifier), nil for none.
type pollInterval struct {
	first, max time.Duration
	notifier   *ReadyNotifier
}

// WaitReady polls a session (get-session) until it is ready, and returns
// it. The first poll is immediate; the wait between polls starts at
// DefaultPollInterval and doubles up to DefaultMaxPollInterval
// (WithPollInterval changes both); WithReadyNotifier polls again as soon as
// a webhook says the session is linked or failed. Each poll is a Get with opts, retried by
// the retry policy on transient failures.
//
// WaitReady stops with a *WaitError when the session reports an error (it
// wraps a *SessionFailedError, matching ErrSessionFailed), when the session
// is deleted (an *APIError matching ErrNotFound or ErrGone), when a poll
// fails otherwise, or when ctx ends: errors.Is(err,
// context.DeadlineExceeded) then holds. A next poll that would not come
// before ctx's deadline is not waited for: WaitReady returns at once. Bound the
// wait with a deadline:
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
		if err := call.Do(ctx, opGet, getRequest(sessionID), decodeSession(&sess)); err != nil {
			werr.Err = err
			return nil, werr
		}
		werr.Last = sess
		if sess.Ready {
			return sess, nil
		}
		if sess.Error != "" {
			werr.Err = &SessionFailedError{SessionID: sessionID, Status: sess.Status, Reason: sess.Error}
			return nil, werr
		}
		if dl, ok := ctx.Deadline(); ok && events == nil && time.Until(dl) <= wait {
			werr.Err = fmt.Errorf("the next poll, in %s, would come after the deadline: %w", wait, context.DeadlineExceeded)
			return nil, werr
		}
		if err := spacing.pause(ctx, wait, events); err != nil {
			werr.Err = err
			return nil, werr
		}
		wait = nextPollWait(wait, poll.max)
	}
}

// nextPollWait doubles wait up to max, without overflowing.
func nextPollWait(wait, max time.Duration) time.Duration {
	if wait > max/2 {
		return max
	}
	return 2 * wait
}
