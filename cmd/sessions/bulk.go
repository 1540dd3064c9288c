package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// Bulk defaults and bounds.
const (
	defaultConcurrency = 4
	maxConcurrency     = 64
	defaultMaxWait     = time.Hour       // the longest wait for the rate limit, whatever asks for it
	defaultGrace       = 2 * time.Second // how long requests in flight may finish after the first Ctrl-C
)

type bulkFlags struct {
	concurrency, perMinute int
	dryRun                 bool
	maxWait                time.Duration
}

// add registers the flags on cmd, checked before it runs.
func (f *bulkFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.IntVar(&f.concurrency, "concurrency", defaultConcurrency, fmt.Sprintf("requests in flight at once (1 to %d)", maxConcurrency))
	fl.BoolVar(&f.dryRun, "dry-run", false, "list what would be done; send nothing destructive")
	fl.IntVar(&f.perMinute, "rate-limit", 0, "send at most this many requests a minute (0: pace by the API's headers only)")
	fl.DurationVar(&f.maxWait, "max-wait", defaultMaxWait, "the longest wait for the rate limit (Retry-After, a reset): a longer one stops the job (exit 3)")
	cmd.PreRunE = func(*cobra.Command, []string) error {
		switch {
		case f.concurrency < 1 || f.concurrency > maxConcurrency:
			return usagef("--concurrency %d: must be from 1 to %d", f.concurrency, maxConcurrency)
		case f.perMinute < 0:
			return usagef("--rate-limit %d: must be 0 (none) or more", f.perMinute)
		case f.maxWait <= 0:
			return usagef("--max-wait %s: must be more than 0", f.maxWait)
		}
		return nil
	}
}

// bulkJob is one run of a bulk command, and the observer of its client's
// calls. The SDK paces the client (--rate-limit, else by the API's headers)
// and retries it, waiting up to --max-wait (a longer wait stops the job).
// The job counts 429s, keeps the rate-limit wait under way for the progress
// line, and runs each attempt under its in-flight context: an interrupt ends
// the calls' waits at once, an attempt in flight gets the grace to finish.
type bulkJob struct {
	bulkFlags
	name     string
	now      func() time.Time
	inflight atomic.Pointer[context.Context] // nil until the job runs
	tooMany  atomic.Int64                    // 429 answers

	mu        sync.Mutex
	waitUntil time.Time // the end of the latest rate-limit wait
}

// waiting is how long the latest rate-limit wait still lasts; 0 when none.
func (j *bulkJob) waiting() time.Duration {
	j.mu.Lock()
	defer j.mu.Unlock()
	return max(0, j.waitUntil.Sub(j.now()))
}

func (j *bulkJob) waitFor(d time.Duration) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if t := j.now().Add(d); t.After(j.waitUntil) {
		j.waitUntil = t
	}
}

func (j *bulkJob) StartOperation(ctx context.Context, _ sessionkit.Operation) (context.Context, sessionkit.OperationObserver) {
	return ctx, &jobCall{j: j}
}

// jobCall follows one call of a bulk job; its methods are called in turn.
type jobCall struct {
	j       *bulkJob
	release func()
}

var _ sessionkit.PacingObserver = (*jobCall)(nil)

// AttemptStart gives the attempt the job's in-flight context, with the
// call's values and deadline but not its cancellation.
func (c *jobCall) AttemptStart(ctx context.Context, _ sessionkit.Attempt) context.Context {
	in := c.j.inflight.Load()
	if in == nil {
		return ctx
	}
	detached := context.WithoutCancel(ctx)
	var stopDeadline context.CancelFunc = func() {}
	if dl, ok := ctx.Deadline(); ok {
		detached, stopDeadline = context.WithDeadline(detached, dl)
	}
	actx, cancel := context.WithCancelCause(detached)
	stop := context.AfterFunc(*in, func() { cancel(context.Cause(*in)) })
	c.release = func() { stop(); cancel(nil); stopDeadline() }
	return actx
}

