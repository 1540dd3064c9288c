package gameserver

import (
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestAdaptiveRateLimit: with WithAdaptiveRateLimit, an answer that spends
// the budget (nothing remaining but the reserve, the window resetting in
// 20 s) holds the client's next request until the reset.
func TestAdaptiveRateLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		spent := reply{Status: http.StatusOK, Body: bodyReady, Header: http.Header{
			"Ratelimit-Limit": {"100"}, "Ratelimit-Remaining": {"2"}, "Ratelimit-Reset": {"20"}}}
		fake := newFake(t, spent, ok(bodyReady))
		gc := fake.inMemory(t, WithAdaptiveRateLimit(sessionkit.Adaptive{}))
		start := time.Now()
		for range 2 {
			if _, err := gc.Sessions.Get(t.Context(), sessionID); err != nil {
				t.Fatal(err)
			}
		}
		if took := time.Since(start); took != 20*time.Second {
			t.Errorf("two gets took %s, want the 20 s until the reset", took)
		}
		if n := len(fake.Calls()); n != 2 {
			t.Errorf("%d requests, want 2", n)
		}
	})
}
