package gameserver

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// repeat returns n copies of r.
func repeat(r reply, n int) []reply {
	out := make([]reply, n)
	for i := range out {
		out[i] = r
	}
	return out
}

// TestWaitReadyAfterPolls checks that WaitReady polls with a doubling,
// capped interval until the session is ready, under a fake clock.
func TestWaitReadyAfterPolls(t *testing.T) {
	tests := []struct {
		name        string
		waiting     int
		opts        []Option
		clientOpts  []Option
		wantElapsed time.Duration
	}{
		{"ready at once", 0, nil, nil, 0},
		{"default intervals", 4, nil, nil, (1 + 2 + 4 + 8) * time.Second},
		{"default cap", 6, nil, nil, (1 + 2 + 4 + 8 + 10 + 10) * time.Second},
		{"per-call interval", 4, []Option{WithPollInterval(100*time.Millisecond, 250*time.Millisecond)}, nil,
			(100 + 200 + 250 + 250) * time.Millisecond},
		{"client interval", 3, nil, []Option{WithPollInterval(time.Second, time.Second)}, 3 * time.Second},
		{"per-call overrides client", 2, []Option{WithPollInterval(5*time.Second, 5*time.Second)},
			[]Option{WithPollInterval(time.Second, time.Second)}, 10 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fake := newFake(t, append(repeat(ok(bodyWaiting), tc.waiting), ok(bodyReady))...)
				gc := fake.inMemory(t, tc.clientOpts...)
				start := time.Now()
				got, err := gc.Sessions.WaitReady(t.Context(), sessionID, tc.opts...)
				if err != nil {
					t.Fatalf("WaitReady: %v", err)
				}
				if diff := cmp.Diff(wantReady(), got); diff != "" {
					t.Errorf("session (-want +got):\n%s", diff)
				}
				if elapsed := time.Since(start); elapsed != tc.wantElapsed {
					t.Errorf("waited %s, want %s", elapsed, tc.wantElapsed)
				}
				if n := len(fake.Calls()); n != tc.waiting+1 {
					t.Errorf("%d polls, want %d", n, tc.waiting+1)
				}
			})
		})
	}
}

