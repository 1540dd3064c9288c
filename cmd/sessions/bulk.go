package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Bulk defaults and bounds.
const (
	defaultConcurrency = 4
	maxConcurrency     = 64
	// defaultMaxWait is the longest wait a bulk job makes for the rate
	// limit, whatever asks for it.
	defaultMaxWait = time.Hour
	// defaultGrace is how long the requests in flight may still finish
	// after the first Ctrl-C before they are cut short.
	defaultGrace = 2 * time.Second
)

// bulkFlags are the flags every bulk command has.
type bulkFlags struct {
	concurrency int
	dryRun      bool
	perMinute   int
	maxWait     time.Duration
}

func (f *bulkFlags) add(cmd *cobra.Command) {
	cmd.Flags().IntVar(&f.concurrency, "concurrency", defaultConcurrency, fmt.Sprintf("requests in flight at once (1 to %d)", maxConcurrency))
	cmd.Flags().BoolVar(&f.dryRun, "dry-run", false, "list what would be done; send nothing destructive")
	cmd.Flags().IntVar(&f.perMinute, "rate-limit", 0, "send at most this many requests a minute (0: pace by the API's headers only)")
	cmd.Flags().DurationVar(&f.maxWait, "max-wait", defaultMaxWait, "the longest wait for the rate limit (Retry-After, a reset): a longer one stops the job (exit 3)")
}

// check validates the flags.
func (f *bulkFlags) check() error {
	if f.concurrency < 1 || f.concurrency > maxConcurrency {
		return usagef("--concurrency %d: must be from 1 to %d", f.concurrency, maxConcurrency)
	}
	if f.perMinute < 0 {
		return usagef("--rate-limit %d: must be 0 (none) or more", f.perMinute)
	}
	if f.maxWait <= 0 {
		return usagef("--max-wait %s: must be more than 0", f.maxWait)
	}
	return nil
}

// clientSettings are the settings of a bulk job's client: the SDK paces
// it (--rate-limit, else adaptively from the API's rate-limit headers) and
// retries it, waiting out what the API asks for up to --max-wait; a longer
// wait is not made and stops the job. The rule is the same on both APIs.
func (f *bulkFlags) clientSettings(calls *jobCalls) clientSettings {
	return clientSettings{retry: &sessionkit.RetryPolicy{MaxBackoff: f.maxWait}, perMinute: f.perMinute, calls: calls}
}

// bulkItem is one item of a bulk command.
type bulkItem struct {
	id     string // as printed in tables and summaries
	key    any    // the JSON "id": a number for Zendesk users and sessions, a string for game-server sessions
	userID int64  // the JSON "user_id" of a Zendesk session; 0 for other items
	// unconfirmed: an earlier run's request for the item got no answer
	// (cut short, timed out), so it may be done already.
	unconfirmed bool
}

// bulkResult is the JSON line of one item. Its shape is stable: pipe the
// lines with "ok": false back into the command to retry them.
type bulkResult struct {
	ID     any   `json:"id"`
	UserID int64 `json:"user_id,omitempty"`
	OK     bool  `json:"ok"`
	// Action is, in a dry run, what would be done: "delete", "stop" or
	// "keep".
	Action string `json:"action,omitempty"`
	DryRun bool   `json:"dry_run,omitempty"`
	// Skipped: the item was not started.
	Skipped bool `json:"skipped,omitempty"`
	// Unconfirmed: the request was sent but got no answer (cut short by an
	// interrupt, timed out, the connection lost); it may or may not have
	// been carried out.
	Unconfirmed bool       `json:"unconfirmed,omitempty"`
	Detail      string     `json:"detail,omitempty"`
	Error       *errorJSON `json:"error,omitempty"`
}

// bulkOutcome is what one item's work did, or in a dry run would do.
type bulkOutcome struct {
	action string // dry run: "delete", "stop", "keep"
	detail string
}

// bulkJob is a bulk command's work.
type bulkJob struct {
	name        string
	items       []bulkItem
	concurrency int
	dryRun      bool
	calls       *jobCalls // the observer of the job's client
	maxWait     time.Duration
	// do does one item, or with dryRun checks it and says what would be
	// done.
	do func(ctx context.Context, it bulkItem) (bulkOutcome, error)
}

