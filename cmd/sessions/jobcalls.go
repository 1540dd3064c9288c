package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// jobCalls watches the calls of a bulk job's client through the SDK's
// observer hook (WithObserver): it counts the 429 answers for the summary,
// keeps the end of the rate-limit wait under way for the progress line
// (a retry's or the SDK's pacing's),
// and sends each attempt with the job's in-flight context instead of the
// call's. The SDK paces and retries (its rate limit and retry policy); a
// job's calls run under the job's context, so an interrupt ends their
// waits at once — nothing new starts — while an attempt in flight gets the
// grace to finish (app.inflight).
type jobCalls struct {
	now func() time.Time

	mu        sync.Mutex
	inflight  context.Context // the job's in-flight context; nil until the job runs
	tooMany   int             // 429 answers
	waitUntil time.Time       // the end of the latest rate-limit wait
}

// follow makes the attempts from now on run under in.
func (j *jobCalls) follow(in context.Context) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.inflight = in
}

// rateLimited is the number of 429 answers seen.
func (j *jobCalls) rateLimited() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.tooMany
}

// waiting is how long the latest rate-limit wait still lasts; 0 when none.
func (j *jobCalls) waiting() time.Duration {
	j.mu.Lock()
	defer j.mu.Unlock()
	return max(0, j.waitUntil.Sub(j.now()))
}

// StartOperation follows one call.
func (j *jobCalls) StartOperation(ctx context.Context, _ sessionkit.Operation) (context.Context, sessionkit.OperationObserver) {
	return ctx, &jobCall{j: j}
}

// jobCall follows one call of a bulk job; its methods are called in turn.
type jobCall struct {
	j       *jobCalls
	release func()
}

// AttemptStart gives the attempt the job's in-flight context, with the
// call's values and deadline but not its cancellation.
func (c *jobCall) AttemptStart(ctx context.Context, _ sessionkit.Attempt) context.Context {
	c.j.mu.Lock()
	in := c.j.inflight
	c.j.mu.Unlock()
	if in == nil {
		return ctx
	}
	detached := context.WithoutCancel(ctx)
	var stopDeadline context.CancelFunc = func() {}
	if dl, ok := ctx.Deadline(); ok {
		detached, stopDeadline = context.WithDeadline(detached, dl)
	}
	actx, cancel := context.WithCancelCause(detached)
	stop := context.AfterFunc(in, func() { cancel(context.Cause(in)) })
	c.release = func() { stop(); cancel(nil); stopDeadline() }
	return actx
}

// AttemptEnd counts a 429 and releases the attempt's context.
func (c *jobCall) AttemptEnd(r sessionkit.AttemptResult) {
	c.end()
	if r.StatusCode == 429 {
		c.j.mu.Lock()
		c.j.tooMany++
		c.j.mu.Unlock()
	}
}

// RetryWait records a wait the API asked for (a 429, a Retry-After).
func (c *jobCall) RetryWait(ev sessionkit.RetryEvent) {
	if ev.StatusCode == 429 || ev.RetryAfter > 0 {
		c.j.waitFor(ev.Wait)
	}
}

// PacingWait records a wait for the rate limit (sessionkit.PacingObserver):
// the budget the API's headers report, or --rate-limit.
func (c *jobCall) PacingWait(d time.Duration) { c.j.waitFor(d) }

// waitFor records a rate-limit wait of d from now.
func (j *jobCalls) waitFor(d time.Duration) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if t := j.now().Add(d); t.After(j.waitUntil) {
		j.waitUntil = t
	}
}

var _ sessionkit.PacingObserver = (*jobCall)(nil)

// End releases what is left.
func (c *jobCall) End(error) { c.end() }

func (c *jobCall) end() {
	if c.release != nil {
		c.release()
		c.release = nil
	}
}

// waitTooLongError is a wait longer than the job's cap: it is not made, and
// the job stops.
type waitTooLongError struct {
	wait, limit time.Duration
	source      string
}

func (e *waitTooLongError) Error() string {
	return fmt.Sprintf("the API asks to wait %s (%s), more than --max-wait %s", e.wait.Round(time.Second), e.source, e.limit)
}

// tooLong is the *waitTooLongError of a call the SDK did not retry because
// the API asked for a wait longer than limit (the bulk retry policy's
// MaxBackoff): nil for any other error.
func tooLong(err error, limit time.Duration) *waitTooLongError {
	if e, ok := apiError(err); ok && e.RetryAfter > limit {
		return &waitTooLongError{wait: e.RetryAfter, limit: limit, source: retryAfterSource(e)}
	}
	return nil
}

// unanswered reports whether err is a connection failure after the request
// may have reached the server (a timeout, a lost connection, an attempt
// cut short), rather than one that kept it from being sent (no connection
// could be made).
func unanswered(err error) bool {
	if _, ok := errors.AsType[*zendesk.ConnectionError](err); !ok {
		return false
	}
	if op, ok := errors.AsType[*net.OpError](err); ok && op.Op == "dial" {
		return false
	}
	_, dns := errors.AsType[*net.DNSError](err)
	return !dns
}

// notActedOn reports whether a call that failed did nothing on the
// server: it got no answer before it stopped (it was never sent, or only
// waited), or the last answer was a 429.
func notActedOn(err error) bool {
	e, ok := apiError(err)
	return !ok || e.StatusCode == 429
}
