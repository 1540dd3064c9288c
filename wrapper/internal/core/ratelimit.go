package core

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// RateLimitHeaders names the headers an API reports its rate-limit state
// in: for each of the limit, the remaining budget and the reset (in
// seconds), the first name present is read.
type RateLimitHeaders struct {
	Limit, Remaining, Reset []string
}

// Parse reads the rate-limit state from h (the reset clamped to a year).
// Malformed or negative values are ignored.
func (n RateLimitHeaders) Parse(h http.Header) sessionkit.RateLimit {
	return n.parse(h).RateLimit
}

// rateLimit is a response's rate-limit state with what it actually said:
// a missing remaining budget or reset is unknown, not 0.
type rateLimit struct {
	sessionkit.RateLimit
	hasRemaining, hasReset bool
}

func (n RateLimitHeaders) parse(h http.Header) rateLimit {
	var rl rateLimit
	set := func(dst *int, keys []string) bool {
		for _, k := range keys {
			// The leading integer, tolerating structured forms like "700, 700;w=60".
			v := strings.TrimSpace(h.Get(k))
			end := 0
			for end < len(v) && end < 18 && v[end] >= '0' && v[end] <= '9' {
				end++
			}
			if end == 0 {
				continue // not a number (and Atoi("") would allocate its error)
			}
			if v, err := strconv.Atoi(v[:end]); err == nil {
				*dst, rl.Present = v, true
				return true
			}
		}
		return false
	}
	set(&rl.Limit, n.Limit)
	rl.hasRemaining = set(&rl.Remaining, n.Remaining)
	var secs int
	rl.hasReset = set(&secs, n.Reset)
	rl.Reset = min(time.Duration(min(secs, int(sessionkit.MaxRetryAfter/time.Second)))*time.Second, sessionkit.MaxRetryAfter)
	return rl
}

// pacer is a client's rate limiter, shared by its calls: a fixed interval
// between requests (WithRateLimit), or one that observe adapts to the
// rate-limit headers of every response (sessionkit.Adaptive).
type pacer struct {
	cfg sessionkit.Adaptive

	mu       sync.Mutex
	interval time.Duration // between two requests
	next     time.Time     // the earliest time of the next request
	resetAt  time.Time     // when the budget is known to be back
}

// observe adjusts the pace to a response's rate-limit state: the usable
// budget (beyond the reserve) spread until the reset, between MinInterval
// and MaxInterval (the window when 0); none left waits for the reset.
func (p *pacer) observe(rl rateLimit, now time.Time) {
	if !rl.hasRemaining {
		return
	}
	reset := p.cfg.Window
	if rl.hasReset && rl.Reset > 0 {
		reset = min(rl.Reset, p.cfg.Window)
	}
	reserve := p.cfg.Reserve
	if reserve <= 0 {
		reserve = max(4, rl.Limit/50)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	usable := rl.Remaining - reserve
	if usable <= 0 {
		p.resetAt, p.interval = now.Add(reset), 0
		return
	}
	maxIv := p.cfg.MaxInterval
	if maxIv <= 0 {
		maxIv = p.cfg.Window
	}
	p.interval = max(min(reset/time.Duration(usable), maxIv), p.cfg.MinInterval)
	p.resetAt = time.Time{}
}

// wait blocks until the next request may go, telling told of a wait. A
// wait that would end after ctx's deadline is not started (nor is the slot
// taken): the error is a *sessionkit.PacingError saying how long it would
// have been. A wait that ctx ends gives its slot back unless a later
// caller took the next one.
func (p *pacer) wait(ctx context.Context, api string, told func(time.Duration)) error {
	p.mu.Lock()
	now := time.Now()
	at := now
	if p.resetAt.After(at) {
		at = p.resetAt
	}
	if p.next.After(at) {
		at = p.next
	}
	if dl, ok := ctx.Deadline(); ok && at.After(now) && at.After(dl) {
		p.mu.Unlock()
		return &sessionkit.PacingError{API: api, Wait: at.Sub(now)}
	}
	prev := p.next
	p.next = at.Add(max(p.interval, p.cfg.MinInterval))
	mine := p.next
	p.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		told(d)
	}
	err := Sleep(ctx, at.Sub(now))
	if err != nil {
		p.mu.Lock()
		if p.next.Equal(mine) {
			p.next = prev
		}
		p.mu.Unlock()
	}
	return err
}
