package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// Bulk defaults and bounds.
const (
	defaultConcurrency = 4
	maxConcurrency     = 64
	// maxRateLimitRounds is how many times one item goes back to the queue
	// after a 429 before it counts as failed.
	maxRateLimitRounds = 20
)

// bulkFlags are the flags every bulk command has.
type bulkFlags struct {
	concurrency int
	dryRun      bool
	perMinute   int
}

func (f *bulkFlags) add(cmd *cobra.Command) {
	cmd.Flags().IntVar(&f.concurrency, "concurrency", defaultConcurrency, fmt.Sprintf("requests in flight at once (1 to %d)", maxConcurrency))
	cmd.Flags().BoolVar(&f.dryRun, "dry-run", false, "list what would be done; send nothing destructive")
	cmd.Flags().IntVar(&f.perMinute, "rate-limit", 0, "send at most this many requests a minute (0: pace by the API's headers only)")
}

// check validates the flags.
func (f *bulkFlags) check() error {
	if f.concurrency < 1 || f.concurrency > maxConcurrency {
		return usagef("--concurrency %d: must be from 1 to %d", f.concurrency, maxConcurrency)
	}
	if f.perMinute < 0 {
		return usagef("--rate-limit %d: must be 0 (none) or more", f.perMinute)
	}
	return nil
}

// bulkItem is one item of a bulk command.
type bulkItem struct {
	id  string // as printed in tables
	key any    // as printed in JSON: a number for Zendesk users, a string for sessions
}

// bulkResult is the JSON line of one item. Its shape is stable: pipe the
// lines with "ok": false back into the command to retry them.
type bulkResult struct {
	ID      any        `json:"id"`
	OK      bool       `json:"ok"`
	DryRun  bool       `json:"dry_run,omitempty"`
	Skipped bool       `json:"skipped,omitempty"`
	Detail  string     `json:"detail,omitempty"`
	Error   *errorJSON `json:"error,omitempty"`
}

// bulkJob is a bulk command's work.
type bulkJob struct {
	name        string
	items       []bulkItem
	concurrency int
	dryRun      bool
	pacer       *pacer
	// do does one item, or with dryRun checks it and says what would be
	// done, returning a detail for the output.
	do func(ctx context.Context, it bulkItem) (string, error)
}

