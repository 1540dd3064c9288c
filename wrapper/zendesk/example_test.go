package zendesk_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// demoServer starts an in-memory Zendesk account with an admin (OAuth token
// "admin-token"), an agent (API token "agent-token") and four sessions.
// The caller closes it.
func demoServer() *zendesktest.Server {
	at := func(min int) time.Time { return time.Date(2026, 3, 2, 9, min, 0, 0, time.UTC) }
	return zendesktest.NewServer(nil,
		zendesktest.WithUsers(
			zendesktest.User{ID: 12884901888, Email: "admin@acme.example", Role: zendesktest.RoleAdmin, OAuthToken: "admin-token"},
			zendesktest.User{ID: 12884901999, Email: "agent@acme.example", Role: zendesktest.RoleAgent, APIToken: "agent-token"},
		),
		zendesktest.WithSessions(
			zendesktest.Session{ID: 8589934592, UserID: 12884901888, AuthenticatedAt: at(0), LastSeenAt: at(30)},
			zendesktest.Session{ID: 8589934593, UserID: 12884901999, AuthenticatedAt: at(5)},
			zendesktest.Session{ID: 8589934594, UserID: 12884901999, AuthenticatedAt: at(10)},
			zendesktest.Session{ID: 8589934595, UserID: 12884901999, AuthenticatedAt: at(15)},
		),
	)
}

// demo returns the demo server and a client of it that authenticates with
// auth and takes opts.
func demo(auth zendesk.Option, opts ...zendesk.Option) (*zendesktest.Server, *zendesk.Client) {
	srv := demoServer()
	opts = append(opts, auth, zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()))
	zc, err := zendesk.NewClient("acme", opts...)
	if err != nil {
		log.Fatal(err)
	}
	return srv, zc
}

// Connect to an account, list its sessions and log a user out everywhere.
// Here the account is zendesktest's in-memory server.
func Example() {
	srv := demoServer()
	defer srv.Close()

	ctx := context.Background()
	zc, err := zendesk.NewClient("acme",
		zendesk.WithOAuthToken("admin-token"),
		zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client())) // the test server, not acme.zendesk.com
	if err != nil {
		log.Fatal(err)
	}
	for s, err := range zc.Sessions.List(nil).All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.ID, s.UserID, s.AuthenticatedAt.Format(time.RFC3339))
	}
	if err := zc.Sessions.DeleteAllForUser(ctx, 12884901999); err != nil {
		log.Fatal(err)
	}
	left, err := zc.Sessions.List(nil).Collect(ctx)
	fmt.Println(len(left), err)
	// Output:
	// 8589934592 12884901888 2026-03-02T09:00:00Z
	// 8589934593 12884901999 2026-03-02T09:05:00Z
	// 8589934594 12884901999 2026-03-02T09:10:00Z
	// 8589934595 12884901999 2026-03-02T09:15:00Z
	// 1 <nil>
}

// The subdomain names the account; anything else is refused before any
// request is sent.
func ExampleNewClient() {
	zc, err := zendesk.NewClient("acme", zendesk.WithOAuthToken("token"))
	fmt.Println(zc.BaseURL(), err)

	_, err = zendesk.NewClient("acme.zendesk.com")
	fmt.Println(errors.Is(err, zendesk.ErrInvalidArgument))
	fmt.Println(err)
	// Output:
	// https://acme.zendesk.com <nil>
	// true
	// zendesk: invalid subdomain "acme.zendesk.com": must be the subdomain alone, "acme" for https://acme.zendesk.com; use WithBaseURL for another host
}

// A refreshing token source keeps a long-running program authenticated;
// a client never prints its credentials.
func ExampleWithOAuth() {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "admin-token"}) // e.g. clientcredentials.Config.TokenSource(ctx)
	zc, err := zendesk.NewClient("acme", zendesk.WithOAuth(ts))
	if err != nil {
		log.Fatal(err)
	}
	shown, _, _ := strings.Cut(zc.String(), ", httpClient")
	fmt.Println(shown)
	fmt.Println(zendesk.WithAPIToken("agent@acme.example", "agent-token"))
	// Output:
	// zendesk.Client{baseURL: https://acme.zendesk.com, auth: WithOAuth([REDACTED])
	// zendesk.WithAPIToken([REDACTED])
}

func ExampleSessionsService_List() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"))
	defer srv.Close()

	// Two sessions a page, most recent first; each page tells where the
	// next starts and how much of the rate limit is left.
	opts := &zendesk.ListOptions{PageSize: 2, Sort: "-authenticated_at"}
	for page, err := range zc.Sessions.List(opts).Pages(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		for _, s := range page.Items {
			fmt.Print(s.ID, " ")
		}
		fmt.Println("| more:", page.HasMore, "| limit:", page.RateLimit.Limit)
	}
	// Output:
	// 8589934595 8589934594 | more: true | limit: 700
	// 8589934593 8589934592 | more: false | limit: 700
}

// A crawl can stop and resume later from a page's NextCursor.
func ExampleSessionsService_List_resume() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"))
	defer srv.Close()
	ctx := context.Background()

	var saved string
	for page, err := range zc.Sessions.List(&zendesk.ListOptions{PageSize: 3}).Pages(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("first page:", len(page.Items))
		saved = page.NextCursor
		break // stop the crawl: nothing more is fetched
	}
	rest, err := zc.Sessions.List(&zendesk.ListOptions{PageSize: 3, After: saved}).Collect(ctx)
	fmt.Println("resumed:", len(rest), rest[0].ID, err)
	// Output:
	// first page: 3
	// resumed: 1 8589934595 <nil>
}

