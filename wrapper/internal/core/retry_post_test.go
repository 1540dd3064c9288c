package core

import (
	"errors"
	"net"
	"net/http"
	"syscall"
	"testing"
	"testing/synctest"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestPOSTRetriedOnlyWhenNotProcessed covers what a POST that is not marked
// safe may be retried on: failures that prove the server never acted on it.
func TestPOSTRetriedOnlyWhenNotProcessed(t *testing.T) {
	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	resetErr := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	tests := []struct {
		name         string
		fail         func(req *http.Request) (*http.Response, error)
		opts         []Option
		wantAttempts int
	}{
		{"connection refused: never sent", func(*http.Request) (*http.Response, error) { return nil, dialErr }, nil, 3},
		{"host not found: never sent", func(*http.Request) (*http.Response, error) {
			return nil, &net.DNSError{Err: "no such host", Name: "api.example", IsNotFound: true}
		}, nil, 3},
		{"connection reset after sending: ambiguous", func(*http.Request) (*http.Response, error) { return nil, resetErr }, nil, 1},
		{"429: refused by the rate limiter", func(req *http.Request) (*http.Response, error) {
			return fakeResponse(req, 429, nil, `{"message":"slow down"}`), nil
		}, nil, 3},
		{"408: request not received", func(req *http.Request) (*http.Response, error) {
			return fakeResponse(req, 408, nil, `{"message":"timeout"}`), nil
		}, nil, 3},
		{"503: ambiguous", func(req *http.Request) (*http.Response, error) {
			return fakeResponse(req, 503, nil, `{"message":"down"}`), nil
		}, nil, 1},
		{"503 with an Idempotency-Key from WithHeader", func(req *http.Request) (*http.Response, error) {
			return fakeResponse(req, 503, nil, `{"message":"down"}`), nil
		}, []Option{Header("Idempotency-Key", "create-42")}, 3},
		{"503 with an X-Idempotency-Key from WithHeader", func(req *http.Request) (*http.Response, error) {
			return fakeResponse(req, 503, nil, `{"message":"down"}`), nil
		}, []Option{Header("X-Idempotency-Key", "create-42")}, 3},
		{"503 after opting in", func(req *http.Request) (*http.Response, error) {
			return fakeResponse(req, 503, nil, `{"message":"down"}`), nil
		}, []Option{RetryNonIdempotent()}, 3},
	}
	for _, tt := range tests {
		for _, perCall := range []bool{false, true} {
			name := tt.name
			if perCall {
				name += "/per call"
			}
			t.Run(name, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					rec := &recorder{handle: func(_ int, req *http.Request) (*http.Response, error) { return tt.fail(req) }}
					clientOpts, callOpts := append([]Option{Retry(exactPolicy())}, tt.opts...), []Option(nil)
					if perCall {
						clientOpts, callOpts = []Option{Retry(exactPolicy())}, tt.opts
					}
					e := testEngine(t, rec, clientOpts...)
					op := &Op{Name: "createSession", Method: http.MethodPost}
					err := call(t, e, t.Context(), op, newRequest(t, e, http.MethodPost, "v1/session", `{"app_name":"a"}`, true), nil, callOpts...)
					if err == nil {
						t.Fatal("no error")
					}
					if got := rec.calls(); got != tt.wantAttempts {
						t.Errorf("attempts = %d, want %d (err: %v)", got, tt.wantAttempts, err)
					}
					if e, ok := errors.AsType[*sessionkit.APIError](err); ok && e.Attempts != tt.wantAttempts {
						t.Errorf("APIError.Attempts = %d, want %d", e.Attempts, tt.wantAttempts)
					}
					if e, ok := errors.AsType[*sessionkit.ConnectionError](err); ok && e.Attempts != tt.wantAttempts {
						t.Errorf("ConnectionError.Attempts = %d, want %d", e.Attempts, tt.wantAttempts)
					}
					for i, b := range rec.bodies {
						if b != `{"app_name":"a"}` {
							t.Errorf("attempt %d sent body %q", i+1, b)
						}
					}
					rec.allDone(t)
				})
			})
		}
	}
}
