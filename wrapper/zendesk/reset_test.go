package zendesk_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/sessionkit/sessions/internal/faults"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// breakingServer starts a fault server on a real loopback socket that
// answers with status and body, except that its first breaks answers
// break off (internal/faults' BreakFirst).
func breakingServer(t *testing.T, breaks int, status int, body string) *faults.Server {
	t.Helper()
	srv, err := faults.Listen("127.0.0.1:0", faults.BreakFirst(breaks, status, http.Header{"Content-Type": {"application/json"}}, body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// TestMidBodyReset breaks the first answer of every operation (each a GET
// or a DELETE, so each idempotent) and checks that it is retried and
// succeeds; when every attempt breaks, the call ends in a
// *ConnectionError carrying the attempts.
func TestMidBodyReset(t *testing.T) {
	list := `{"sessions":[` + sessionJSON + `],"meta":{"has_more":false}}`
	tests := []struct {
		name   string
		status int
		body   string
		call   func(ctx context.Context, zc *zendesk.Client) error
	}{
		{"Get", 200, bodySessionObject, func(ctx context.Context, zc *zendesk.Client) error {
			_, err := zc.Sessions.Get(ctx, 12884901888, 8589934592)
			return err
		}},
		{"Current", 200, bodySessionObject, func(ctx context.Context, zc *zendesk.Client) error {
			_, err := zc.Sessions.Current(ctx)
			return err
		}},
		{"Renew", 200, bodyRenew, func(ctx context.Context, zc *zendesk.Client) error {
			_, err := zc.Sessions.Renew(ctx)
			return err
		}},
		{"List", 200, list, func(ctx context.Context, zc *zendesk.Client) error {
			_, err := zc.Sessions.List(nil).Collect(ctx)
			return err
		}},
		{"ListByUser", 200, list, func(ctx context.Context, zc *zendesk.Client) error {
			_, err := zc.Sessions.ListByUser(12884901888, nil).Collect(ctx)
			return err
		}},
		{"ListByUser offset", 200, `{"sessions":[` + sessionJSON + `],"next_page":null,"count":1}`, func(ctx context.Context, zc *zendesk.Client) error {
			_, err := zc.Sessions.ListByUser(12884901888, &zendesk.ListOptions{Offset: true}).Collect(ctx)
			return err
		}},
		{"Delete", 204, "", func(ctx context.Context, zc *zendesk.Client) error {
			return zc.Sessions.Delete(ctx, 12884901888, 8589934592)
		}},
		{"DeleteAllForUser", 204, "", func(ctx context.Context, zc *zendesk.Client) error {
			return zc.Sessions.DeleteAllForUser(ctx, 12884901888)
		}},
		{"Logout", 204, "", func(ctx context.Context, zc *zendesk.Client) error {
			return zc.Sessions.Logout(ctx)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, breaks := range []int{1, 3} {
				srv := breakingServer(t, breaks, tc.status, tc.body)
				zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL("http://"+srv.Addr()),
					zendesk.WithOAuthToken(testOAuth), zendesk.WithRetry(zendesk.RetryPolicy{InitialBackoff: time.Millisecond, Jitter: -1}))
				if err != nil {
					t.Fatal(err)
				}
				err = tc.call(t.Context(), zc)
				zc.CloseIdleConnections()
				n := len(srv.Requests())
				if breaks == 1 {
					if err != nil || n != 2 {
						t.Errorf("one break: err = %v after %d requests, want success after 2", err, n)
					}
					continue
				}
				ce, ok := errors.AsType[*zendesk.ConnectionError](err)
				if !ok || !errors.Is(err, zendesk.ErrConnection) {
					t.Fatalf("every attempt breaks: err = %v (%T), want a *ConnectionError", err, err)
				}
				if ce.API != "zendesk" || ce.Attempts != 3 || ce.Err == nil || n != 3 {
					t.Errorf("ConnectionError = %+v after %d requests, want 3 attempts", ce, n)
				}
			}
		})
	}
}
