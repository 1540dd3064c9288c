package core

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseRateLimit(t *testing.T) {
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
		{"huge", http.Header{"X-Rate-Limit": {"99999999999999999999999"}, "Ratelimit-Reset": {"99999999999"}}, RateLimit{Limit: 999999999999999999, Reset: maxRetryAfter, Present: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ParseRateLimit(tt.h)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
