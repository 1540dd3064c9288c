package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/wrapper/gameserver"
)

type waitFlags struct {
	timeout         time.Duration
	deleteOnFailure bool
}

// add registers the wait flags on cmd, checked before it runs; wait, when
// not nil, is the --wait they need.
func (wf *waitFlags) add(cmd *cobra.Command, wait *bool) {
	cmd.Flags().DurationVar(&wf.timeout, "timeout", 0, "give up waiting after this long (default: no limit)")
	cmd.Flags().BoolVar(&wf.deleteOnFailure, "delete-on-failure", false, "when the wait fails (timeout, error, Ctrl-C), delete the session instead of leaving it")
	cmd.PreRunE = func(*cobra.Command, []string) error {
		switch {
		case wf.timeout < 0:
			return usagef("--timeout %s: must not be negative", wf.timeout)
		case (wf.timeout > 0 || wf.deleteOnFailure) && wait != nil && !*wait:
			return usagef("--timeout and --delete-on-failure need --wait")
		}
		return nil
	}
}

// waitFor waits until session id is ready, with a progress line on a
// terminal. When the wait fails (a timeout, an error, Ctrl-C) the error names
// the session and how to delete it, or with --delete-on-failure deletes it.
func (a *app) waitFor(ctx context.Context, gc *gameserver.Client, id string, wf waitFlags) (*gameserver.Session, error) {
	wctx, cancel := context.WithCancel(ctx)
	if wf.timeout > 0 {
		wctx, cancel = context.WithTimeout(ctx, wf.timeout)
	}
	defer cancel()
	type seen struct {
		polls  int
		status string
	}
	var last atomic.Pointer[seen]
	last.Store(&seen{0, "-"})
	progress := func(p gameserver.Poll) {
		st := "-"
		if p.Session != nil {
			st = orDash(p.Session.Status)
		} else if e, ok := apiError(p.Err); ok {
			st = fmt.Sprintf("HTTP %d", e.StatusCode)
		} else if p.Err != nil {
			st = "failed"
		}
		last.Store(&seen{p.Number, st})
	}
	start := a.now()
	line := newLiveLine(a.stderr, a.terminal, func() string {
		s := last.Load()
		return fmt.Sprintf("waiting for session %s: %s, %s, status %s", id, a.now().Sub(start).Round(time.Second), plural(s.polls, "poll"), s.status)
	})
	s, err := gc.Sessions.WaitReady(wctx, id, gameserver.WithPollProgress(progress))
	line.stop()
	if err == nil {
		return s, nil
	}
	we, isWait := errors.AsType[*gameserver.WaitError](err)
	why := describeError(err)
	switch {
	case ctx.Err() != nil:
		why = "interrupted"
	case errors.Is(err, context.DeadlineExceeded):
		why = fmt.Sprintf("timed out after --timeout %s", wf.timeout)
	case isWait && we.Err != nil:
		why = describeError(we.Err)
	}
	msg := fmt.Sprintf("session %s is not ready: %s", id, why)
	if isWait {
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
	return nil, &exitError{code: exitAPI, msg: msg, cause: err}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
