package core

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit is the rate-limit state a response reported.
type RateLimit struct {
	// Limit is the number of requests allowed in the window (per minute on Zendesk).
	Limit int
	// Remaining is the number of requests left in the window.
	Remaining int
	// Reset is how long until the window resets, when the server says.
	Reset time.Duration
	// Present is true when the response carried any rate-limit header.
	Present bool
}

// ParseRateLimit reads the rate-limit headers of a response: Zendesk's
// account-wide X-Rate-Limit and X-Rate-Limit-Remaining, the endpoint-level
// ratelimit-limit, ratelimit-remaining and ratelimit-reset (seconds), and
// the common X-RateLimit-Limit and X-RateLimit-Remaining. When both an
// account-wide and an endpoint-level value are present the endpoint-level
// one wins, being the tighter. Malformed or negative values are ignored.
func ParseRateLimit(h http.Header) RateLimit {
	var rl RateLimit
	set := func(dst *int, keys ...string) {
		for _, k := range keys {
			if n, ok := headerInt(h, k); ok {
				*dst = n
				rl.Present = true
				return
			}
		}
	}
	set(&rl.Limit, "Ratelimit-Limit", "X-Rate-Limit", "X-Ratelimit-Limit")
	set(&rl.Remaining, "Ratelimit-Remaining", "X-Rate-Limit-Remaining", "X-Ratelimit-Remaining")
	if n, ok := headerInt(h, "Ratelimit-Reset"); ok {
		rl.Present = true
		if n > int(maxRetryAfter/time.Second) {
			n = int(maxRetryAfter / time.Second)
		}
		rl.Reset = time.Duration(n) * time.Second
	}
	return rl
}

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
	if err != nil {
		return 0, false
	}
	return n, true
}

// newLimiter returns the limiter behind WithRateLimit: perMinute requests a
// minute, evenly spaced (burst 1).
func newLimiter(perMinute int) *rate.Limiter {
	return rate.NewLimiter(rate.Limit(float64(perMinute)/60), 1)
}

// waitLimiter waits for the limiter, honouring ctx. When the wait would
// outlast ctx's deadline the error wraps context.DeadlineExceeded.
func waitLimiter(ctx context.Context, l *rate.Limiter) error {
	if l == nil {
		return nil
	}
	err := l.Wait(ctx)
	if err == nil {
		return nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return fmt.Errorf("sessions: rate limiter: %w", ctxErr)
	}
	if ctx.Err() == nil {
		if _, ok := ctx.Deadline(); ok {
			return fmt.Errorf("sessions: rate limiter: %v: %w", err, context.DeadlineExceeded)
		}
	}
	return fmt.Errorf("sessions: rate limiter: %w", err)
}