// AttemptEnd counts a 429 and releases the attempt's context.
func (c *jobCall) AttemptEnd(r sessionkit.AttemptResult) {
	c.End(nil)
	if r.StatusCode == 429 {
		c.j.tooMany.Add(1)
	}
}

// RetryWait records a wait the API asked for (a 429, a Retry-After).
func (c *jobCall) RetryWait(ev sessionkit.RetryEvent) {
	if ev.StatusCode == 429 || ev.RetryAfter > 0 {
		c.j.waitFor(ev.Wait)
	}
}

// PacingWait records a wait for the rate limit: the budget the API's
// headers report, or --rate-limit.
func (c *jobCall) PacingWait(d time.Duration) { c.j.waitFor(d) }

func (c *jobCall) End(error) {
	if c.release != nil {
		c.release()
		c.release = nil
	}
}

type bulkItem struct {
	id          string // as printed in tables and summaries
	key         any    // the JSON "id": a number for Zendesk users and sessions, a string for game-server sessions
	userID      int64  // the JSON "user_id" of a Zendesk session; 0 for other items
	unconfirmed bool   // an earlier run's request for it got no answer, so it may be done already
}

// bulkResult is the JSON line of one item. Its shape is stable: pipe the
// lines with "ok": false back into the command to retry them. Action is, in
// a dry run, what would be done ("delete", "stop" or "keep"); Skipped, that
// the item was not started; Unconfirmed, that its request got no answer (cut
// short by an interrupt, timed out, the connection lost), so it may or may
// not have been carried out.
type bulkResult struct {
	ID          any        `json:"id"`
	UserID      int64      `json:"user_id,omitempty"`
	OK          bool       `json:"ok"`
	Action      string     `json:"action,omitempty"`
	DryRun      bool       `json:"dry_run,omitempty"`
	Skipped     bool       `json:"skipped,omitempty"`
	Unconfirmed bool       `json:"unconfirmed,omitempty"`
	Detail      string     `json:"detail,omitempty"`
	Error       *errorJSON `json:"error,omitempty"`
}

// errCutShort is the cause of requests cut short after an interrupt.
var errCutShort = errors.New("interrupted while in flight")

// inflight returns the context of requests in flight: not ended by ctx at
// once, so that an interrupt lets them finish and their outcome is known,
// but cut short a grace period after ctx ends. An interrupt (ctx ended by
// anything but a wait too long) is announced on stderr. end releases it.
func (a *app) inflight(ctx context.Context) (in context.Context, end func()) {
	in, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		select {
		case <-ctx.Done():
		case <-done:
			return
		}
		if _, tooLong := errors.AsType[*waitTooLongError](context.Cause(ctx)); !tooLong {
			clear := ""
			if a.terminal {
				clear = "\r\x1b[K" // over a progress line
			}
			fmt.Fprintf(a.stderr, "%ssessions: interrupted: starting nothing new; requests in flight have %s to finish (Ctrl-C again quits at once)\n", clear, a.grace)
		}
		t := time.NewTimer(a.grace)
		defer t.Stop()
		select {
		case <-t.C:
			cancel(errCutShort)
		case <-done:
		}
	})
	return in, func() { close(done); wg.Wait(); cancel(nil) }
}

