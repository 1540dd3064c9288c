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
// uniform value in [0, 1)).
func backoff(p *sessionkit.RetryPolicy, attempt int, r float64) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	d := float64(p.InitialBackoff) * math.Pow(p.Multiplier, float64(attempt-1))
	if math.IsNaN(d) || d > float64(p.MaxBackoff) {
		d = float64(p.MaxBackoff)
	}
	if p.Jitter > 0 {
		if r < 0 || r >= 1 || math.IsNaN(r) {
			r = 0
		}
		d -= d * p.Jitter * r
	}
	return time.Duration(d)
}
