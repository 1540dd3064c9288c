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

// The examples run against gameservertest, an in-memory server that
// validates every request and answer against the API's specification. In
// your code, leave out WithBaseURL to reach https://api.edgegap.com.

// seeded returns the option seeding a ready session with two users.
func seeded() gameservertest.Option {
	return gameservertest.WithSessions(gameservertest.Session{
		ID: "950dd2eaff09-S", App: "my-game", Ready: true,
		Users: []gameservertest.User{{IP: "162.254.103.13"}, {IP: "198.12.116.39"}},
	})
}

// newExampleClient starts a server seeded with opts and returns a client of
// it; stop closes both.
func newExampleClient(opts ...gameservertest.Option) (gc *gameserver.Client, stop func()) {
	srv := gameservertest.NewServer(nil, append([]gameservertest.Option{gameservertest.WithAPIToken("my-api-key")}, opts...)...)
	gc, err := gameserver.NewClient(gameserver.WithAPIToken("my-api-key"), gameserver.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	return gc, func() { gc.CloseIdleConnections(); srv.Close() }
}

func ExampleNewClient() {
	srv := gameservertest.NewServer(nil, gameservertest.WithAPIToken("my-api-key"), seeded())
	defer srv.Close()

	// The key may be given with or without its "token " prefix.
	gc, err := gameserver.NewClient(
		gameserver.WithAPIToken("token my-api-key"),
		gameserver.WithBaseURL(srv.URL), // leave out for https://api.edgegap.com
		gameserver.WithUserAgent("my-matchmaker/1.0"),
		gameserver.WithRetry(gameserver.RetryPolicy{MaxAttempts: 5}),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer gc.CloseIdleConnections()

	s, err := gc.Sessions.Get(context.Background(), "950dd2eaff09-S")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.ID, s.Status, s.Ready)
	// Output: 950dd2eaff09-S Ready true
}

func ExampleSessionsService_Create() {
	gc, stop := newExampleClient()
	defer stop()

	created, err := gc.Sessions.Create(context.Background(), &gameserver.CreateRequest{
		AppName:     "my-game",
		VersionName: "v1",
		IPList:      []string{"162.254.103.13", "198.12.116.39"},
		Selectors:   []gameserver.Selector{{Tag: "ranked"}},
		WebhookURL:  "https://example.com/hooks/sessions",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(created.App, created.Version, created.WebhookURL, created.Selectors[0].Tag)
	// The session is not ready yet: WaitReady waits for it.
	s, err := gc.Sessions.Get(context.Background(), created.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Status, s.Ready)
	// Output:
	// my-game v1 https://example.com/hooks/sessions ranked
	// Waiting false
}

// With WithWaitReady, Create also waits until the session is ready.
func ExampleSessionsService_Create_waitReady() {
	gc, stop := newExampleClient()
	defer stop()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	created, err := gc.Sessions.Create(ctx, &gameserver.CreateRequest{
		AppName: "my-game",
		GeoIPList: []gameserver.GeoIP{
			{IP: "162.254.103.13", Latitude: 45.5019, Longitude: -73.5674},
		},
	}, gameserver.WithWaitReady(), gameserver.WithPollInterval(10*time.Millisecond, 100*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	d := created.Ready.Deployment
	fmt.Println(created.Ready.Status, d.Location.City, d.Ports["gameport"].Protocol)
	// Output: Ready Montreal UDP
}

func ExampleSessionsService_Get() {
	gc, stop := newExampleClient(seeded())
	defer stop()

	s, err := gc.Sessions.Get(context.Background(), "950dd2eaff09-S")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Status, s.Kind, s.UserCount, s.Deployment.Ready)

	_, err = gc.Sessions.Get(context.Background(), "no-such-session")
	fmt.Println(errors.Is(err, gameserver.ErrNotFound))
	// Output:
	// Ready Seat 2 true
	// true
}

func ExampleSessionsService_Delete() {
	gc, stop := newExampleClient(seeded())
	defer stop()

	deleted, err := gc.Sessions.Delete(context.Background(), "950dd2eaff09-S")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(deleted.Message)

	// A session that is gone answers 404 (ErrNotFound), one whose instance
	// is terminated 410 (ErrGone).
	_, err = gc.Sessions.Delete(context.Background(), "950dd2eaff09-S")
	fmt.Println(errors.Is(err, gameserver.ErrNotFound) || errors.Is(err, gameserver.ErrGone))
	// Output:
	// Session 950dd2eaff09-S deleted
	// true
}

func ExampleSessionsService_DeleteIfExists() {
	gc, stop := newExampleClient(seeded())
	defer stop()

	for range 2 {
		deleted, err := gc.Sessions.DeleteIfExists(context.Background(), "950dd2eaff09-S")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(deleted)
	}
	// Output:
	// true
	// false
}

func ExampleSessionsService_List() {
	gc, stop := newExampleClient(gameservertest.WithSessions(
		gameservertest.Session{ID: "a-S", App: "my-game", Ready: true},
		gameservertest.Session{ID: "b-S", App: "my-game"},
		gameservertest.Session{ID: "c-S", App: "my-game", Ready: true},
	))
	defer stop()
	ctx := context.Background()

	// All fetches page after page (here two sessions a page) as the loop
	// goes.
	for s, err := range gc.Sessions.List(&gameserver.ListOptions{Limit: 2}).All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.ID, s.Status)
	}

	// Pages shows the page numbers, to resume a listing later.
	for page, err := range gc.Sessions.List(&gameserver.ListOptions{Limit: 2}).Pages(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %q: %d of %d, next %q\n", page.Cursor, len(page.Items), page.Total, page.NextCursor)
	}

	all, err := gc.Sessions.List(nil).Collect(ctx)
	fmt.Println(len(all), err)
	// Output:
	// a-S Ready
	// b-S Waiting
	// c-S Ready
	// page "": 2 of 3, next "2"
	// page "2": 1 of 3, next ""
	// 3 <nil>
}

func ExampleSessionsService_Users() {
	gc, stop := newExampleClient(seeded())
	defer stop()

	users, err := gc.Sessions.Users(context.Background(), "950dd2eaff09-S")
	if err != nil {
		log.Fatal(err)
	}
	for _, u := range users {
		fmt.Println(u.IP)
	}
	// Output:
	// 162.254.103.13
	// 198.12.116.39
}

func ExampleSessionsService_AddUsers() {
	gc, stop := newExampleClient(seeded())
	defer stop()

	users, err := gc.Sessions.AddUsers(context.Background(), "950dd2eaff09-S", []string{"203.0.113.7"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(users), users[2].IP)

	// Something that is not an IP fails before any request.
	_, err = gc.Sessions.AddUsers(context.Background(), "950dd2eaff09-S", []string{"player-1"})
	fmt.Println(err)
	// Output:
	// 3 203.0.113.7
	// gameserver: invalid ips[0] "player-1": is not an IP address
}

func ExampleSessionsService_RemoveUsers() {
	gc, stop := newExampleClient(seeded())
	defer stop()

	users, err := gc.Sessions.RemoveUsers(context.Background(), "950dd2eaff09-S", []string{"198.12.116.39"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(users)
	// Output: [{162.254.103.13 <nil>}]
}

func ExampleSessionsService_BulkStop() {
	gc, stop := newExampleClient(
		gameservertest.WithDeployments(gameservertest.Deployment{RequestID: "dep-eu", Tags: []string{"ranked", "eu"}}),
		gameservertest.WithSessions(
			gameservertest.Session{ID: "a-S", App: "my-game", DeploymentRequestID: "dep-eu", Ready: true},
			gameservertest.Session{ID: "b-S", App: "my-game"},
		))
	defer stop()

	stopped, err := gc.Sessions.BulkStop(context.Background(), []gameserver.StopFilter{
		{Field: gameserver.StopByDeploymentTags, Values: []string{"ranked", "eu"}, Type: gameserver.FilterAll},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(stopped)
	// Output: [a-S]
}

func ExampleSessionsService_WaitReady() {
	gc, stop := newExampleClient(gameservertest.WithReadiness(gameservertest.Readiness{Polls: 3}))
	defer stop()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	created, err := gc.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}})
	if err != nil {
		log.Fatal(err)
	}
	s, err := gc.Sessions.WaitReady(ctx, created.ID, gameserver.WithPollInterval(10*time.Millisecond, 50*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Status, s.Ready, s.Linked, s.Deployment.FQDN != "")
	// Output: Ready true true true
}

// WaitReady stops with a *WaitError when the session fails.
func ExampleSessionsService_WaitReady_failed() {
	gc, stop := newExampleClient(gameservertest.WithApps(gameservertest.App{
		Name:     "my-game",
		Versions: []gameservertest.AppVersion{{Name: "v1", SessionError: "No deployment matches the session's selectors"}},
	}))
	defer stop()

	ctx := context.Background()
	created, err := gc.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}})
	if err != nil {
		log.Fatal(err)
	}
	_, err = gc.Sessions.WaitReady(ctx, created.ID, gameserver.WithPollInterval(10*time.Millisecond, 50*time.Millisecond))
	if failed, ok := errors.AsType[*gameserver.SessionFailedError](err); ok {
		fmt.Println(failed.Status, failed.Reason)
	}
	// Output: Unprocessable No deployment matches the session's selectors
}