// runBulk runs do (in a dry run, it returns the action it would take) on
// each item, --concurrency at a time, and prints each result as it completes
// (in a dry run, in item order), a progress line and a summary. An interrupt
// or a wait beyond --max-wait starts no new item; an item stopped before it
// did anything is not started, one whose request got no answer unconfirmed.
// Exit code 3 when some item failed or was not started.
func (a *app) runBulk(ctx context.Context, job *bulkJob, items []bulkItem,
	do func(context.Context, bulkItem) (action, detail string, err error)) error {
	start := a.now()
	jobCtx, stopJob := context.WithCancelCause(ctx)
	defer stopJob(nil)
	inflight, endInflight := a.inflight(jobCtx)
	defer endInflight()
	job.inflight.Store(&inflight)

	one := func(it bulkItem) bulkResult {
		res := bulkResult{ID: it.key, UserID: it.userID, DryRun: job.dryRun, Skipped: jobCtx.Err() != nil}
		if res.Skipped {
			return res
		}
		action, detail, err := do(jobCtx, it)
		switch {
		case err == nil:
			res.OK, res.Detail = true, detail
			if job.dryRun {
				res.Action = action
			}
		case unanswered(err):
			res.Unconfirmed = true
			msg := oneLine(err.Error())
			if errors.Is(context.Cause(inflight), errCutShort) {
				msg = errCutShort.Error()
			}
			res.Error = &errorJSON{Message: msg + ": the outcome is unknown; run it again"}
		case jobCtx.Err() != nil && notActedOn(err):
			res.Skipped = true
		default:
			if tl := tooLong(err, job.maxWait); tl != nil {
				stopJob(tl)
			}
			res.Error = &errorJSON{Message: oneLine(err.Error())}
			if e, ok := apiError(err); ok {
				res.Error = &errorJSON{Status: e.StatusCode, Code: e.Code, Message: oneLine(e.Message), RequestID: e.RequestID}
			}
		}
		return res
	}
	res, out := make([]bulkResult, len(items)), make(chan int) // each result is its worker's until sent
	go func() {
		var wg sync.WaitGroup
		defer func() { wg.Wait(); close(out) }()
		slots := make(chan struct{}, job.concurrency)
		for i, it := range items {
			select {
			case slots <- struct{}{}:
			case <-jobCtx.Done():
				return
			}
			if jobCtx.Err() != nil {
				return // a free slot and a stop at once: stop
			}
			wg.Go(func() {
				res[i] = one(it)
				out <- i
				<-slots
			})
		}
	}()

	var nDone, nFailed atomic.Int64
	prog := newLiveLine(a.stderr, a.terminal, func() string {
		line := fmt.Sprintf("%s: %d/%d done, %d failed", job.name, nDone.Load(), len(items), nFailed.Load())
		if w := job.waiting(); w > 0 {
			line += fmt.Sprintf(", waiting %s for the rate limit", w.Round(time.Second))
		}
		return line
	})
	defer prog.stop()
	results := make([]*bulkResult, len(items))
	next := 0 // in a dry run, the first item not printed yet
	var printErr error
	emit := func(i int) {
		r, it := results[i], items[i]
		if r == nil || r.Skipped || printErr != nil {
			return
		}
		prog.clear()
		if a.json {
			printErr = jsonLine(a.stdout, r)
			return
		}
		state := "ok"
		switch {
		case !r.OK:
			state = "FAILED"
		case r.DryRun:
			state = r.Action
		}
		line := fmt.Sprintf("%-7s %s", state, it.id)
		if r.Detail != "" {
			line += "  " + r.Detail
		}
		if e := r.Error; e != nil {
			line += "  "
			if e.Status != 0 {
				line += fmt.Sprintf("%d ", e.Status)
			}
			if e.Code != "" {
				line += e.Code + ": "
			}
			line += e.Message
			if e.RequestID != "" {
				line += " (request id " + e.RequestID + ")"
			}
		}
		_, printErr = fmt.Fprintln(a.stdout, line)
	}
	for i := range out { // read every result, even after a failed write, so no worker is left blocked
		if results[i] = &res[i]; !res[i].Skipped {
			if nDone.Add(1); !res[i].OK {
				nFailed.Add(1)
			}
			prog.redraw()
		}
		if !job.dryRun {
			emit(i)
		}
		for ; job.dryRun && next < len(results) && results[next] != nil; next++ {
			emit(next)
		}
	}
	for ; job.dryRun && next < len(results); next++ {
		emit(next)
	}
	prog.stop()
	if printErr != nil {
		return printErr
	}

	var ok, failed, unconfirmed, notStarted []string
	stopped := ""
	if cause := context.Cause(jobCtx); cause != nil {
		stopped = "interrupted"
		if tl, isTooLong := errors.AsType[*waitTooLongError](cause); isTooLong {
			stopped = "stopped: " + tl.Error()
		}
	}
	for i, r := range results {
		it := items[i]
		switch {
		case r == nil || r.Skipped:
			notStarted = append(notStarted, it.id)
			if a.json && printErr == nil {
				printErr = jsonLine(a.stdout, bulkResult{ID: it.key, UserID: it.userID, Skipped: true, DryRun: job.dryRun,
					Error: &errorJSON{Message: "not started: " + stopped}})
			}
		case r.OK:
			ok = append(ok, it.id)
		default:
			failed = append(failed, it.id)
			if r.Unconfirmed {
				unconfirmed = append(unconfirmed, it.id)
			}
		}
	}
	if printErr != nil {
		return printErr
	}
	var b strings.Builder
	b.WriteString(job.name)
	if job.dryRun {
		b.WriteString(" (dry run, nothing was changed)")
	}
	if stopped != "" {
		b.WriteString(": " + stopped)
	}
	fmt.Fprintf(&b, ": %d of %d done: %d ok, %d failed", len(ok)+len(failed), len(items), len(ok), len(failed))
	if len(unconfirmed) > 0 {
		fmt.Fprintf(&b, " (%d of them unconfirmed)", len(unconfirmed))
	}
	if len(notStarted) > 0 {
		fmt.Fprintf(&b, ", %d not started", len(notStarted))
	}
	fmt.Fprintf(&b, "; %d rate-limited (429) responses; took %s\n", job.tooMany.Load(), a.now().Sub(start).Round(time.Millisecond))
	for _, l := range []struct {
		what string
		ids  []string
	}{{"failed", failed}, {"unconfirmed (sent, no answer; may have been done)", unconfirmed}, {"not started", notStarted}} {
		if len(l.ids) > 0 {
			fmt.Fprintf(&b, "%s: %s\n", l.what, strings.Join(l.ids, " "))
		}
	}
	fmt.Fprint(a.summaryOut(), b.String())
	if len(failed) > 0 || len(notStarted) > 0 {
		return &exitError{code: exitPartial}
	}
	return nil
}

