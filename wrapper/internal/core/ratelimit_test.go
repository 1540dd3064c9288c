package core

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// The header names the wrappers read, in their order of precedence: the
// endpoint-level ratelimit-* first, then Zendesk's account-wide
// X-Rate-Limit and the game server's X-RateLimit-*.
var (
	limitKeys     = []string{"Ratelimit-Limit", "X-Rate-Limit", "X-Ratelimit-Limit"}
	remainingKeys = []string{"Ratelimit-Remaining", "X-Rate-Limit-Remaining", "X-Ratelimit-Remaining"}
	resetKeys     = []string{"Ratelimit-Reset", "X-Ratelimit-Reset"}
)

func ParseRateLimit(h http.Header) sessionkit.RateLimit {
	return RateLimitHeaders{limitKeys, remainingKeys, resetKeys}.Parse(h)
}

func TestRateLimitHeaders(t *testing.T) {
	type RateLimit = sessionkit.RateLimit
	tests := []struct {
		name string
		h    http.Header
		want RateLimit
	}{
		{"none", http.Header{}, RateLimit{}},
		{"nil", nil, RateLimit{}},
		{"zendesk account", http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"699"}}, RateLimit{Limit: 700, Remaining: 699, Present: true}},
		{"endpoint wins", http.Header{
			"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"699"},
			"Ratelimit-Limit": {"100"}, "Ratelimit-Remaining": {"3"}, "Ratelimit-Reset": {"42"},
		}, RateLimit{Limit: 100, Remaining: 3, Reset: 42 * time.Second, Present: true}},
		{"lower-case keys via canonicalisation", func() http.Header {
			h := http.Header{}
			h.Set("ratelimit-limit", "10")
			h.Set("ratelimit-remaining", "0")
			return h
		}(), RateLimit{Limit: 10, Remaining: 0, Present: true}},
		{"structured", http.Header{"Ratelimit-Limit": {"700, 700;w=60"}}, RateLimit{Limit: 700, Present: true}},
		{"garbage", http.Header{"X-Rate-Limit": {"lots"}, "X-Rate-Limit-Remaining": {"-4"}}, RateLimit{}},
		{"github style", http.Header{"X-Ratelimit-Limit": {"5000"}, "X-Ratelimit-Remaining": {"4999"}}, RateLimit{Limit: 5000, Remaining: 4999, Present: true}},
		{"huge", http.Header{"X-Rate-Limit": {"99999999999999999999999"}, "Ratelimit-Reset": {"99999999999"}}, RateLimit{Limit: 999999999999999999, Reset: sessionkit.MaxRetryAfter, Present: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ParseRateLimit(tt.h)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzParseRateLimit feeds arbitrary rate-limit header values: no panic, no
// negative numbers, and Present only when a header was there.
func FuzzParseRateLimit(f *testing.F) {
	f.Add("700", "699", "", "", "")
	f.Add("", "", "2500", "0", "60")
	f.Add("-1", "abc", "99999999999999999999", " 5 ", "1.5")
	f.Fuzz(func(t *testing.T, limit, remaining, rlLimit, rlRemaining, rlReset string) {
		h := http.Header{}
		for k, v := range map[string]string{
			"X-Rate-Limit": limit, "X-Rate-Limit-Remaining": remaining,
			"Ratelimit-Limit": rlLimit, "Ratelimit-Remaining": rlRemaining, "Ratelimit-Reset": rlReset,
		} {
			if v != "" {
				h.Set(k, v)
			}
		}
		rl := ParseRateLimit(h)
		if rl.Limit < 0 || rl.Remaining < 0 || rl.Reset < 0 || rl.Reset > sessionkit.MaxRetryAfter {
			t.Fatalf("value out of range from %v: %+v", h, rl)
		}
		if len(h) == 0 && rl.Present {
			t.Fatalf("Present without headers: %+v", rl)
		}
	})
}

// TestPacerObserve pins the pace the adaptive pacer derives from one
// response: the usable budget (what remains above the reserve) spread over
// the reset (the window when there is none, or a longer one), within
// MinInterval and MaxInterval; no usable budget means waiting for the
// reset.
func TestPacerObserve(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	remaining := func(n int) rateLimit {
		return rateLimit{RateLimit: sessionkit.RateLimit{Limit: 100, Remaining: n, Present: true}, hasRemaining: true}
	}
	withReset := func(rl rateLimit, d time.Duration) rateLimit {
		rl.Reset, rl.hasReset = d, true
		return rl
	}
	tests := []struct {
		name         string
		cfg          sessionkit.Adaptive
		rl           rateLimit
		wantInterval time.Duration
		wantResetAt  time.Time
	}{
		{"no remaining budget said", sessionkit.Adaptive{}, rateLimit{RateLimit: sessionkit.RateLimit{Limit: 100, Present: true}}, 0, time.Time{}},
		{"default reserve of 4 over the window", sessionkit.Adaptive{}, remaining(14), 6 * time.Second, time.Time{}},
		{"default reserve of Limit/50", sessionkit.Adaptive{}, rateLimit{RateLimit: sessionkit.RateLimit{Limit: 1000, Remaining: 30, Present: true}, hasRemaining: true}, 6 * time.Second, time.Time{}},
		{"own reserve", sessionkit.Adaptive{Reserve: 10}, remaining(14), 15 * time.Second, time.Time{}},
		{"reset", sessionkit.Adaptive{}, withReset(remaining(14), 30*time.Second), 3 * time.Second, time.Time{}},
		{"reset 0 is the window", sessionkit.Adaptive{}, withReset(remaining(14), 0), 6 * time.Second, time.Time{}},
		{"reset past the window is the window", sessionkit.Adaptive{}, withReset(remaining(14), 2*time.Minute), 6 * time.Second, time.Time{}},
		{"one usable request waits the window", sessionkit.Adaptive{}, remaining(5), time.Minute, time.Time{}},
		{"MaxInterval caps", sessionkit.Adaptive{MaxInterval: 2 * time.Second}, remaining(14), 2 * time.Second, time.Time{}},
		{"MinInterval floors", sessionkit.Adaptive{MinInterval: 10 * time.Second}, remaining(14), 10 * time.Second, time.Time{}},
		{"budget down to the reserve waits for the reset", sessionkit.Adaptive{}, withReset(remaining(4), 30*time.Second), 0, now.Add(30 * time.Second)},
		{"budget under the reserve, no reset", sessionkit.Adaptive{}, remaining(1), 0, now.Add(time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPacer(tt.cfg)
			p.observe(tt.rl, now)
			if p.interval != tt.wantInterval || !p.resetAt.Equal(tt.wantResetAt) {
				t.Errorf("interval %s, reset at %s; want %s, %s", p.interval, p.resetAt, tt.wantInterval, tt.wantResetAt)
			}
		})
	}
}

// TestWaitLimiterPastTheDeadline: with a slot ready there is nothing to
// wait for, so a context past its deadline fails with its own error, not
// a *sessionkit.PacingError.
func TestWaitLimiterPastTheDeadline(t *testing.T) {
	ctx, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel()
	err := (&pacer{interval: time.Second}).wait(ctx, "test", func(time.Duration) {})
	if _, paced := errors.AsType[*sessionkit.PacingError](err); paced || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %#v, want the context's DeadlineExceeded", err)
	}
}

// TestPacerCancelledWaitKeepsLaterSlots: a wait that its context ends
// gives its slot back only when no later caller took the next one.
func TestPacerCancelledWaitKeepsLaterSlots(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &pacer{interval: time.Second}
		start := time.Now()
		told := func(time.Duration) {}
		if err := p.wait(t.Context(), "test", told); err != nil { // goes at 0 s
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		cancelled := make(chan error)
		go func() { cancelled <- p.wait(ctx, "test", told) }() // the slot at 1 s
		synctest.Wait()
		go func() { _ = p.wait(t.Context(), "test", told) }() // the slot at 2 s
		synctest.Wait()
		cancel()
		if err := <-cancelled; !errors.Is(err, context.Canceled) {
			t.Errorf("the cancelled wait returned %v, want context.Canceled", err)
		}
		if err := p.wait(t.Context(), "test", told); err != nil {
			t.Fatal(err)
		}
		if got := time.Since(start); got != 3*time.Second {
			t.Errorf("the call after them went at %v, want 3s (after the slot another caller took)", got)
		}
	})
}

// TestRateLimitParseAllocatesNothing: every response's headers are read,
// so reading them, absent or malformed included, allocates nothing.
func TestRateLimitParseAllocatesNothing(t *testing.T) {
	n := RateLimitHeaders{Limit: limitKeys, Remaining: remainingKeys, Reset: resetKeys}
	h := http.Header{"X-Rate-Limit": {"700, 700;w=60"}, "Ratelimit-Reset": {"soon"}}
	if allocs := testing.AllocsPerRun(100, func() { _ = n.parse(h) }); allocs != 0 {
		t.Errorf("parse made %v allocations, want 0", allocs)
	}
}
