package zendesk_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// runClients runs clients independent clients of one account, calls in
// all, against a server allowing perMinute requests a minute, and returns
// the 429s the server sent and how long it took (on the bubble's clock).
func runClients(t *testing.T, perMinute, clients, calls int, opts ...zendesk.Option) (tooMany int, took time.Duration, failed int64) {
	t.Helper()
	srv := zendesktest.NewServer(t, zendesktest.WithoutNetwork(), zendesktest.WithClock(time.Now),
		zendesktest.WithRateLimit(perMinute),
		zendesktest.WithUsers(zendesktest.User{ID: adminID, Email: "admin@acme.example", Role: zendesktest.RoleAdmin, OAuthToken: testOAuth}))
	var fails atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		base := []zendesk.Option{zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()), zendesk.WithOAuthToken(testOAuth),
			zendesk.WithRetry(zendesk.RetryPolicy{MaxAttempts: 20, MaxBackoff: 2 * time.Minute})}
		zc, err := zendesk.NewClient("acme", append(base, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			for range calls / clients {
				if err := zc.Sessions.DeleteAllForUser(t.Context(), adminID); err != nil {
					fails.Add(1)
				}
			}
		})
	}
	wg.Wait()
	took = time.Since(start)
	for _, r := range srv.Requests() {
		if r.Status == 429 {
			tooMany++
		}
	}
	return tooMany, took, fails.Load()
}

// TestAdaptiveRateLimitSharesTheBudget: four independent clients doing
// 2,000 calls against a 700/minute account meet no 429 when each paces
// itself from the rate-limit headers, and finish within 10% of the ideal
// 2000/700 minutes; without pacing they meet many.
func TestAdaptiveRateLimitSharesTheBudget(t *testing.T) {
	const perMinute, clients, calls = 700, 4, 2000
	ideal := time.Duration(calls) * time.Minute / perMinute
	synctest.Test(t, func(t *testing.T) {
		tooMany, took, failed := runClients(t, perMinute, clients, calls, zendesk.WithAdaptiveRateLimit(zendesk.Adaptive{}))
		t.Logf("adaptive: %d 429s, %s (ideal %s)", tooMany, took.Round(time.Second), ideal.Round(time.Second))
		if tooMany != 0 || failed != 0 {
			t.Errorf("adaptive pacing met %d 429s and %d failed calls, want none", tooMany, failed)
		}
		if took > ideal*11/10 {
			t.Errorf("adaptive pacing took %s, want within 10%% of the ideal %s", took, ideal)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		tooMany, took, failed := runClients(t, perMinute, clients, calls)
		t.Logf("unpaced: %d 429s, %s", tooMany, took.Round(time.Second))
		if tooMany == 0 || failed != 0 {
			t.Errorf("unpaced clients met %d 429s and %d failed calls, want many 429s, all retried", tooMany, failed)
		}
	})
}
