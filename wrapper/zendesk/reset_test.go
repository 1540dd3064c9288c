package zendesk_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// breakingServer answers with status and body, except that its first
// breaks answers break off, over a real loopback socket: halfway through
// the body when there is one, before the status line otherwise; the
// connection is then reset.
func breakingServer(t *testing.T, breaks int, status int, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if int(n.Add(1)) > breaks {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
			return
		}
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		if body != "" {
			fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
				status, http.StatusText(status), len(body), body[:len(body)/2])
			_ = buf.Flush()
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // close with a RST, not a FIN
		}
		_ = conn.Close()
	}))
	t.Cleanup(srv.Close)
	return srv, &n
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
				srv, n := breakingServer(t, breaks, tc.status, tc.body)
				zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()),
					zendesk.WithOAuthToken(testOAuth), zendesk.WithRetry(zendesk.RetryPolicy{InitialBackoff: time.Millisecond, Jitter: -1}))
				if err != nil {
					t.Fatal(err)
				}
				err = tc.call(t.Context(), zc)
				if breaks == 1 {
					if err != nil || n.Load() != 2 {
						t.Errorf("one break: err = %v after %d requests, want success after 2", err, n.Load())
					}
					continue
				}
				ce, ok := errors.AsType[*zendesk.ConnectionError](err)
				if !ok || !errors.Is(err, zendesk.ErrConnection) {
					t.Fatalf("every attempt breaks: err = %v (%T), want a *ConnectionError", err, err)
				}
				if ce.API != "zendesk" || ce.Attempts != 3 || ce.Err == nil || n.Load() != 3 {
					t.Errorf("ConnectionError = %+v after %d requests, want 3 attempts", ce, n.Load())
				}
			}
		})
	}
}
