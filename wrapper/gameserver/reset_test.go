package gameserver

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// breakingServer serves body with status 200, except that its first
// breaks answers are cut off halfway through the body and the connection
// reset, over a real loopback socket.
func breakingServer(t *testing.T, breaks int, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if int(n.Add(1)) > breaks {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
			return
		}
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:len(body)/2])
		_ = buf.Flush()
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // close with a RST, not a FIN
		}
		_ = conn.Close()
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// TestMidBodyReset breaks the first answer of every operation halfway
// through its 200 body: each idempotent operation (and the bulk stop, safe
// to repeat) is retried and succeeds; a create is not sent twice and ends
// in a *ConnectionError, unless WithRetryNonIdempotent was given.
func TestMidBodyReset(t *testing.T) {
	success := map[string]string{
		"session-post": bodyCreated, "get-session": bodyReady, "session-delete": bodyDeleted,
		"get-users-session": bodyUsers, "put-users-session": bodyUsers, "delete-users-session": bodyUsers,
		"list-sessions": bodyListOnly, "sessions-bulk-stop": bodyStopped,
	}
	fast := WithRetry(RetryPolicy{InitialBackoff: time.Millisecond, Jitter: -1})
	tests := []struct {
		op       string
		opts     []CreateOption
		wantN    int32
		wantOK   bool
		scenario string
	}{
		{op: "get-session", wantN: 2, wantOK: true},
		{op: "session-delete", wantN: 2, wantOK: true},
		{op: "get-users-session", wantN: 2, wantOK: true},
		{op: "put-users-session", wantN: 2, wantOK: true},
		{op: "delete-users-session", wantN: 2, wantOK: true},
		{op: "list-sessions", wantN: 2, wantOK: true},
		{op: "sessions-bulk-stop", wantN: 2, wantOK: true},
		{op: "session-post", wantN: 1, wantOK: false},
		{op: "session-post", opts: []CreateOption{WithRetryNonIdempotent()}, wantN: 2, wantOK: true, scenario: "/opted in"},
	}
	for _, tc := range tests {
		t.Run(tc.op+tc.scenario, func(t *testing.T) {
			srv, n := breakingServer(t, 1, success[tc.op])
			gc, err := NewClient(WithAPIToken(testKey), WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), fast)
			if err != nil {
				t.Fatal(err)
			}
			err = operations()[tc.op](t.Context(), gc, tc.opts...)
			if got := n.Load(); got != tc.wantN {
				t.Errorf("%d requests, want %d", got, tc.wantN)
			}
			if tc.wantOK {
				if err != nil {
					t.Errorf("err = %v, want success after a retry", err)
				}
				return
			}
			ce, ok := errors.AsType[*ConnectionError](err)
			if !ok || !errors.Is(err, ErrConnection) {
				t.Fatalf("err = %v (%T), want a *ConnectionError", err, err)
			}
			if ce.API != "gameserver" || ce.Method != http.MethodPost || ce.Attempts != 1 || ce.Err == nil {
				t.Errorf("ConnectionError = %+v", ce)
			}
		})
	}
}