// TestWaitReadyStops checks each way WaitReady gives up, and the typed
// error it gives up with.
func TestWaitReadyStops(t *testing.T) {
	tests := []struct {
		name      string
		replies   []reply
		timeout   time.Duration
		cancelAt  time.Duration
		wantIs    []error
		wantPolls int
		wantLast  bool
		wantAfter time.Duration
		// wantFailed polls failed transiently, the last with wantFailure.
		wantFailed  int
		wantFailure error
	}{
		{
			name:      "session error",
			replies:   []reply{ok(bodyWaiting), ok(bodyFailed)},
			wantIs:    []error{ErrSessionFailed},
			wantPolls: 2, wantLast: true, wantAfter: time.Second,
		},
		{
			name:      "deleted",
			replies:   []reply{ok(bodyWaiting), ok(bodyWaiting), fail(http.StatusNotFound, "Session 950dd2eaff09-S not found")},
			wantIs:    []error{ErrNotFound},
			wantPolls: 3, wantLast: true, wantAfter: 3 * time.Second,
		},
		{
			name:      "terminated",
			replies:   []reply{fail(http.StatusGone, "Session 950dd2eaff09-S is already terminated")},
			wantIs:    []error{ErrGone},
			wantPolls: 1,
		},
		{
			name:      "unauthorized",
			replies:   []reply{fail(http.StatusUnauthorized, "Invalid authentication token")},
			wantIs:    []error{ErrUnauthorized},
			wantPolls: 1,
		},
		{
			name:      "forbidden",
			replies:   []reply{fail(http.StatusServiceUnavailable, "busy"), fail(http.StatusForbidden, "Not your session")},
			wantIs:    []error{ErrForbidden},
			wantPolls: 2, wantAfter: time.Second, wantFailed: 1, wantFailure: ErrServer,
		},
		{
			name:      "transient failures until the deadline",
			replies:   []reply{ok(bodyWaiting), fail(http.StatusBadGateway, "bad gateway"), fail(http.StatusServiceUnavailable, "busy")},
			timeout:   5 * time.Second,
			wantIs:    []error{context.DeadlineExceeded},
			wantPolls: 3, wantLast: true, wantAfter: 3 * time.Second, wantFailed: 2, wantFailure: ErrServer,
		},
		{
			name: "a 429's Retry-After spaces the next poll",
			replies: []reply{{Status: http.StatusTooManyRequests, Body: `{"message": "slow down"}`, Header: http.Header{"Retry-After": {"5"}}},
				ok(bodyFailed)},
			wantIs:    []error{ErrSessionFailed},
			wantPolls: 2, wantLast: true, wantAfter: 5 * time.Second, wantFailed: 1, wantFailure: ErrRateLimited,
		},
		{
			name:      "deadline: the next poll would not come before it",
			replies:   []reply{ok(bodyWaiting)},
			timeout:   5 * time.Second,
			wantIs:    []error{context.DeadlineExceeded},
			wantPolls: 3, wantLast: true, wantAfter: 3 * time.Second,
		},
		{
			name:      "deadline: the next poll would come exactly at it",
			replies:   []reply{ok(bodyWaiting)},
			timeout:   3 * time.Second,
			wantIs:    []error{context.DeadlineExceeded},
			wantPolls: 2, wantLast: true, wantAfter: time.Second,
		},
		{
			name:      "deadline during a poll",
			replies:   []reply{{Status: http.StatusOK, Body: bodyWaiting, Delay: 2 * time.Second}},
			timeout:   4 * time.Second,
			wantIs:    []error{context.DeadlineExceeded},
			wantPolls: 2, wantLast: true, wantAfter: 4 * time.Second,
		},
		{
			name:      "cancelled while waiting",
			replies:   []reply{ok(bodyWaiting)},
			cancelAt:  1500 * time.Millisecond,
			wantIs:    []error{context.Canceled},
			wantPolls: 2, wantLast: true, wantAfter: 1500 * time.Millisecond,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fake := newFake(t, tc.replies...)
				gc := fake.inMemory(t, WithoutRetries())
				ctx := t.Context()
				if tc.timeout > 0 {
					var cancel context.CancelFunc
					ctx, cancel = context.WithTimeout(ctx, tc.timeout)
					defer cancel()
				}
				if tc.cancelAt > 0 {
					var cancel context.CancelFunc
					ctx, cancel = context.WithCancel(ctx)
					defer cancel()
					time.AfterFunc(tc.cancelAt, cancel)
				}
				start := time.Now()
				got, err := gc.Sessions.WaitReady(ctx, sessionID)
				if got != nil {
					t.Errorf("session %+v, want nil", got)
				}
				for _, want := range tc.wantIs {
					if !errors.Is(err, want) {
						t.Errorf("errors.Is(%v, %v) = false", err, want)
					}
				}
				waitErr, ok := errors.AsType[*WaitError](err)
				if !ok {
					t.Fatalf("error %v (%T) is not a *WaitError", err, err)
				}
				if waitErr.SessionID != sessionID || waitErr.Polls != tc.wantPolls || (waitErr.Last != nil) != tc.wantLast {
					t.Errorf("WaitError = %q, %d polls, last %v; want %d polls, last %v",
						waitErr.SessionID, waitErr.Polls, waitErr.Last != nil, tc.wantPolls, tc.wantLast)
				}
				if waitErr.Failed != tc.wantFailed || !errors.Is(waitErr.LastFailure, tc.wantFailure) || (waitErr.LastFailure == nil) != (tc.wantFailure == nil) {
					t.Errorf("WaitError: %d failed, the last with %v; want %d, %v", waitErr.Failed, waitErr.LastFailure, tc.wantFailed, tc.wantFailure)
				}
				if n := len(fake.Calls()); n != tc.wantPolls {
					t.Errorf("%d requests, want %d", n, tc.wantPolls)
				}
				if elapsed := time.Since(start); elapsed != tc.wantAfter {
					t.Errorf("gave up after %s, want %s", elapsed, tc.wantAfter)
				}
			})
		})
	}
}

