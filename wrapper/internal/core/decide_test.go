package core

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

func TestDecide(t *testing.T) {
	p, err := normalizePolicy(sessionkit.RetryPolicy{Jitter: -1, InitialBackoff: 100 * time.Millisecond, MaxBackoff: 2 * time.Second}, "")
	if err != nil {
		t.Fatal(err)
	}
	get := facts{policy: &p, idempotent: true, rewindable: true, untilDeadline: -1}
	post := get
	post.idempotent = false
	refreshable := get
	refreshable.refreshable = true
	refreshableNoRetry := refreshable
	refreshableNoRetry.noRetry = true
	reauthed := refreshable
	reauthed.reauthed = true
	tests := []struct {
		name    string
		attempt int
		o       outcome
		f       facts
		want    decision
	}{
		{"503 on GET retries with backoff", 1, outcome{status: 503}, get, decision{retry: true, wait: 100 * time.Millisecond}},
		{"backoff doubles", 2, outcome{status: 503}, get, decision{retry: true, wait: 200 * time.Millisecond}},
		{"last attempt stops", 3, outcome{status: 503}, get, decision{}},
		{"404 is not retried", 1, outcome{status: 404}, get, decision{}},
		{"Retry-After is a floor", 1, outcome{status: 429, retryAfter: time.Second}, get, decision{retry: true, wait: time.Second}},
		{"Retry-After over MaxBackoff is not slept", 1, outcome{status: 429, retryAfter: time.Minute}, get, decision{notSlept: time.Minute}},
		{"a wait past the deadline is not made", 1, outcome{status: 503}, facts{policy: &p, idempotent: true, rewindable: true, untilDeadline: 50 * time.Millisecond}, decision{notSlept: 100 * time.Millisecond}},
		{"a wait that ends at the deadline is not made", 1, outcome{status: 503}, facts{policy: &p, idempotent: true, rewindable: true, untilDeadline: 100 * time.Millisecond}, decision{notSlept: 100 * time.Millisecond}},
		{"a deadline reached now leaves no wait", 1, outcome{status: 503}, facts{policy: &p, idempotent: true, rewindable: true, untilDeadline: 0}, decision{notSlept: 100 * time.Millisecond}},
		{"a wait that ends before the deadline is made", 1, outcome{status: 503}, facts{policy: &p, idempotent: true, rewindable: true, untilDeadline: 101 * time.Millisecond}, decision{retry: true, wait: 100 * time.Millisecond}},
		{"Retry-After of exactly MaxBackoff is slept", 1, outcome{status: 429, retryAfter: 2 * time.Second}, get, decision{retry: true, wait: 2 * time.Second}},
		{"Retry-After under the backoff leaves the backoff", 2, outcome{status: 503, retryAfter: 50 * time.Millisecond}, get, decision{retry: true, wait: 200 * time.Millisecond}},
		{"a connection error on GET retries", 1, outcome{connErr: true}, get, decision{retry: true, wait: 100 * time.Millisecond}},
		{"a connection error on a create stops", 1, outcome{connErr: true}, post, decision{}},
		{"a dial failure on a create retries", 1, outcome{connErr: true, neverSent: true}, post, decision{retry: true, wait: 100 * time.Millisecond}},
		{"503 on a create stops", 1, outcome{status: 503}, post, decision{}},
		{"429 on a create retries", 1, outcome{status: 429}, post, decision{retry: true, wait: 100 * time.Millisecond}},
		{"408 on a create retries", 1, outcome{status: 408}, post, decision{retry: true, wait: 100 * time.Millisecond}},
		{"a final (local) error stops", 1, outcome{connErr: true, final: true}, get, decision{}},
		{"no retries", 1, outcome{status: 503}, facts{policy: &p, noRetry: true, idempotent: true, rewindable: true, untilDeadline: -1}, decision{}},
		{"a body that cannot rewind stops", 1, outcome{status: 503}, facts{policy: &p, idempotent: true, untilDeadline: -1}, decision{}},
		{"429 on the last attempt keeps Retry-After", 3, outcome{status: 429, retryAfter: time.Second}, get, decision{notSlept: time.Second}},
		{"401 to refreshable credentials goes again at once", 1, outcome{status: 401}, refreshable, decision{retry: true, reauth: true}},
		{"401 on the last attempt still reauthenticates", 3, outcome{status: 401}, refreshable, decision{retry: true, reauth: true}},
		{"401 with retries off still reauthenticates", 1, outcome{status: 401}, refreshableNoRetry, decision{retry: true, reauth: true}},
		{"a second 401 is final", 2, outcome{status: 401}, reauthed, decision{}},
		{"401 to static credentials is final", 1, outcome{status: 401}, get, decision{}},
		{"401 with a body that cannot rewind is final", 1, outcome{status: 401}, facts{policy: &p, idempotent: true, refreshable: true, untilDeadline: -1}, decision{}},
		{"the fresh-credentials try is not counted", 3, outcome{status: 503}, reauthed, decision{retry: true, wait: 200 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decide(tt.attempt, tt.o, tt.f)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(decision{})); diff != "" {
				t.Errorf("decide(%d, %+v) mismatch (-want +got):\n%s", tt.attempt, tt.o, diff)
			}
		})
	}
}

func TestDecideJitter(t *testing.T) {
	p, _ := normalizePolicy(sessionkit.RetryPolicy{InitialBackoff: time.Second, Jitter: 0.5}, "")
	f := facts{policy: &p, idempotent: true, rewindable: true, untilDeadline: -1, jitter: 0.5}
	if got := decide(1, outcome{status: 503}, f); got.wait != 750*time.Millisecond {
		t.Errorf("wait = %s, want 750ms (1s less half of 50%%)", got.wait)
	}
}
