package gameserver_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// A per-call option changes one call only: here, short waits for a call
// that meets two 503s.
func ExampleWithRetry() {
	srv := gameservertest.NewServer(nil, gameservertest.WithAPIToken("my-api-key"), seeded())
	defer srv.Close()
	srv.InjectFault(gameservertest.OpGetSession, gameservertest.Fault{Status: 503, Times: 2})
	gc, err := gameserver.NewClient(gameserver.WithAPIToken("my-api-key"), gameserver.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer gc.CloseIdleConnections()

	s, err := gc.Sessions.Get(context.Background(), "950dd2eaff09-S",
		gameserver.WithRetry(gameserver.RetryPolicy{MaxAttempts: 3, InitialBackoff: 10 * time.Millisecond}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.ID, s.Ready)
	// Output: 950dd2eaff09-S true
}

// WithResponseInfo reports what a successful call came back with.
func ExampleWithResponseInfo() {
	gc, stop := newExampleClient(seeded())
	defer stop()

	var info gameserver.ResponseInfo
	if _, err := gc.Sessions.Users(context.Background(), "950dd2eaff09-S", gameserver.WithResponseInfo(&info)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.StatusCode, info.Attempts)
	// Output: 200 1
}

// A failed call is an *APIError with the status and the API's message;
// errors.Is matches it to the sentinels.
func ExampleAPIError() {
	gc, stop := newExampleClient()
	defer stop()

	_, err := gc.Sessions.Get(context.Background(), "no-such-session")
	fmt.Println(errors.Is(err, gameserver.ErrNotFound))
	if e, ok := errors.AsType[*gameserver.APIError](err); ok {
		fmt.Println(e.API, e.StatusCode, e.Attempts)
	}
	// Output:
	// true
	// gameserver 404 1
}