// errCutShort is the cause of requests cut short after an interrupt.
var errCutShort = errors.New("interrupted while in flight")

// inflight returns the context of requests in flight: not ended by ctx at
// once, so that an interrupt lets them finish and their outcome is known,
// but cut short a grace period after ctx ends. An interrupt (ctx ended by
// anything but a wait too long) is announced on stderr, with the grace and
// how to quit at once. end releases it.
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

// runBulk runs job with its workers and prints one result per item, a
// progress line on a terminal, and a summary. Results come as they complete;
// in a dry run, in the order of the items. An interrupt (ctx done) starts no
// new item and cuts the requests in flight short after a grace period; a
// wait longer than the job's cap stops the job the same way. It returns an
// exit code 3 error when some item failed or was not started.
func (a *app) runBulk(ctx context.Context, job bulkJob) error {
	start := a.now()
	jobCtx, stopJob := context.WithCancelCause(ctx)
	defer stopJob(nil)
	inflight, endInflight := a.inflight(jobCtx)
	defer endInflight()
	job.calls.follow(inflight)

	type done struct {
		i int
		r bulkResult
	}
	work := make(chan int)
	out := make(chan done)
	var wg sync.WaitGroup
	for range min(job.concurrency, max(1, len(job.items))) {
		wg.Go(func() {
			for i := range work {
				out <- done{i, a.bulkOne(jobCtx, inflight, stopJob, job, job.items[i])}
			}
		})
	}
	go func() {
		defer close(work)
		for i := range job.items {
			if jobCtx.Err() != nil {
				return // a free worker and a stop at once: stop
			}
			select {
			case work <- i:
			case <-jobCtx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	pr := a.printer()
	prog := newBulkProgress(a, job)
	defer prog.stop()
	results := make([]*bulkResult, len(job.items))
	next := 0 // in a dry run, the first item not printed yet
	var printErr error
	emit := func(i int) {
		r := results[i]
		if r == nil || r.Skipped || printErr != nil {
			return
		}
		prog.clear()
		printErr = a.printResult(pr, job.items[i], *r)
	}
	for d := range out { // read every result, even after a failed write, so no worker is left blocked
		results[d.i] = &d.r
		if !d.r.Skipped {
			prog.add(d.r.OK)
		}
		if !job.dryRun {
			emit(d.i)
			continue
		}
		for ; next < len(results) && results[next] != nil; next++ {
			emit(next)
		}
	}
	for ; next < len(results) && job.dryRun; next++ {
		emit(next)
	}
	prog.stop()
	if printErr != nil {
		return printErr
	}

	var ok, failed, unconfirmed []string
	var notStarted []bulkItem
	for i, r := range results {
		switch {
		case r == nil || r.Skipped:
			notStarted = append(notStarted, job.items[i])
		case r.OK:
			ok = append(ok, job.items[i].id)
		default:
			failed = append(failed, job.items[i].id)
			if r.Unconfirmed {
				unconfirmed = append(unconfirmed, job.items[i].id)
			}
		}
	}
	stopped := ""
	if cause := context.Cause(jobCtx); cause != nil {
		stopped = "interrupted"
		if tl, isTooLong := errors.AsType[*waitTooLongError](cause); isTooLong {
			stopped = "stopped: " + tl.Error()
		}
	}
	if a.json {
		for _, it := range notStarted {
			if err := pr.jsonLine(bulkResult{ID: it.key, UserID: it.userID, Skipped: true, DryRun: job.dryRun, Error: &errorJSON{Message: "not started: " + stopped}}); err != nil {
				return err
			}
		}
	}
	a.bulkSummary(job, len(ok), failed, unconfirmed, notStarted, stopped, a.now().Sub(start))
	if len(failed) > 0 || len(notStarted) > 0 {
		return &exitError{code: exitPartial}
	}
	return nil
}

// bulkOne does one item, under the job's context: the SDK paces it and
// retries it, and a wait the API asks for beyond the job's cap stops the
// job. An item stopped before anything was done on the server is left
// not started; one whose request got no answer is unconfirmed.
func (a *app) bulkOne(jobCtx, inflight context.Context, stop context.CancelCauseFunc, job bulkJob, it bulkItem) bulkResult {
	res := bulkResult{ID: it.key, UserID: it.userID, DryRun: job.dryRun}
	if jobCtx.Err() != nil {
		res.Skipped = true
		return res
	}
	out, err := job.do(jobCtx, it)
	switch {
	case err == nil:
		res.OK, res.Action, res.Detail = true, out.action, out.detail
	case unanswered(err):
		res.Unconfirmed = true
		msg := oneLine(err.Error())
		if errors.Is(context.Cause(inflight), errCutShort) {
			msg = "interrupted while in flight"
		}
		res.Error = &errorJSON{Message: msg + ": the outcome is unknown; run it again"}
	case jobCtx.Err() != nil && notActedOn(err):
		res.Skipped = true
	default:
		if tl := tooLong(err, job.maxWait); tl != nil {
			stop(tl)
		}
		res.Error = errorObject(err)
	}
	return res
}

// printResult prints one item's result.
func (a *app) printResult(pr *printer, it bulkItem, r bulkResult) error {
	if a.json {
		return pr.jsonLine(r)
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
	if r.Error != nil {
		line += "  " + describeResultError(r.Error)
	}
	_, err := fmt.Fprintln(a.stdout, line)
	return err
}

// describeResultError is an item's error on one line.
func describeResultError(e *errorJSON) string {
	var b strings.Builder
	if e.Status != 0 {
		fmt.Fprintf(&b, "%d ", e.Status)
	}
	if e.Code != "" {
		b.WriteString(e.Code + ": ")
	}
	b.WriteString(e.Message)
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	return b.String()
}

// bulkSummary prints the final summary: on stdout with a table, on stderr
// with --json so that stdout holds only result lines.
func (a *app) bulkSummary(job bulkJob, ok int, failed, unconfirmed []string, notStarted []bulkItem, stopped string, took time.Duration) {
	w := a.stdout
	if a.json {
		w = a.stderr
	}
	total := len(job.items)
	doneCount := ok + len(failed)
	var b strings.Builder
	b.WriteString(job.name)
	if job.dryRun {
		b.WriteString(" (dry run, nothing was changed)")
	}
	if stopped != "" {
		b.WriteString(": " + stopped)
	}
	fmt.Fprintf(&b, ": %d of %d done: %d ok, %d failed", doneCount, total, ok, len(failed))
	if len(unconfirmed) > 0 {
		fmt.Fprintf(&b, " (%d of them unconfirmed)", len(unconfirmed))
	}
	if len(notStarted) > 0 {
		fmt.Fprintf(&b, ", %d not started", len(notStarted))
	}
	fmt.Fprintf(&b, "; %d rate-limited (429) responses; took %s", job.calls.rateLimited(), took.Round(time.Millisecond))
	fmt.Fprintln(w, b.String())
	if len(failed) > 0 {
		fmt.Fprintf(w, "failed: %s\n", strings.Join(failed, " "))
	}
	if len(unconfirmed) > 0 {
		fmt.Fprintf(w, "unconfirmed (sent, no answer; may have been done): %s\n", strings.Join(unconfirmed, " "))
	}
	if len(notStarted) > 0 {
		ids := make([]string, len(notStarted))
		for i, it := range notStarted {
			ids[i] = it.id
		}
		fmt.Fprintf(w, "not started: %s\n", strings.Join(ids, " "))
	}
}

// bulkProgress draws "done/total, failures, current wait" on stderr when it
// is a terminal.
type bulkProgress struct {
	*liveLine
	mu     sync.Mutex
	done   int
	failed int
}

func newBulkProgress(a *app, job bulkJob) *bulkProgress {
	p := &bulkProgress{}
	p.liveLine = newLiveLine(a.stderr, a.terminal, func() string {
		p.mu.Lock()
		line := fmt.Sprintf("%s: %d/%d done, %d failed", job.name, p.done, len(job.items), p.failed)
		p.mu.Unlock()
		if w := job.calls.waiting(); w > 0 {
			line += fmt.Sprintf(", waiting %s for the rate limit", w.Round(time.Second))
		}
		return line
	})
	return p
}

// add counts a result and redraws.
func (p *bulkProgress) add(ok bool) {
	p.mu.Lock()
	p.done++
	if !ok {
		p.failed++
	}
	p.mu.Unlock()
	p.redraw()
}
