package zendesktest

import (
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// rateHeaders is what a response says about the budget.
type rateHeaders struct {
	Status                               int
	Limit, Remaining, RetryAfter         string
	RLLimit, RLRemaining, RLReset, Error string
}

func rateOf(t *testing.T, r fakeapi.Response) rateHeaders {
	t.Helper()
	h := rateHeaders{
		Status:      r.Status,
		Limit:       r.Header.Get("X-Rate-Limit"),
		Remaining:   r.Header.Get("X-Rate-Limit-Remaining"),
		RetryAfter:  r.Header.Get("Retry-After"),
		RLLimit:     r.Header.Get("Ratelimit-Limit"),
		RLRemaining: r.Header.Get("Ratelimit-Remaining"),
		RLReset:     r.Header.Get("Ratelimit-Reset"),
	}
	if r.Status >= 400 {
		h.Error, _ = r.Map(t)["error"].(string)
	}
	return h
}

// TestRateLimitBudget spends a budget of 3 a minute on the server's
// (synctest) clock: three requests pass with the remaining count going
// down, the fourth is a 429 with Retry-After to the end of the minute, and
// once the minute is over the budget is whole again.
func TestRateLimitBudget(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newTestServer(t, WithoutNetwork(), WithRateLimit(3),
			WithSessions(Session{UserID: adminID}, Session{UserID: agentID}, Session{UserID: endUserID}))
		time.Sleep(15 * time.Second) // 45 s left in the minute
		type step struct {
			wait  time.Duration
			as    int64 // 0: no credentials
			want  rateHeaders
			label string
		}
		ok := func(remaining, reset string) rateHeaders {
			return rateHeaders{Status: 200, Limit: "3", Remaining: remaining, RLLimit: "3", RLRemaining: remaining, RLReset: reset}
		}
		steps := []step{
			{as: adminID, want: ok("2", "45"), label: "first"},
			{as: 0, want: rateHeaders{Status: 401, Limit: "3", Remaining: "2", RLLimit: "3", RLRemaining: "2", RLReset: "45", Error: msgCouldNotAuthenticate}, label: "unauthenticated does not count"},
			{wait: 10 * time.Second, as: agentID, want: ok("1", "35"), label: "another user, same account"},
			{as: adminID, want: ok("0", "35"), label: "last of the budget"},
			{wait: 500 * time.Millisecond, as: adminID, want: rateHeaders{Status: 429, Limit: "3", Remaining: "0", RetryAfter: "35", RLLimit: "3", RLRemaining: "0", RLReset: "35", Error: "TooManyRequests"}, label: "spent"},
			{as: endUserID, want: rateHeaders{Status: 429, Limit: "3", Remaining: "0", RetryAfter: "35", RLLimit: "3", RLRemaining: "0", RLReset: "35", Error: "TooManyRequests"}, label: "spent for everyone"},
			{wait: 34*time.Second + 500*time.Millisecond, as: adminID, want: ok("2", "60"), label: "new minute"},
		}
		for _, s := range steps {
			time.Sleep(s.wait)
			var h http.Header
			if s.as != 0 {
				h = asUser(s.as)
			}
			got := rateOf(t, fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+"/api/v2/users/me/session", h, ""))
			if diff := cmp.Diff(s.want, got); diff != "" {
				t.Errorf("%s: headers (-want +got):\n%s", s.label, diff)
			}
		}
	})
}

// TestRateLimitDefault checks that without WithRateLimit the server reports
// 700 a minute, counts down, and refuses nothing.
func TestRateLimitDefault(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newTestServer(t, WithoutNetwork(), WithSessions(Session{UserID: adminID}))
		for i := range 3 {
			r := get(t, srv, adminID, "/api/v2/users/me/session")
			got := rateOf(t, r)
			want := rateHeaders{Status: 200, Limit: "700", Remaining: []string{"699", "698", "697"}[i]}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("request %d (-want +got):\n%s", i, diff)
			}
		}
	})
}

// TestRateLimitRetryAfterRoundsUp checks that a fraction of a second left
// is announced as a whole second, never 0.
func TestRateLimitRetryAfterRoundsUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newTestServer(t, WithoutNetwork(), WithRateLimit(1), WithSessions(Session{UserID: adminID}))
		time.Sleep(59*time.Second + 900*time.Millisecond)
		if r := get(t, srv, adminID, "/api/v2/users/me/session"); r.Status != 200 {
			t.Fatalf("first request: status %d", r.Status)
		}
		r := get(t, srv, adminID, "/api/v2/users/me/session")
		if r.Status != 429 || r.Header.Get("Retry-After") != "1" {
			t.Errorf("got %d with Retry-After %q, want 429 with 1", r.Status, r.Header.Get("Retry-After"))
		}
		time.Sleep(100 * time.Millisecond)
		if r := get(t, srv, adminID, "/api/v2/users/me/session"); r.Status != 200 {
			t.Errorf("after the reset: status %d, want 200", r.Status)
		}
	})
}

// TestRateLimitInvalid checks that a limit below 1 is refused by Start.
func TestRateLimitInvalid(t *testing.T) {
	for _, n := range []int{0, -5} {
		srv, err := Start(WithRateLimit(n))
		if err == nil {
			srv.Close()
			t.Fatalf("Start(WithRateLimit(%d)) succeeded", n)
		}
		if !strings.Contains(err.Error(), "WithRateLimit") {
			t.Errorf("error %q does not name WithRateLimit", err)
		}
	}
}
