package zendesk_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// A per-call option changes one call only: here, one more attempt and
// short waits for a call that meets two 503s.
func ExampleWithRetry() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"))
	defer srv.Close()
	srv.InjectFault(zendesktest.OpShowCurrentlyAuthenticatedSession, zendesktest.Fault{Status: 503, Times: 2})

	s, err := zc.Sessions.Current(context.Background(),
		zendesk.WithRetry(zendesk.RetryPolicy{MaxAttempts: 3, InitialBackoff: 10 * time.Millisecond}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.UserID)
	// Output: 12884901888
}

// WithResponseInfo reports what a successful call came back with.
func ExampleWithResponseInfo() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"))
	defer srv.Close()

	var info zendesk.ResponseInfo
	if err := zc.Sessions.DeleteAllForUser(context.Background(), 12884901999, zendesk.WithResponseInfo(&info)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.StatusCode, info.Attempts, info.RequestID != "", info.RateLimit.Limit)
	// Output: 204 1 true 700
}

// Bad arguments and options fail before any request, naming what is wrong.
func ExampleInvalidArgumentError() {
	_, err := zendesk.NewClient("acme", zendesk.WithOAuthToken("t"), zendesk.WithAPIToken("a@acme.example", "t"))
	fmt.Println(errors.Is(err, zendesk.ErrInvalidArgument))
	fmt.Println(err)
	// Output:
	// true
	// zendesk: invalid WithAPIToken: conflicts with WithOAuthToken: give a client one credential option
}

// WithAdaptiveRateLimit paces a client by the account's remaining budget,
// as every response reports it: other clients of the account share that
// budget, and none of them has to know of the others.
func ExampleWithAdaptiveRateLimit() {
	// An account allowing 30 requests a minute, one second before its
	// window resets (the server's clock stands still here).
	now := time.Date(2026, 3, 2, 9, 0, 59, 0, time.UTC)
	srv := zendesktest.NewServer(nil, zendesktest.WithRateLimit(30), zendesktest.WithClock(func() time.Time { return now }),
		zendesktest.WithUsers(zendesktest.User{ID: 12884901888, Email: "admin@acme.example", Role: zendesktest.RoleAdmin, OAuthToken: "admin-token"}))
	defer srv.Close()
	zc, err := zendesk.NewClient("acme", zendesk.WithOAuthToken("admin-token"),
		zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()),
		zendesk.WithAdaptiveRateLimit(zendesk.Adaptive{}))
	if err != nil {
		log.Fatal(err)
	}
	var info zendesk.ResponseInfo
	for range 10 {
		if err := zc.Sessions.DeleteAllForUser(context.Background(), 12884901888, zendesk.WithResponseInfo(&info)); err != nil {
			log.Fatal(err)
		}
	}
	tooMany := 0
	for _, r := range srv.Requests() {
		if r.Status == 429 {
			tooMany++
		}
	}
	fmt.Println(info.RateLimit.Remaining, tooMany)
	// Output: 20 0
}
