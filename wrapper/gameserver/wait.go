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

// pollInterval is WaitReady's backoff: first, doubling up to max.
type pollInterval struct{ first, max time.Duration }

// Keys of the wrapper's own options (core.Extension).
type (
	waitReadyKey    struct{}
	pollIntervalKey struct{}
)

// WithWaitReady makes Create wait until the new session is ready, as
// WaitReady does, and return it in CreatedSession.Ready: create and wait in
// one call. As a client option it makes every Create wait. Other methods
// ignore it.
func WithWaitReady() Option {
	return core.Extension("gameserver.WithWaitReady()", waitReadyKey{}, true)
}

// WithPollInterval sets how WaitReady (and Create with WithWaitReady) polls:
// it waits first after the first poll that finds the session not ready, then
// doubles the wait after each poll, up to max. The defaults are
// DefaultPollInterval and DefaultMaxPollInterval. first must be > 0 and max
// >= first; otherwise the client or the call fails with an
// *InvalidArgumentError. Other methods ignore it.
func WithPollInterval(first, max time.Duration) Option {
	return core.Extension(fmt.Sprintf("gameserver.WithPollInterval(%s, %s)", first, max),
		pollIntervalKey{}, pollInterval{first: first, max: max})
}

// pollFrom returns the poll interval set in opts, or def; an invalid one is
// an error naming WithPollInterval.
func pollFrom(opts []Option, def pollInterval) (pollInterval, error) {
	p, ok := core.ExtensionValue[pollInterval](opts, pollIntervalKey{})
	if !ok {
		return def, nil
	}
	if p.first <= 0 {
		return p, &core.InvalidArgumentError{Name: "WithPollInterval first", Value: p.first, Reason: "must be > 0"}
	}
	if p.max < p.first {
		return p, &core.InvalidArgumentError{Name: "WithPollInterval max", Value: p.max, Reason: fmt.Sprintf("must be >= first (%s)", p.first)}
	}
	return p, nil
}

// WaitReady polls a session (get-session) until it is ready, and returns
// it. The first poll is immediate; the wait between polls starts at
// DefaultPollInterval and doubles up to DefaultMaxPollInterval
// (WithPollInterval changes both). Each poll is a Get with opts, retried by
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
	if err := checkSessionID(sessionID); err != nil {
		return nil, err
	}
	ctx, poll, err := s.preparePolling(ctx, opts)
	if err != nil {
		return nil, err
	}
	return s.waitReady(ctx, sessionID, poll)
}

// preparePolling prepares a call that may poll: the per-call options over
// the client's, and the poll interval they set.
func (s *SessionsService) preparePolling(ctx context.Context, opts []Option) (context.Context, pollInterval, error) {
	ctx, err := s.prepare(ctx, opts)
	if err != nil {
		return nil, pollInterval{}, err
	}
	poll, err := pollFrom(opts, s.poll)
	return ctx, poll, err
}

// waitReady is WaitReady with a prepared ctx and checked arguments.
func (s *SessionsService) waitReady(ctx context.Context, sessionID string, poll pollInterval) (*Session, error) {
	werr := &WaitError{SessionID: sessionID}
	wait := poll.first
	for {
		werr.Polls++
		sess, err := s.get(ctx, sessionID)
		if err != nil {
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
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= wait {
			werr.Err = fmt.Errorf("the next poll, in %s, would come after the deadline: %w", wait, context.DeadlineExceeded)
			return nil, werr
		}
		if err := core.Sleep(ctx, wait); err != nil {
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
