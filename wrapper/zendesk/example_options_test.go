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
