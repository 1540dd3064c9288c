package core

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// pacedDoer answers every request 200 with header and records when each
// request arrived.
type pacedDoer struct {
	header http.Header
	mu     sync.Mutex
	at     []time.Time
}

func (d *pacedDoer) Do(req *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.at = append(d.at, time.Now())
	d.mu.Unlock()
	return fakeResponse(req, 200, d.header.Clone(), "{}"), nil
}

// gaps returns the time between consecutive requests.
func (d *pacedDoer) gaps() []time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []time.Duration
	for i := 1; i < len(d.at); i++ {
		out = append(out, d.at[i].Sub(d.at[i-1]))
	}
	return out
}

// TestAdaptivePacingBounds: every wait the adaptive pacer derives from a
// server's headers is bounded: hostile or partial headers (negative, NaN,
// huge, overflowing, missing) never make the next call wait more than the
// window, and a header set without a remaining budget does not slow the
// client at all.
func TestAdaptivePacingBounds(t *testing.T) {
	tests := []struct {
		name    string
		header  http.Header
		maxIv   time.Duration
		maxWait time.Duration
	}{
		{"only X-Rate-Limit", http.Header{"X-Rate-Limit": {"700"}}, 0, time.Second},
		{"only ratelimit-reset: 30", http.Header{"Ratelimit-Reset": {"30"}}, 0, time.Second},
		{"nothing", http.Header{}, 0, time.Second},
		{"negative remaining", http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"-5"}}, 0, time.Second},
		{"NaN remaining", http.Header{"X-Rate-Limit-Remaining": {"NaN"}, "Ratelimit-Reset": {"NaN"}}, 0, time.Second},
		{"overflowing remaining", http.Header{"X-Rate-Limit-Remaining": {"99999999999999999999999999"}}, 0, time.Second},
		{"remaining 0, reset 10^11 s", http.Header{"X-Rate-Limit-Remaining": {"0"}, "Ratelimit-Reset": {"100000000000"}}, 0, time.Minute},
		{"remaining 0, negative reset", http.Header{"X-Rate-Limit-Remaining": {"0"}, "Ratelimit-Reset": {"-30"}}, 0, time.Minute},
		{"remaining 0, no reset", http.Header{"X-Rate-Limit-Remaining": {"0"}}, 0, time.Minute},
		{"MaxInterval 0 is the window", http.Header{"X-Rate-Limit": {"10"}, "X-Rate-Limit-Remaining": {"5"}, "Ratelimit-Reset": {"100000000000"}}, 0, time.Minute},
		{"MaxInterval caps", http.Header{"X-Rate-Limit": {"10"}, "X-Rate-Limit-Remaining": {"5"}, "Ratelimit-Reset": {"100000000000"}}, 5 * time.Second, 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				d := &pacedDoer{header: tt.header}
				e := testEngine(t, d, AdaptiveRateLimit(sessionkit.Adaptive{MaxInterval: tt.maxIv}))
				for range 4 {
					if err := get(t, e, t.Context()); err != nil {
						t.Fatal(err)
					}
				}
				for i, g := range d.gaps() {
					if g > tt.maxWait {
						t.Errorf("request %d waited %s after the previous one, want at most %s", i+2, g, tt.maxWait)
					}
				}
			})
		})
	}
}

// TestPacingWaitPastTheDeadlineIsNotStarted: with no budget left and a
// reset of 10^11 s, a call with a 10 s deadline fails at once with a
// *PacingError saying how long it would have waited (capped at the
// window), matching ErrRateLimited and context.DeadlineExceeded; with
// WithRateLimit the same holds.
func TestPacingWaitPastTheDeadlineIsNotStarted(t *testing.T) {
	for _, o := range []Option{AdaptiveRateLimit(sessionkit.Adaptive{}), RateLimit(1)} {
		t.Run(o.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				d := &pacedDoer{header: http.Header{"X-Rate-Limit-Remaining": {"0"}, "Ratelimit-Reset": {"100000000000"}}}
				e := testEngine(t, d, o)
				if err := get(t, e, t.Context()); err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
				defer cancel()
				start := time.Now()
				err := get(t, e, ctx)
				if waited := time.Since(start); waited > time.Second {
					t.Errorf("returned after %s, want at once", waited)
				}
				pe, ok := errors.AsType[*sessionkit.PacingError](err)
				if !ok || pe.Wait <= 10*time.Second || pe.Wait > time.Minute || pe.API != "test" {
					t.Fatalf("err = %v, want a *PacingError with a wait over the deadline and at most a minute", err)
				}
				if !errors.Is(err, sessionkit.ErrRateLimited) || !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("err = %v, want it to match ErrRateLimited and context.DeadlineExceeded", err)
				}
				if len(d.at) != 1 {
					t.Errorf("%d requests sent, want 1", len(d.at))
				}
				// A caller without a deadline waits, and is sent.
				if err := get(t, e, t.Context()); err != nil {
					t.Fatal(err)
				}
			})
		})
	}
}

// FuzzAdaptivePacing feeds arbitrary rate-limit header values to the
// pacer: the wait it then asks for is never negative and never longer
// than the window.
func FuzzAdaptivePacing(f *testing.F) {
	f.Add("700", "0", "100000000000")
	f.Add("", "5", "-1")
	f.Add("NaN", "99999999999999999999", "1e9")
	f.Add("10", "", "30")
	f.Fuzz(func(t *testing.T, limit, remaining, reset string) {
		h := http.Header{}
		for k, v := range map[string]string{"X-Rate-Limit": limit, "X-Rate-Limit-Remaining": remaining, "Ratelimit-Reset": reset} {
			if v != "" {
				h.Set(k, v)
			}
		}
		api := testAPI(testBase)
		p := newPacer(sessionkit.Adaptive{})
		now := time.Now()
		p.observe(api.RateLimit.parse(h), now)
		p.mu.Lock()
		defer p.mu.Unlock()
		if w := p.resetAt.Sub(now); !p.resetAt.IsZero() && (w < 0 || w > time.Minute) {
			t.Fatalf("headers %v: waits %s for the reset, want at most the window", h, w)
		}
		if p.interval < 0 || p.interval > time.Minute {
			t.Fatalf("headers %v: interval %s, want within [0, window]", h, p.interval)
		}
	})
}
