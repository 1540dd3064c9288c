package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// pacer sits under a client and watches every response for the API's
// rate-limit signals: a 429 or 503 with Retry-After, or a spent budget
// (ratelimit-remaining or X-Rate-Limit-Remaining at 0 with ratelimit-reset).
// Bulk workers call wait before each item so that they hold off together
// until the budget is back, instead of bouncing off 429s. It counts the
// 429s it saw for the summary.
type pacer struct {
	next doer
	now  func() time.Time

	mu        sync.Mutex
	until     time.Time // no new item before this
	tooMany   int       // 429 responses seen
	responses int       // responses seen
}

func newPacer(now func() time.Time) *pacer { return &pacer{now: now} }

// Do sends req and observes the response.
func (p *pacer) Do(req *http.Request) (*http.Response, error) {
	resp, err := p.next.Do(req)
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
		hold, _ = parseRetryAfter(h.Get("Retry-After"), now)
		if status == http.StatusTooManyRequests && hold == 0 {
			hold = time.Second
		}
	} else if remaining, ok := headerInt(h, "Ratelimit-Remaining", "X-Rate-Limit-Remaining"); ok && remaining == 0 {
		if reset, ok := headerInt(h, "Ratelimit-Reset"); ok && reset > 0 {
			hold = time.Duration(reset) * time.Second
		}
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

// headerInt returns the first of the headers that holds an integer.
func headerInt(h http.Header, keys ...string) (int, bool) {
	for _, k := range keys {
		if v, err := strconv.Atoi(strings.TrimSpace(h.Get(k))); err == nil {
			return v, true
		}
	}
	return 0, false
}

// parseRetryAfter parses Retry-After: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 || n > 24*3600 {
			return 0, false
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(0, t.Sub(now)), true
}
