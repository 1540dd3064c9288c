package core

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"golang.org/x/time/rate"
)

// headerInt parses the leading non-negative integer of a header value,
// tolerating structured forms like "700, 700;w=60".
func headerInt(h http.Header, key string) (int, bool) {
	v := strings.TrimSpace(h.Get(key))
	end := 0
	for end < len(v) && end < 18 && v[end] >= '0' && v[end] <= '9' {
		end++
	}
	if end == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(v[:end])
	return n, err == nil
}

// RateLimitFrom reads the first of each group of header names present:
// limit, remaining and reset (seconds, clamped to a year). Malformed or
// negative values are ignored.
func RateLimitFrom(h http.Header, limit, remaining, reset []string) sessionkit.RateLimit {
	var rl sessionkit.RateLimit
	set := func(dst *int, keys []string) {
		for _, k := range keys {
			if n, ok := headerInt(h, k); ok {
				*dst, rl.Present = n, true
				return
			}
		}
	}
	set(&rl.Limit, limit)
	set(&rl.Remaining, remaining)
	var secs int
	set(&secs, reset)
	rl.Reset = min(time.Duration(secs)*time.Second, sessionkit.MaxRetryAfter)
	return rl
}

// waitLimiter waits for the limiter, honouring ctx. When the wait would
// outlast ctx's deadline the error wraps context.DeadlineExceeded.
func waitLimiter(ctx context.Context, l *rate.Limiter) error {
	err := l.Wait(ctx)
	if err == nil || ctx.Err() != nil {
		if err != nil {
			return ctx.Err()
		}
		return nil
	}
	if _, ok := ctx.Deadline(); ok && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w: %w", err, context.DeadlineExceeded)
	}
	return err
}

// Adaptive is sessionkit.Adaptive, the settings of the adaptive pacer.
type Adaptive = sessionkit.Adaptive

// pacer is the adaptive rate limiter: one per client, shared by its calls.
type pacer struct {
	cfg Adaptive

	mu       sync.Mutex
	interval time.Duration // between two requests
	next     time.Time     // the earliest time of the next request
	resetAt  time.Time     // when the budget is known to be back
}

func newPacer(a Adaptive) *pacer {
	if a.Window <= 0 {
		a.Window = time.Minute
	}
	return &pacer{cfg: a}
}

// observe adjusts the pace to a response's rate-limit state.
func (p *pacer) observe(rl sessionkit.RateLimit, now time.Time) {
	if !rl.Present || rl.Limit <= 0 && rl.Remaining <= 0 && rl.Reset == 0 {
		return
	}
	reset := rl.Reset
	if reset <= 0 {
		reset = p.cfg.Window
	}
	reserve := p.cfg.Reserve
	if reserve <= 0 {
		reserve = max(4, rl.Limit/50)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	usable := rl.Remaining - reserve
	if usable <= 0 {
		p.resetAt = now.Add(reset)
		p.interval = 0
		return
	}
	iv := reset / time.Duration(usable)
	if p.cfg.MaxInterval > 0 {
		iv = min(iv, p.cfg.MaxInterval)
	}
	p.interval = max(iv, p.cfg.MinInterval)
	p.resetAt = time.Time{}
}

// wait blocks until the next request may go.
func (p *pacer) wait(ctx context.Context) error {
	p.mu.Lock()
	now := time.Now()
	at := now
	if !p.resetAt.IsZero() && p.resetAt.After(at) {
		at = p.resetAt
	}
	if p.next.After(at) {
		at = p.next
	}
	p.next = at.Add(max(p.interval, p.cfg.MinInterval))
	p.mu.Unlock()
	return Sleep(ctx, at.Sub(now))
}
