package zendesk_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestWithRateLimit checks, under synctest, that WithRateLimit spaces
// every request of the client, pages of a listing included, and that a
// wait past the deadline fails at once.
func TestWithRateLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var seed []zendesktest.Session
		for i := range 4 {
			seed = append(seed, zendesktest.Session{ID: int64(i + 1), UserID: endUserID})
		}
		_, zc := newZendesk(t, true, []zendesktest.Option{zendesktest.WithSessions(seed...)}, zendesk.WithRateLimit(30))
		start := time.Now()
		for range 3 {
			if _, err := zc.Sessions.Get(t.Context(), endUserID, 1); err != nil {
				t.Fatal(err)
			}
		}
		if got := time.Since(start); got != 4*time.Second {
			t.Errorf("3 calls at 30/min took %v, want 4s", got)
		}
		start = time.Now()
		all, err := zc.Sessions.List(&zendesk.ListOptions{PageSize: 1}).Collect(t.Context())
		if err != nil || len(all) != 4 {
			t.Fatalf("List = %d sessions, %v", len(all), err)
		}
		if got := time.Since(start); got != 8*time.Second {
			t.Errorf("4 pages at 30/min took %v, want 8s", got)
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		start = time.Now()
		if _, err := zc.Sessions.Current(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want DeadlineExceeded", err)
		}
		if got := time.Since(start); got != 0 {
			t.Errorf("a hopeless wait took %v", got)
		}
	})
}
