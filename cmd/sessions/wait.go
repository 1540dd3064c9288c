package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// waitProgress is what the polls of a wait found so far, for the
// progress line: the SDK reports each poll (gameserver.WithPollProgress).
type waitProgress struct {
	mu     sync.Mutex
	polls  int
	status string
}

// poll records one poll.
func (w *waitProgress) poll(p gameserver.Poll) {
	status := "-"
	switch {
	case p.Session != nil:
		status = orDash(p.Session.Status)
	case p.Err != nil:
		status = "failed"
		if e, ok := errors.AsType[*gameserver.APIError](p.Err); ok {
			status = fmt.Sprintf("HTTP %d", e.StatusCode)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.polls, w.status = p.Number, status
}

// state is the number of polls made and the last status seen.
func (w *waitProgress) state() (int, string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.polls, w.status
}

// waitFlags are the flags of the commands that wait for a session.
type waitFlags struct {
	timeout         time.Duration
	deleteOnFailure bool
}

// waitFor waits until session id is ready, with a progress line on a
// terminal (elapsed time, polls, status). When the wait fails — a timeout,
// an error, Ctrl-C — the error names the session and how to delete it, or,
// with --delete-on-failure, deletes it.
func (a *app) waitFor(ctx context.Context, gc *gameserver.Client, id string, wf waitFlags) (*gameserver.Session, error) {
	wctx, cancel := waitCtx(ctx, wf.timeout)
	defer cancel()
	var progress waitProgress
	start := a.now()
	line := newLiveLine(a.stderr, a.terminal, func() string {
		polls, status := progress.state()
		return fmt.Sprintf("waiting for session %s: %s, %s, status %s", id, a.now().Sub(start).Round(time.Second), plural(polls, "poll"), orDash(status))
	})
	s, err := gc.Sessions.WaitReady(wctx, id, gameserver.WithPollProgress(progress.poll))
	line.stop()
	if err == nil {
		return s, nil
	}
	return nil, a.waitFailed(ctx, gc, id, err, wf)
}

// waitFailed explains a failed wait for session id and, with
// --delete-on-failure, deletes the session.
func (a *app) waitFailed(ctx context.Context, gc *gameserver.Client, id string, err error, wf waitFlags) error {
	var why string
	switch {
	case ctx.Err() != nil:
		why = "interrupted"
	case errors.Is(err, context.DeadlineExceeded):
		why = fmt.Sprintf("timed out after --timeout %s", wf.timeout)
	default:
		why = describeError(err)
		if we, ok := errors.AsType[*gameserver.WaitError](err); ok && we.Err != nil {
			why = describeError(we.Err)
		}
	}
	msg := fmt.Sprintf("session %s is not ready: %s", id, why)
	if we, ok := errors.AsType[*gameserver.WaitError](err); ok {
		msg += fmt.Sprintf(" (%s", plural(we.Polls, "poll"))
		if we.Failed > 0 {
			msg += fmt.Sprintf(", %d failed, the last with: %s", we.Failed, describeError(we.LastFailure))
		}
		if we.Last != nil {
			msg += ", last status " + orDash(we.Last.Status)
		}
		msg += ")"
	}
	deleteCmd := "sessions gameserver delete " + id
	switch {
	case errors.Is(err, gameserver.ErrNotFound) || errors.Is(err, gameserver.ErrGone):
		msg += "; the session is gone"
	case wf.deleteOnFailure:
		// The command's context may be over (a timeout, Ctrl-C): the delete
		// gets its own, bounded by --request-timeout per attempt and in all.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*a.requestTimeout)
		defer cancel()
		if _, derr := gc.Sessions.DeleteIfExists(dctx, id); derr != nil {
			msg += fmt.Sprintf("\nsessions: could not delete it (%s); delete it with: %s", describeError(derr), deleteCmd)
		} else {
			msg += fmt.Sprintf("\nsessions: deleted session %s (--delete-on-failure)", id)
		}
	default:
		msg += fmt.Sprintf("\nsessions: the session still exists and holds its players; delete it with: %s\n(or pass --delete-on-failure to delete it when a wait fails)", deleteCmd)
	}
	return &exitError{code: exitAPI, msg: msg, cause: err}
}

// plural is "1 poll" or "n polls".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
