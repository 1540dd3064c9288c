package core

import (
	"context"
	"math"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Sleep waits for d or until ctx is done, whichever comes first, with a
// timer (never time.Sleep); it returns ctx.Err() when ctx ended the wait.
// Wrappers use it between polls (WaitReady).
func Sleep(ctx context.Context, d time.Duration) error {
	if ctx == nil {
		return invalid("ctx", nil, "must not be nil")
	}
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// backoff returns the wait after failed attempt number attempt (1-based)
// under a normalized policy: InitialBackoff × Multiplier^(attempt−1),
// capped at MaxBackoff, then reduced by up to Jitter of itself using r (a
// uniform value in [0, 1); any other value, from a broken source, means no
// jitter, and so does a negative Jitter).
func backoff(p *sessionkit.RetryPolicy, attempt int, r float64) time.Duration {
	// A normalized policy has InitialBackoff > 0 and a finite Multiplier
	// >= 1: d is never NaN, and +Inf (a huge attempt) is capped.
	d := min(float64(p.InitialBackoff)*math.Pow(p.Multiplier, float64(max(attempt, 1)-1)), float64(p.MaxBackoff))
	if !(r < 1) { // r >= 1 or NaN
		r = 0
	}
	return time.Duration(d - d*max(p.Jitter, 0)*max(r, 0))
}