// waitTooLongError is a wait longer than --max-wait: it is not made, and
// the job stops.
type waitTooLongError struct {
	wait, limit time.Duration
	source      string
}

func (e *waitTooLongError) Error() string {
	return fmt.Sprintf("the API asks to wait %s (%s), more than --max-wait %s", e.wait.Round(time.Second), e.source, e.limit)
}

// tooLong is the *waitTooLongError of a call the SDK did not retry because
// the API asked (by Retry-After, or the rate-limit reset of a 429 without
// one) for a wait beyond limit, the job's MaxBackoff; nil for other errors.
func tooLong(err error, limit time.Duration) *waitTooLongError {
	e, ok := apiError(err)
	if !ok || e.RetryAfter <= limit {
		return nil
	}
	source := "rate-limit reset"
	if e.Header.Get("Retry-After") != "" {
		source = "Retry-After"
	}
	return &waitTooLongError{wait: e.RetryAfter, limit: limit, source: source}
}

// unanswered reports whether err is a connection failure after the request
// may have reached the server (a timeout, a lost connection, an attempt cut
// short), rather than before (no connection could be made).
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

// notActedOn reports whether a call that failed did nothing on the server:
// it got no answer before it stopped (it was never sent, or only waited),
// or the last answer was a 429.
func notActedOn(err error) bool {
	e, ok := apiError(err)
	return !ok || e.StatusCode == 429
}
