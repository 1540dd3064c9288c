package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// rateLimitFunc reads an API's rate-limit headers (the SDK's parser).
type rateLimitFunc func(http.Header) sessionkit.RateLimit

// pacer sits in the transport of a client and watches every response for
// the API's rate-limit signals: a 429 or 503 with Retry-After, or a spent
// budget (no requests remaining, with the time to the reset). Bulk workers
// call wait before each item so that they hold off together until the
// budget is back, instead of bouncing off 429s. It counts the 429s it saw
// for the summary. It reads the headers with the SDK's own parsers.
//
// Whatever a server asks for is recorded as it is; wait refuses a hold
// longer than the job's cap instead of making it.
type pacer struct {
	next      http.RoundTripper
	now       func() time.Time
	rateLimit rateLimitFunc

	mu        sync.Mutex
	until     time.Time // no new item before this
	source    string    // what set until: "Retry-After", "rate-limit reset", "a 429"
	tooMany   int       // 429 responses seen
	responses int       // responses seen
}

func newPacer(now func() time.Time) *pacer {
	return &pacer{now: now, rateLimit: zendesk.ParseRateLimit}
}

// watch returns next (nil: the default transport) with p watching its
// responses, read with rateLimit.
func (p *pacer) watch(next http.RoundTripper, rateLimit rateLimitFunc) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	p.next = next
	p.rateLimit = rateLimit
	return p
}

// RoundTrip sends req and observes the response.
func (p *pacer) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := p.next.RoundTrip(req)
	if err == nil {
		p.observe(resp.StatusCode, resp.Header)
	}
	return resp, err
}

// observe records what a response says about the budget.
func (p *pacer) observe(status int, h http.Header) {
	now := p.now()
	var (
		hold   time.Duration
		source string
	)
	rl := p.rateLimit(h)
	spent := rl.Present && rl.Remaining == 0 && rl.Reset > 0
	switch {
	case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
		hold, _ = sessionkit.ParseRetryAfter(h.Get("Retry-After"), now)
		source = "Retry-After"
		switch {
		case hold > 0:
		case spent: // no Retry-After: the budget's reset says how long
			hold, source = rl.Reset, "rate-limit reset"
		case status == http.StatusTooManyRequests:
			hold, source = time.Second, "a 429"
		}
	case spent:
		hold, source = rl.Reset, "rate-limit reset"
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.responses++
	if status == http.StatusTooManyRequests {
		p.tooMany++
	}
	if hold > 0 && now.Add(hold).After(p.until) {
		p.until, p.source = now.Add(hold), source
	}
}

// holdFor makes the pacer hold off for at least d from now, because of
// source.
func (p *pacer) holdFor(d time.Duration, source string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := p.now().Add(d); t.After(p.until) {
		p.until, p.source = t, source
	}
}

// waiting is how long the pacer still holds off; 0 when it does not.
func (p *pacer) waiting() time.Duration {
	d, _ := p.hold()
	return d
}

// hold is how long the pacer still holds off, and why.
func (p *pacer) hold() (time.Duration, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return max(0, p.until.Sub(p.now())), p.source
}

// rateLimited is the number of 429 responses seen.
func (p *pacer) rateLimited() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tooMany
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

// wait returns once the pacer no longer holds off, or with ctx's error.
// A hold longer than limit is not waited for: wait returns a
// *waitTooLongError at once.
func (p *pacer) wait(ctx context.Context, limit time.Duration) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, source := p.hold()
		if d <= 0 {
			return nil
		}
		if d > limit {
			return &waitTooLongError{wait: d, limit: limit, source: source}
		}
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}
