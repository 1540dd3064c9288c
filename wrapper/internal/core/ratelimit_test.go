package core

import (
	"net/http"
	"testing"
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