// TestWaitReadyFailure checks the *SessionFailedError of a failed session.
func TestWaitReadyFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		gc := newFake(t, ok(bodyFailed)).inMemory(t)
		_, err := gc.Sessions.WaitReady(t.Context(), sessionID)
		failed, ok := errors.AsType[*SessionFailedError](err)
		if !ok {
			t.Fatalf("error %v is not a *SessionFailedError", err)
		}
		want := &SessionFailedError{SessionID: sessionID, Status: StatusUnprocessable, Reason: "No deployment matches the session's selectors"}
		if diff := cmp.Diff(want, failed); diff != "" {
			t.Errorf("SessionFailedError (-want +got):\n%s", diff)
		}
	})
}

// TestCreateWaitReady checks create + wait in one call, per call and per
// client, and the result when the wait fails.
func TestCreateWaitReady(t *testing.T) {
	req := &CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}}
	tests := []struct {
		name       string
		clientOpts []Option
		callOpts   []Option
		replies    []reply
		wantReady  bool
		wantErr    error
		wantCalls  []string
	}{
		{
			name:      "without the option",
			replies:   []reply{ok(bodyCreated)},
			wantCalls: []string{"POST /v1/session"},
		},
		{
			name:      "per call",
			callOpts:  []Option{WithWaitReady()},
			replies:   []reply{ok(bodyCreated), ok(bodyWaiting), ok(bodyReady)},
			wantReady: true,
			wantCalls: []string{"POST /v1/session", "GET /v1/session/950dd2eaff09-S", "GET /v1/session/950dd2eaff09-S"},
		},
		{
			name:      "the wait fails",
			callOpts:  []Option{WithWaitReady()},
			replies:   []reply{ok(bodyCreated), ok(bodyFailed)},
			wantErr:   ErrSessionFailed,
			wantCalls: []string{"POST /v1/session", "GET /v1/session/950dd2eaff09-S"},
		},
		{
			name:      "the create fails",
			callOpts:  []Option{WithWaitReady()},
			replies:   []reply{fail(http.StatusBadRequest, "App version v1.2.0 of my-game is disabled")},
			wantErr:   ErrBadRequest,
			wantCalls: []string{"POST /v1/session"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fake := newFake(t, tc.replies...)
				gc := fake.inMemory(t, tc.clientOpts...)
				created, err := gc.Sessions.Create(t.Context(), req, tc.callOpts...)
				if !errors.Is(err, tc.wantErr) || (err == nil) != (tc.wantErr == nil) {
					t.Fatalf("Create error %v, want %v", err, tc.wantErr)
				}
				switch {
				case errors.Is(err, ErrBadRequest):
					if created != nil {
						t.Errorf("created %+v after a failed create", created)
					}
				case created == nil || created.ID != sessionID:
					t.Errorf("created = %+v, want session %s (also when the wait fails)", created, sessionID)
				case (created.Ready != nil) != tc.wantReady:
					t.Errorf("created.Ready = %+v, want ready %v", created.Ready, tc.wantReady)
				case tc.wantReady:
					if diff := cmp.Diff(wantReady(), created.Ready); diff != "" {
						t.Errorf("created.Ready (-want +got):\n%s", diff)
					}
				}
				var calls []string
				for _, c := range fake.Calls() {
					calls = append(calls, c.Method+" "+c.URI)
				}
				if diff := cmp.Diff(tc.wantCalls, calls); diff != "" {
					t.Errorf("requests (-want +got):\n%s", diff)
				}
			})
		})
	}
}

func TestNextPollWait(t *testing.T) {
	tests := []struct{ wait, max, want time.Duration }{
		{time.Second, 10 * time.Second, 2 * time.Second},
		{6 * time.Second, 10 * time.Second, 10 * time.Second},
		{10 * time.Second, 10 * time.Second, 10 * time.Second},
		{5, 11, 10}, // exactly half an odd max: doubled, not max
		{1 << 62, 1<<63 - 1, 1<<63 - 1},
	}
	for _, tc := range tests {
		if got := nextPollWait(tc.wait, tc.max); got != tc.want || got <= 0 {
			t.Errorf("nextPollWait(%d, %d) = %d, want %d", tc.wait, tc.max, got, tc.want)
		}
	}
}