// runBulk runs job with its workers and prints one result per item as it
// completes, a progress line on a terminal, and a summary. An interrupt
// (ctx done) starts no new item, lets the requests in flight finish and
// reports the items not started. It returns an exit code 3 error when some
// item failed or was not started.
func (a *app) runBulk(ctx context.Context, job bulkJob) error {
	start := a.now()
	// Requests in flight are not cut short by an interrupt: the item's
	// outcome is then known. Waits between requests are.
	inflight := context.WithoutCancel(ctx)

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
				out <- done{i, a.bulkOne(ctx, inflight, job, job.items[i])}
			}
		})
	}
	go func() {
		defer close(work)
		for i := range job.items {
			if ctx.Err() != nil {
				return // a free worker and an interrupt at once: stop
			}
			select {
			case work <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	pr := a.printer()
	prog := newProgress(a, job)
	defer prog.stop()
	results := make([]*bulkResult, len(job.items))
	var printErr error
	for d := range out { // read every result, even after a failed write, so no worker is left blocked
		results[d.i] = &d.r
		if d.r.Skipped || printErr != nil {
			continue
		}
		prog.clear()
		printErr = a.printResult(pr, job.items[d.i], d.r)
		prog.add(d.r.OK)
	}
	prog.stop()
	if printErr != nil {
		return printErr
	}

	var ok, failed []string
	var notStarted []bulkItem
	for i, r := range results {
		switch {
		case r == nil || r.Skipped:
			notStarted = append(notStarted, job.items[i])
		case r.OK:
			ok = append(ok, job.items[i].id)
		default:
			failed = append(failed, job.items[i].id)
		}
	}
	if a.json {
		for _, it := range notStarted {
			if err := pr.jsonLine(bulkResult{ID: it.key, Skipped: true, Error: &errorJSON{Message: "not started: interrupted"}}); err != nil {
				return err
			}
		}
	}
	a.bulkSummary(job, len(ok), failed, notStarted, ctx.Err() != nil, a.now().Sub(start))
	if len(failed) > 0 || len(notStarted) > 0 {
		return &exitError{code: exitPartial}
	}
	return nil
}

// bulkOne does one item, going back to the pacer after a 429 until the
// budget allows it. An interrupt while waiting leaves it not started.
func (a *app) bulkOne(ctx, inflight context.Context, job bulkJob, it bulkItem) bulkResult {
	for round := 1; ; round++ {
		if err := job.pacer.wait(ctx); err != nil {
			return bulkResult{ID: it.key, Skipped: true}
		}
		detail, err := job.do(inflight, it)
		if err == nil {
			return bulkResult{ID: it.key, OK: true, DryRun: job.dryRun, Detail: detail}
		}
		if errors.Is(err, zendesk.ErrRateLimited) && round < maxRateLimitRounds {
			wait := time.Second
			if e, ok := apiError(err); ok && e.RetryAfter > 0 {
				wait = e.RetryAfter
			}
			job.pacer.holdFor(wait)
			continue
		}
		return bulkResult{ID: it.key, DryRun: job.dryRun, Error: errorObject(err)}
	}
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
		state = "would"
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
func (a *app) bulkSummary(job bulkJob, ok int, failed []string, notStarted []bulkItem, interrupted bool, took time.Duration) {
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
	if interrupted {
		b.WriteString(": interrupted")
	}
	fmt.Fprintf(&b, ": %d of %d done: %d ok, %d failed", doneCount, total, ok, len(failed))
	if len(notStarted) > 0 {
		fmt.Fprintf(&b, ", %d not started", len(notStarted))
	}
	fmt.Fprintf(&b, "; %d rate-limited (429) responses; took %s", job.pacer.rateLimited(), took.Round(time.Millisecond))
	fmt.Fprintln(w, b.String())
	if len(failed) > 0 {
		fmt.Fprintf(w, "failed: %s\n", strings.Join(failed, " "))
	}
	if len(notStarted) > 0 {
		ids := make([]string, len(notStarted))
		for i, it := range notStarted {
			ids[i] = it.id
		}
		fmt.Fprintf(w, "not started: %s\n", strings.Join(ids, " "))
	}
}

// progress draws "done/total, failures, current wait" on stderr when it is
// a terminal, redrawn on every result and twice a second.
type progress struct {
	w       io.Writer
	enabled bool
	name    string
	total   int
	pacer   *pacer

	mu     sync.Mutex
	done   int
	failed int
	quit   chan struct{}
	ended  sync.WaitGroup
	closed bool
}

func newProgress(a *app, job bulkJob) *progress {
	p := &progress{w: a.stderr, enabled: a.terminal, name: job.name, total: len(job.items), pacer: job.pacer, quit: make(chan struct{})}
	if p.enabled {
		p.draw()
		p.ended.Go(func() {
			t := time.NewTicker(500 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					p.draw()
				case <-p.quit:
					return
				}
			}
		})
	}
	return p
}

// add counts a result and redraws.
func (p *progress) add(ok bool) {
	p.mu.Lock()
	p.done++
	if !ok {
		p.failed++
	}
	p.mu.Unlock()
	p.draw()
}

// draw redraws the line.
func (p *progress) draw() {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	line := fmt.Sprintf("%s: %d/%d done, %d failed", p.name, p.done, p.total, p.failed)
	if w := p.pacer.waiting(); w > 0 {
		line += fmt.Sprintf(", waiting %s for the rate limit", w.Round(time.Second))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
}

// clear erases the line, before other output.
func (p *progress) clear() {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// stop erases the line for good and ends the redrawing.
func (p *progress) stop() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	p.mu.Unlock()
	if p.enabled {
		close(p.quit)
		p.ended.Wait()
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
