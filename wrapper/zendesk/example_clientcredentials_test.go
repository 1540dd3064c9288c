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

// A long-running program authenticates with an OAuth client's credentials:
// the client mints its own short-lived tokens and replaces them before they
// expire.
func ExampleWithClientCredentials() {
	srv := zendesktest.NewServer(nil,
		zendesktest.WithUsers(zendesktest.User{ID: 12884901888, Email: "admin@acme.example", Role: zendesktest.RoleAdmin}),
		zendesktest.WithOAuthClients(zendesktest.OAuthClient{ID: "acme_sync", Secret: "the-client-secret", UserID: 12884901888}),
		zendesktest.WithSessions(zendesktest.Session{UserID: 12884901888}, zendesktest.Session{UserID: 12884901888}),
	)
	defer srv.Close()

	zc, err := zendesk.NewClient("acme",
		zendesk.WithClientCredentials("acme_sync", "the-client-secret", "read", "write"),
		zendesk.WithTokenLifetime(time.Hour),
		zendesk.WithBaseURL(srv.URL), // leave out for https://acme.zendesk.com
	)
	if err != nil {
		log.Fatal(err)
	}
	defer zc.CloseIdleConnections()

	sessions, err := zc.Sessions.List(nil).Collect(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(sessions), "sessions, tokens minted:", len(srv.OAuthTokens()))

	// Wrong credentials are reported as such, before any call is sent.
	bad, err := zendesk.NewClient("acme", zendesk.WithClientCredentials("acme_sync", "a-wrong-secret"),
		zendesk.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer bad.CloseIdleConnections()
	_, err = bad.Sessions.List(nil).Collect(context.Background())
	if ce, ok := errors.AsType[*zendesk.CredentialsError](err); ok {
		fmt.Println(ce.Code, errors.Is(err, zendesk.ErrUnauthorized))
	}
	// Output:
	// 2 sessions, tokens minted: 1
	// invalid_client true
}
