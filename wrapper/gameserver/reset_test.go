package gameserver

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/sessionkit/sessions/internal/faults"
)

// breakingServer starts a fault server on a real loopback socket that
// serves body with status 200, except that its first breaks answers are
// cut off halfway through the body and the connection reset
// (internal/faults' BreakFirst).
func breakingServer(t *testing.T, breaks int, body string) *faults.Server {
	t.Helper()
	srv, err := faults.Listen("127.0.0.1:0", faults.BreakFirst(breaks, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
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
		opts     []Option
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
		{op: "session-post", opts: []Option{WithRetryNonIdempotent()}, wantN: 2, wantOK: true, scenario: "/opted in"},
	}
	for _, tc := range tests {
		t.Run(tc.op+tc.scenario, func(t *testing.T) {
			srv := breakingServer(t, 1, success[tc.op])
			gc, err := NewClient(WithAPIToken(testKey), WithBaseURL("http://"+srv.Addr()), fast)
			if err != nil {
				t.Fatal(err)
			}
			err = operations()[tc.op](t.Context(), gc, tc.opts...)
			gc.CloseIdleConnections()
			if got := int32(len(srv.Requests())); got != tc.wantN {
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