// ListByUser also offers offset pagination, whose cursors are page numbers.
func ExampleSessionsService_ListByUser() {
	srv, zc := demo(zendesk.WithAPIToken("agent@acme.example", "agent-token"))
	defer srv.Close()

	pages := zc.Sessions.ListByUser(12884901999, &zendesk.ListOptions{Offset: true, PageSize: 2})
	for page, err := range pages.Pages(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %s of %d sessions: %d items\n", page.Cursor, page.Total, len(page.Items))
	}

	// An agent may not list someone else's sessions.
	_, err := zc.Sessions.ListByUser(12884901888, nil).Collect(context.Background())
	fmt.Println(errors.Is(err, zendesk.ErrForbidden))
	// Output:
	// page 1 of 3 sessions: 2 items
	// page 2 of 3 sessions: 1 items
	// true
}

func ExampleSessionsService_Get() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"))
	defer srv.Close()

	s, err := zc.Sessions.Get(context.Background(), 12884901888, 8589934592,
		zendesk.WithRetry(zendesk.RetryPolicy{MaxAttempts: 5})) // a per-call option
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.ID, s.UserID, s.AuthenticatedAt, s.LastSeenAt)

	s, err = zc.Sessions.Get(context.Background(), 12884901999, 8589934592) // not that user's
	fmt.Println(s.ID, errors.Is(err, zendesk.ErrNotFound))
	// Output:
	// 8589934592 12884901888 2026-03-02 09:00:00 +0000 UTC 2026-03-02 09:30:00 +0000 UTC
	// 0 true
}

func ExampleSessionsService_Delete() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"))
	defer srv.Close()
	ctx := context.Background()

	fmt.Println(zc.Sessions.Delete(ctx, 12884901999, 8589934593))
	err := zc.Sessions.Delete(ctx, 12884901999, 8589934593)
	fmt.Println(errors.Is(err, zendesk.ErrNotFound))
	err = zc.Sessions.Delete(ctx, 12884901999, 0)
	fmt.Println(err)
	// Output:
	// <nil>
	// true
	// zendesk: invalid sessionID 0: must be > 0
}

func ExampleSessionsService_DeleteAllForUser() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"))
	defer srv.Close()
	ctx := context.Background()

	if err := zc.Sessions.DeleteAllForUser(ctx, 12884901999); err != nil {
		log.Fatal(err)
	}
	left, err := zc.Sessions.ListByUser(12884901999, nil).Collect(ctx)
	fmt.Println(len(left), err)
	// Output: 0 <nil>
}

func ExampleSessionsService_Current() {
	srv, zc := demo(zendesk.WithAPIToken("agent@acme.example", "agent-token"))
	defer srv.Close()

	s, err := zc.Sessions.Current(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.ID, s.UserID, s.LastSeenAt.IsZero()) // last_seen_at is null: the zero time
	// Output: 8589934595 12884901999 true
}

func ExampleSessionsService_Renew() {
	srv, zc := demo(zendesk.WithAPIToken("agent@acme.example", "agent-token"))
	defer srv.Close()

	token, err := zc.Sessions.Renew(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(token != "")
	// Output: true
}

// With OAuth or an API token there is no cookie session to log out of:
// Zendesk answers 204 and nothing changes.
func ExampleSessionsService_Logout() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"))
	defer srv.Close()

	fmt.Println(zc.Sessions.Logout(context.Background()))
	// Output: <nil>
}

// An *APIError carries what Zendesk said, the request id to quote to
// support and the rate-limit state; errors.Is matches it by status.
func ExampleAPIError() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"))
	defer srv.Close()
	srv.InjectFault(zendesktest.OpShowCurrentlyAuthenticatedSession, zendesktest.Fault{Status: 429, RetryAfter: "93"})

	_, err := zc.Sessions.Current(context.Background())
	fmt.Println(errors.Is(err, zendesk.ErrRateLimited))
	if e, ok := errors.AsType[*zendesk.APIError](err); ok {
		// 93 s is longer than the retry policy's cap: not waited for.
		fmt.Println(e.StatusCode, e.Code, e.RetryAfter, e.Attempts, e.RequestID != "", e.RateLimit.Limit)
	}
	// Output:
	// true
	// 429 TooManyRequests 1m33s 1 true 700
}

// A bulk job takes a share of the account's per-minute budget instead of
// bouncing off 429s.
func ExampleWithRateLimit() {
	srv, zc := demo(zendesk.WithOAuthToken("admin-token"),
		zendesk.WithRateLimit(6000)) // at most 100 requests a second, spaced evenly
	defer srv.Close()
	ctx := context.Background()

	start := time.Now()
	for s, err := range zc.Sessions.List(&zendesk.ListOptions{PageSize: 1}).All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		if err := zc.Sessions.Delete(ctx, s.UserID, s.ID); err != nil {
			log.Fatal(err)
		}
	}
	// 4 pages and 4 deletions: at least 7 intervals of 10 ms.
	fmt.Println(time.Since(start) >= 70*time.Millisecond)
	// Output: true
}
