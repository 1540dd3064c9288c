package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// maxPeekBytes bounds the part of a poll's body the progress line reads.
const maxPeekBytes = 64 << 10

// pollWatch sits in the transport of a waiting client and counts the polls
// of one session (GET /v1/session/ID), keeping the status the last one
// reported, for the progress line. The body is read ahead, not consumed:
// the SDK decodes it as it arrived.
type pollWatch struct {
	next http.RoundTripper

	mu     sync.Mutex
	id     string
	polls  int
	status string
}

// watch returns next with w watching its responses.
func (w *pollWatch) watch(next http.RoundTripper) http.RoundTripper {
	w.next = next
	return w
}

// follow makes w count the polls of session id.
func (w *pollWatch) follow(id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.id, w.polls, w.status = id, 0, ""
}

// state is the number of polls seen and the last status reported.
func (w *pollWatch) state() (int, string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.polls, w.status
}

// RoundTrip sends req and, for a poll of the followed session, peeks at the
// status in the answer.
func (w *pollWatch) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := w.next.RoundTrip(req)
	w.mu.Lock()
	id := w.id
	w.mu.Unlock()
	if err != nil || req.Method != http.MethodGet || id == "" || !strings.HasSuffix(req.URL.Path, "/session/"+id) {
		return resp, err
	}
	status := fmt.Sprintf("HTTP %d", resp.StatusCode)
	if resp.StatusCode == http.StatusOK {
		buf, rerr := io.ReadAll(io.LimitReader(resp.Body, maxPeekBytes))
		resp.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(buf), errReader{rerr}, resp.Body), resp.Body}
		var body struct {
			Status string `json:"status"`
		}
		if json.Unmarshal(buf, &body) == nil && body.Status != "" {
			status = body.Status
		}
	}
	w.mu.Lock()
	w.polls++
	w.status = status
	w.mu.Unlock()
	return resp, nil
}

// errReader returns err, if any, once the bytes read ahead are consumed,
// so that a body that broke off while peeking still breaks off for the SDK.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	return 0, io.EOF
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
func (a *app) waitFor(ctx context.Context, gc *gameserver.Client, pw *pollWatch, id string, wf waitFlags) (*gameserver.Session, error) {
	wctx, cancel := waitCtx(ctx, wf.timeout)
	defer cancel()
	pw.follow(id)
	start := a.now()
	line := newLiveLine(a.stderr, a.terminal, func() string {
		polls, status := pw.state()
		return fmt.Sprintf("waiting for session %s: %s, %s, status %s", id, a.now().Sub(start).Round(time.Second), plural(polls, "poll"), orDash(status))
	})
	s, err := gc.Sessions.WaitReady(wctx, id)
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
