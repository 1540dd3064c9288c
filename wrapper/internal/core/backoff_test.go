package core

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

func TestBackoff(t *testing.T) {
	p, err := normalizePolicy(sessionkit.RetryPolicy{InitialBackoff: 500 * time.Millisecond, MaxBackoff: 3 * time.Second, Jitter: 0.5}, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		attempt int
		rnd     float64
		want    time.Duration
	}{
		{1, 0, 500 * time.Millisecond},
		{2, 0, time.Second},
		{3, 0, 2 * time.Second},
		{4, 0, 3 * time.Second}, // capped
		{1000, 0, 3 * time.Second},
		{math.MaxInt, 0, 3 * time.Second},
		{0, 0, 500 * time.Millisecond}, // clamped to the first attempt
		{-5, 0, 500 * time.Millisecond},
		{1, 0.5, 375 * time.Millisecond}, // 500ms − 50% × 0.5
		{4, 0.999, 3*time.Second - time.Duration(float64(3*time.Second)*0.5*0.999)},
		{1, math.NaN(), 500 * time.Millisecond}, // a broken source means no jitter
		{1, 7, 500 * time.Millisecond},
		{1, 1, 500 * time.Millisecond},
		{1, -0.5, 500 * time.Millisecond},
		{1, math.Inf(-1), 500 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.attempt, "/", tt.rnd), func(t *testing.T) {
			if got := backoff(&p, tt.attempt, tt.rnd); got != tt.want {
				t.Errorf("backoff(%d, %v) = %v, want %v", tt.attempt, tt.rnd, got, tt.want)
			}
		})
	}
	noJitter, _ := normalizePolicy(sessionkit.RetryPolicy{Jitter: -3}, "")
	if got := backoff(&noJitter, 2, 0.9); got != time.Second {
		t.Errorf("no jitter: %v", got)
	}
	clamped, _ := normalizePolicy(sessionkit.RetryPolicy{InitialBackoff: time.Minute, MaxBackoff: time.Second}, "")
	if clamped.InitialBackoff != time.Second {
		t.Errorf("InitialBackoff not clamped to MaxBackoff: %v", clamped.InitialBackoff)
	}
}

func TestDefaultRetryPolicy(t *testing.T) {
	zero, err := normalizePolicy(sessionkit.RetryPolicy{}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := sessionkit.RetryPolicy{
		MaxAttempts: sessionkit.DefaultMaxAttempts, InitialBackoff: sessionkit.DefaultInitialBackoff,
		MaxBackoff: sessionkit.DefaultMaxBackoff, Multiplier: sessionkit.DefaultMultiplier, Jitter: sessionkit.DefaultJitter,
		RetryStatuses: []int{408, 429, 500, 502, 503, 504},
	}
	if diff := cmp.Diff(want, zero, cmpopts.IgnoreFields(sessionkit.RetryPolicy{}, "OnRetry")); diff != "" {
		t.Errorf("zero policy differs from the documented defaults (-default +zero):\n%s", diff)
	}
	statuses := []int{503}
	n, _ := normalizePolicy(sessionkit.RetryPolicy{RetryStatuses: statuses}, "")
	statuses[0] = 400
	if n.RetryStatuses[0] != 503 {
		t.Error("normalized policy aliases the caller's slice")
	}
	// Retry copies the caller's slice when the option is made.
	statuses = []int{503}
	rec := &recorder{handle: always(503, nil, "")}
	e := testEngine(t, rec, Retry(sessionkit.RetryPolicy{RetryStatuses: statuses, InitialBackoff: time.Microsecond, Jitter: -1}))
	statuses[0] = 400
	if got := e.client.cfg.policy.RetryStatuses; !cmp.Equal(got, []int{503}) {
		t.Errorf("engine RetryStatuses = %v, want [503]", got)
	}
}

var errConnRefused = errors.New("dial tcp 10.0.0.1:443: connect: connection refused")

func TestRetryableTransportError(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want bool
	}{
		{"connection refused", context.Background(), errConnRefused, true},
		{"reset", context.Background(), errors.New("read: connection reset by peer"), true},
		{"context done", canceled, errConnRefused, false},
		{"wrapped canceled", context.Background(), fmt.Errorf("x: %w", context.Canceled), false},
		{"deadline", context.Background(), context.DeadlineExceeded, false},
		{"unknown authority", context.Background(), fmt.Errorf("tls: %w", x509.UnknownAuthorityError{}), false},
		{"hostname", context.Background(), x509.HostnameError{Host: "x"}, false},
		{"cert verification", context.Background(), &tls.CertificateVerificationError{Err: errors.New("bad")}, false},
		{"invalid argument", context.Background(), invalid("x", nil, "y"), false},
	}
	for _, tt := range tests {
		if got := retryableTransportError(tt.ctx, tt.err); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSleep(t *testing.T) {
	//lint:ignore SA1012 a nil context must be an error, not a panic
	if err := Sleep(nil, time.Second); !errors.Is(err, sessionkit.ErrInvalidArgument) {
		t.Errorf("Sleep(nil): %v", err)
	}
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if err := Sleep(t.Context(), 3*time.Second); err != nil || time.Since(start) != 3*time.Second {
			t.Errorf("Sleep(3s) = %v after %v", err, time.Since(start))
		}
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(time.Second, cancel)
		start = time.Now()
		if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) || time.Since(start) != time.Second {
			t.Errorf("Sleep cancelled = %v after %v, want Canceled after 1s", err, time.Since(start))
		}
		for range 64 { // a timer would race the done context: each try is a coin toss
			if err := Sleep(ctx, 0); !errors.Is(err, context.Canceled) {
				t.Fatalf("Sleep(done ctx, 0) = %v", err)
			}
		}
		if err := Sleep(t.Context(), -time.Second); err != nil {
			t.Errorf("Sleep(-1s) = %v", err)
		}
	})
}

// TestConcurrentCalls runs calls with and without their own options from
// many goroutines (meaningful under -race).
func TestConcurrentCalls(t *testing.T) {
	rec := &recorder{handle: func(n int, req *http.Request) (*http.Response, error) {
		if n%3 == 0 {
			return fakeResponse(req, 503, nil, "busy"), nil
		}
		return fakeResponse(req, 200, nil, `{"ok":true}`), nil
	}}
	e := testEngine(t, rec, Header("X-A", "1"), Auth("WithOAuthToken", StaticHeader("Authorization", "Bearer", "t")),
		Retry(sessionkit.RetryPolicy{InitialBackoff: time.Microsecond, Jitter: -1}))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for range 20 {
				var opts []Option
				if i%2 == 0 {
					opts = []Option{Header("X-B", "2"), UserAgent("g/1")}
				}
				var v map[string]bool
				err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), &v, opts...)
				if errors.Is(err, sessionkit.ErrServer) {
					continue // three 503s in a row can happen when calls interleave
				}
				if err != nil {
					t.Error(err)
					return
				}
				if !v["ok"] {
					t.Errorf("decoded %v", v)
				}
			}
		})
	}
	wg.Wait()
	for n := 1; n <= rec.calls(); n++ {
		h := rec.header(n)
		if h.Get("Authorization") != "Bearer t" || h.Get("X-A") != "1" {
			t.Fatalf("request %d lacks the client's headers: %v", n, h)
		}
	}
}
