package main

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// maxHold is the longest Retry-After the pacer believes; a longer one is
// taken as no Retry-After at all.
const maxHold = 24 * time.Hour

// pacer sits in the transport of a client and watches every response for
// the API's rate-limit signals: a 429 or 503 with Retry-After, or a spent
// budget (no requests remaining, with the time to the reset). Bulk workers
// call wait before each item so that they hold off together until the
// budget is back, instead of bouncing off 429s. It counts the 429s it saw
// for the summary. It reads the headers with the SDK's own parsers.
type pacer struct {
	next      http.RoundTripper
	now       func() time.Time
	rateLimit func(http.Header) sessionkit.RateLimit

	mu        sync.Mutex
	until     time.Time // no new item before this
	tooMany   int       // 429 responses seen
	responses int       // responses seen
}

func newPacer(now func() time.Time) *pacer {
	return &pacer{now: now, rateLimit: zendesk.ParseRateLimit}
}

// watch returns the HTTP client a command's SDK client sends through: hc
// (nil: the SDK's default) with p watching its responses. It stays an
// *http.Client, so the SDK's refusal of redirects to another origin still
// applies. A nil p gives hc as it is.
func (p *pacer) watch(hc *http.Client, rateLimit func(http.Header) sessionkit.RateLimit) *http.Client {
	if p == nil {
		return hc
	}
	c := &http.Client{}
	if hc != nil {
		*c = *hc
	}
	p.next = c.Transport
	if p.next == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = maxConcurrency // one idle connection per worker
		p.next = t
	}
	p.rateLimit = rateLimit
	c.Transport = p
	return c
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
	var hold time.Duration
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		hold, _ = retryAfter(h.Get("Retry-After"), now)
		if status == http.StatusTooManyRequests && hold == 0 {
			hold = time.Second
		}
	} else if rl := p.rateLimit(h); rl.Present && rl.Remaining == 0 && rl.Reset > 0 {
		hold = rl.Reset
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.responses++
	if status == http.StatusTooManyRequests {
		p.tooMany++
	}
	if hold > 0 && now.Add(hold).After(p.until) {
		p.until = now.Add(hold)
	}
}

// holdFor makes the pacer hold off for at least d from now.
func (p *pacer) holdFor(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := p.now().Add(d); t.After(p.until) {
		p.until = t
	}
}

// waiting is how long the pacer still holds off; 0 when it does not.
func (p *pacer) waiting() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return max(0, p.until.Sub(p.now()))
}

// rateLimited is the number of 429 responses seen.
func (p *pacer) rateLimited() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tooMany
}

// wait returns once the pacer no longer holds off, or with ctx's error.
func (p *pacer) wait(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := p.waiting()
		if d <= 0 {
			return nil
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

// retryAfter parses a Retry-After value as the SDK does, believing no
// wait longer than maxHold.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	d, ok := sessionkit.ParseRetryAfter(v, now)
	if !ok || d > maxHold {
		return 0, false
	}
	return d, true
}
