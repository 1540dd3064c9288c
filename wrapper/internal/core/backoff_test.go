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
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestBackoff(t *testing.T) {
	p, err := RetryPolicy{InitialBackoff: 500 * time.Millisecond, MaxBackoff: 3 * time.Second, Jitter: 0.5}.normalized("")
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
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.attempt, "/", tt.rnd), func(t *testing.T) {
			if got := p.backoff(tt.attempt, func() float64 { return tt.rnd }); got != tt.want {
				t.Errorf("backoff(%d, %v) = %v, want %v", tt.attempt, tt.rnd, got, tt.want)
			}
		})
	}
	noJitter, _ := RetryPolicy{Jitter: -3}.normalized("")
	if got := noJitter.backoff(2, func() float64 { return 0.9 }); got != time.Second {
		t.Errorf("no jitter: %v", got)
	}
	clamped, _ := RetryPolicy{InitialBackoff: time.Minute, MaxBackoff: time.Second}.normalized("")
	if clamped.InitialBackoff != time.Second {
		t.Errorf("InitialBackoff not clamped to MaxBackoff: %v", clamped.InitialBackoff)
	}
}

func TestDefaultRetryPolicy(t *testing.T) {
	zero, err := RetryPolicy{}.normalized("")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultRetryPolicy(), zero, cmpopts.IgnoreFields(RetryPolicy{}, "OnRetry")); diff != "" {
		t.Errorf("zero policy differs from DefaultRetryPolicy (-default +zero):\n%s", diff)
	}
	statuses := []int{503}
	p := RetryPolicy{RetryStatuses: statuses}
	n, _ := p.normalized("")
	statuses[0] = 400
	if n.RetryStatuses[0] != 503 {
		t.Error("normalized policy aliases the caller's slice")
	}
}

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
		{"invalid argument", context.Background(), InvalidArgument("x", "y"), false},
	}
	for _, tt := range tests {
		if got := retryableTransportError(tt.ctx, tt.err); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNewPage(t *testing.T) {
	resp := &http.Response{Header: http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"12"}, "Set-Cookie": {"s=1"}, "X-Zendesk-Request-Id": {"r"}}}
	p := NewPage(resp, []string{"a"})
	want := &Page[string]{Items: []string{"a"}, RateLimit: RateLimit{Limit: 700, Remaining: 12, Present: true},
		Header: http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"12"}, "X-Zendesk-Request-Id": {"r"}}}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if p := NewPage[int](nil, nil); p == nil || p.Header != nil {
		t.Errorf("nil resp: %+v", p)
	}
}

// TestConcurrentCalls runs prepared and plain calls from many goroutines
// (meaningful under -race).
func TestConcurrentCalls(t *testing.T) {
	rec := &recorder{handle: func(n int, req *http.Request) (*http.Response, error) {
		if n%3 == 0 {
			return fakeResponse(req, 503, nil, "busy"), nil
		}
		return fakeResponse(req, 200, nil, `{"ok":true}`), nil
	}}
	e := testEngine(t, rec, WithHeader("X-A", "1"), WithAuth(StaticBearer("t")),
		WithRetry(RetryPolicy{InitialBackoff: time.Microsecond, Jitter: -1}))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for range 20 {
				ctx := t.Context()
				if i%2 == 0 {
					var err error
					if ctx, err = e.Prepare(ctx, WithHeader("X-B", "2"), WithUserAgent("g/1")); err != nil {
						t.Error(err)
						return
					}
				}
				req, _ := http.NewRequestWithContext(ctx, "GET", e.BaseURL()+"/x", nil)
				resp, err := e.Do(req)
				if errors.Is(err, ErrServer) {
					continue // three 503s in a row can happen when calls interleave
				}
				if err != nil {
					t.Error(err)
					return
				}
				if err := DecodeJSON(resp, new(map[string]bool)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}
