package otelsessions_test

import (
	"context"
	"fmt"
	"log"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/otelsessions"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// A Zendesk client traced into memory: the server fails once with a 503,
// the client retries, and the call is one operation span with an attempt
// span for each try.
func ExampleNewObserver() {
	srv := zendesktest.NewServer(nil,
		zendesktest.WithUsers(zendesktest.User{ID: 1, Email: "admin@example.com", Role: zendesktest.RoleAdmin, APIToken: "secret"}),
		zendesktest.WithSessions(zendesktest.Session{ID: 2, UserID: 1, AuthenticatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}),
		zendesktest.WithFault(zendesktest.OpShowSession, zendesktest.Fault{Status: 503, Times: 1}))
	defer srv.Close()

	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	defer func() { _ = tp.Shutdown(context.Background()) }()
	obs, err := otelsessions.NewObserver(otelsessions.WithTracerProvider(tp))
	if err != nil {
		log.Fatal(err)
	}
	client, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()),
		zendesk.WithAPIToken("admin@example.com", "secret"),
		zendesk.WithRetry(zendesk.RetryPolicy{InitialBackoff: time.Millisecond, Jitter: -1}),
		zendesk.WithObserver(obs))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Sessions.Get(context.Background(), 1, 2); err != nil {
		log.Fatal(err)
	}
	for _, s := range spans.GetSpans() {
		status := ""
		for _, kv := range s.Attributes {
			if kv.Key == "http.response.status_code" {
				status = kv.Value.String()
			}
		}
		fmt.Println(s.Name, status, len(s.Events))
	}
	// Output:
	// GET 503 0
	// GET 200 0
	// zendesk ShowSession  1
}
