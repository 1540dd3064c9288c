package core

import (
	"net/http"
	"testing"
)

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
		if rl.Limit < 0 || rl.Remaining < 0 || rl.Reset < 0 {
			t.Fatalf("negative value from %v: %+v", h, rl)
		}
		if len(h) == 0 && rl.Present {
			t.Fatalf("Present without headers: %+v", rl)
		}
	})
}
