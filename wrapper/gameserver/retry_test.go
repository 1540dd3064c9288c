package gameserver

import (
	"errors"
	"net/http"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// noJitter is the default policy with exact waits, for tests.
func noJitter() RetryPolicy { return RetryPolicy{Jitter: -1} }

// TestRetries checks which operations are retried on ambiguous failures:
// everything but Create by default, Create only with
// WithRetryNonIdempotent; the request body is the same on every attempt.
func TestRetries(t *testing.T) {
	unavailable := fail(http.StatusServiceUnavailable, "Service temporarily unavailable")
	reset := reply{Err: syscall.ECONNRESET}
	tests := []struct {
		op       string
		opts     []Option
		first    reply
		wantN    int // attempts
		wantOK   bool
		wantWait time.Duration
	}{
		{op: "session-post", first: unavailable, wantN: 1},
		{op: "session-post", first: reset, wantN: 1},
		{op: "session-post", opts: []Option{WithRetryNonIdempotent()}, first: unavailable, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "session-post", opts: []Option{WithRetryNonIdempotent()}, first: reset, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "sessions-bulk-stop", first: unavailable, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "sessions-bulk-stop", first: reset, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "sessions-bulk-stop", opts: []Option{WithoutRetries()}, first: unavailable, wantN: 1},
		{op: "get-session", first: unavailable, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "session-delete", first: unavailable, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "get-users-session", first: unavailable, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "put-users-session", first: unavailable, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "delete-users-session", first: unavailable, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "delete-users-session", first: reset, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "list-sessions", first: unavailable, wantN: 3, wantOK: true, wantWait: 1500 * time.Millisecond},
		{op: "get-session", opts: []Option{WithRetry(RetryPolicy{MaxAttempts: 2, Jitter: -1})}, first: unavailable, wantN: 2},
	}
	success := map[string]string{
		"session-post": bodyCreated, "get-session": bodyReady, "session-delete": bodyDeleted,
		"get-users-session": bodyUsers, "put-users-session": bodyUsers, "delete-users-session": bodyUsers,
		"list-sessions": bodyListOnly, "sessions-bulk-stop": bodyStopped,
	}
	for _, tc := range tests {
		name := tc.op
		if tc.first.Err != nil {
			name += "/connection reset"
		} else {
			name += "/503"
		}
		if len(tc.opts) > 0 {
			name += "/with options"
		}
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fake := newFake(t, tc.first, tc.first, ok(success[tc.op]))
				gc := fake.inMemory(t, WithRetry(noJitter()))
				start := time.Now()
				err := operations()[tc.op](t.Context(), gc, tc.opts...)
				if tc.wantOK != (err == nil) {
					t.Errorf("error %v, want success %v", err, tc.wantOK)
				}
				if !tc.wantOK && tc.first.Err == nil {
					apiErr, ok := errors.AsType[*APIError](err)
					if !ok || apiErr.Attempts != tc.wantN || !errors.Is(err, ErrServer) {
						t.Errorf("error %v, want an *APIError after %d attempts", err, tc.wantN)
					}
				}
				if !tc.wantOK && tc.first.Err != nil {
					ce, ok := errors.AsType[*ConnectionError](err)
					if !ok || !errors.Is(err, ErrConnection) || ce.API != "gameserver" || ce.Attempts != tc.wantN {
						t.Errorf("error %v (%T), want a *ConnectionError after %d attempts", err, err, tc.wantN)
					}
					if !errors.Is(err, syscall.ECONNRESET) {
						t.Errorf("error %v does not wrap the connection error", err)
					}
				}
				calls := fake.Calls()
				if len(calls) != tc.wantN {
					t.Fatalf("%d attempts, want %d", len(calls), tc.wantN)
				}
				for i, c := range calls[1:] {
					if diff := cmp.Diff(calls[0], c); diff != "" {
						t.Errorf("attempt %d differs from the first (-first +attempt):\n%s", i+2, diff)
					}
				}
				if elapsed := time.Since(start); tc.wantOK && elapsed != tc.wantWait {
					t.Errorf("took %s, want %s", elapsed, tc.wantWait)
				}
			})
		})
	}
}

// TestRetryAfter checks that a 429's Retry-After is honoured by a retried
// operation.
func TestRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		limited := fail(http.StatusTooManyRequests, "Too many requests, please slow down")
		limited.Header = http.Header{"Retry-After": {"7"}}
		fake := newFake(t, limited, ok(bodyReady))
		gc := fake.inMemory(t, WithRetry(noJitter()))
		start := time.Now()
		if _, err := gc.Sessions.Get(t.Context(), sessionID); err != nil {
			t.Fatalf("Get: %v", err)
		}
		if elapsed := time.Since(start); elapsed != 7*time.Second {
			t.Errorf("retried after %s, want 7s", elapsed)
		}
	})
}
