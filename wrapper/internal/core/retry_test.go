package core

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestRetryMatrix runs method × status × Retry-After form × rewindable body
// against an in-memory server that always answers the same way, and checks
// the attempts, the exact time spent waiting, the error and that every
// response was drained and closed.
func TestRetryMatrix(t *testing.T) {
	type method struct {
		name      string
		verb      string
		retrySafe bool // MarkRetrySafe
		optIn     bool // WithRetryNonIdempotent
		body      string
		idem      bool // expected to be retried on every retryable failure
	}
	methods := []method{
		{name: "GET", verb: "GET", idem: true},
		{name: "PUT", verb: "PUT", body: `{"ip_list":["1.2.3.4"]}`, idem: true},
		{name: "DELETE", verb: "DELETE", body: `{"ip_list":["1.2.3.4"]}`, idem: true},
		{name: "POST", verb: "POST", body: `{"app_name":"a"}`, idem: false},
		{name: "POST-marked-safe", verb: "POST", body: `{"filters":[]}`, retrySafe: true, idem: true},
		{name: "POST-opt-in", verb: "POST", body: `{"app_name":"a"}`, optIn: true, idem: true},
		{name: "PATCH", verb: "PATCH", body: `{}`, idem: false},
	}
	statuses := []int{200, 204, 400, 404, 408, 429, 500, 502, 503, 504}
	type raForm struct {
		name   string
		header func(now time.Time) string
		wait   time.Duration // Retry-After as a wait, 0 for none
	}
	raForms := []raForm{
		{name: "none"},
		{name: "seconds", header: func(time.Time) string { return "2" }, wait: 2 * time.Second},
		{name: "http-date", header: func(now time.Time) string { return now.Add(3 * time.Second).UTC().Format(http.TimeFormat) }, wait: 3 * time.Second},
		{name: "too-long", header: func(time.Time) string { return "120" }, wait: 120 * time.Second},
	}
	retryStatus := map[int]bool{408: true, 429: true, 500: true, 502: true, 503: true, 504: true}

	for _, m := range methods {
		for _, status := range statuses {
			for _, ra := range raForms {
				for _, rewindable := range []bool{true, false} {
					if m.body == "" && !rewindable {
						continue // no body: nothing to rewind
					}
					name := fmt.Sprintf("%s/%d/%s/rewindable=%v", m.name, status, ra.name, rewindable)
					t.Run(name, func(t *testing.T) {
						synctest.Test(t, func(t *testing.T) {
							rec := &recorder{handle: func(_ int, req *http.Request) (*http.Response, error) {
								h := http.Header{"X-Zendesk-Request-Id": {"req-1"}}
								if ra.header != nil {
									h.Set("Retry-After", ra.header(time.Now()))
								}
								body := `{"error":"Oops","description":"it failed"}`
								if status < 400 {
									body = `{"ok":true}`
								}
								return fakeResponse(req, status, h, body), nil
							}}
							var opts []Option
							if m.optIn {
								opts = append(opts, WithRetryNonIdempotent())
							}
							e := testEngine(t, rec, append(opts, WithRetry(exactPolicy()))...)
							ctx := t.Context()
							if m.retrySafe {
								ctx = MarkRetrySafe(ctx)
							}
							req := newRequest(t, ctx, e, m.verb, "/v1/thing", m.body, rewindable)

							start := time.Now()
							resp, err := e.Do(req)
							elapsed := time.Since(start)

							// What the policy says should happen.
							// A method that is not safe to repeat is retried only on a
							// status saying the request was not processed (408, 429).
							notProcessed := status == 408 || status == 429
							retried := status >= 400 && retryStatus[status] && (m.idem || notProcessed) && (rewindable || m.body == "")
							wantAttempts, wantElapsed, wantRetryAfter := 1, time.Duration(0), ra.wait
							if retried {
								switch ra.name {
								case "none":
									wantAttempts, wantElapsed = 3, 1*time.Second+2*time.Second
								case "seconds":
									wantAttempts, wantElapsed = 3, 2*time.Second+2*time.Second
								case "http-date":
									wantAttempts, wantElapsed = 3, 3*time.Second+3*time.Second
								case "too-long": // beyond MaxBackoff: not slept, returned
									wantAttempts, wantElapsed = 1, 0
								}
							}

							if got := rec.calls(); got != wantAttempts {
								t.Errorf("attempts = %d, want %d", got, wantAttempts)
							}
							if elapsed != wantElapsed {
								t.Errorf("elapsed = %v, want %v", elapsed, wantElapsed)
							}
							for i, b := range rec.bodies {
								if b != m.body {
									t.Errorf("attempt %d sent body %q, want %q", i+1, b, m.body)
								}
							}
							if status < 400 {
								if err != nil {
									t.Fatalf("Do: %v", err)
								}
								Discard(resp)
								rec.allDone(t)
								return
							}
							if resp != nil {
								t.Errorf("Do returned a response with an error")
							}
							apiErr, ok := errors.AsType[*APIError](err)
							if !ok {
								t.Fatalf("error %T %v is not *APIError", err, err)
							}
							want := &APIError{
								StatusCode: status, Method: m.verb, URL: "https://api.example.com/base/v1/thing",
								Code: "Oops", Message: "it failed", RequestID: "req-1",
								RetryAfter: wantRetryAfter, Attempts: wantAttempts,
							}
							if diff := cmp.Diff(want, apiErr, cmpopts.IgnoreFields(APIError{}, "Header", "Body", "RateLimit")); diff != "" {
								t.Errorf("APIError mismatch (-want +got):\n%s", diff)
							}
							if s := sentinelFor(status); s != nil && !errors.Is(err, s) {
								t.Errorf("errors.Is(err, %v) = false", sentinelFor(status))
							}
							rec.allDone(t)
						})
					})
				}
			}
		}
	}
}

func TestRetryThenSuccess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: func(n int, req *http.Request) (*http.Response, error) {
			if n < 3 {
				return fakeResponse(req, 503, nil, strings.Repeat("x", 1000)), nil
			}
			return fakeResponse(req, 200, nil, `{"id":1}`), nil
		}}
		var events []RetryEvent
		p := exactPolicy()
		p.OnRetry = func(ev RetryEvent) { events = append(events, ev) }
		e := testEngine(t, rec, WithRetry(p))
		start := time.Now()
		resp, err := e.Do(newRequest(t, t.Context(), e, "GET", "/x", "", true))
		if err != nil {
			t.Fatal(err)
		}
		var v struct{ ID int }
		if err := DecodeJSON(resp, &v); err != nil || v.ID != 1 {
			t.Fatalf("DecodeJSON = %v, %+v", err, v)
		}
		if got := time.Since(start); got != 3*time.Second {
			t.Errorf("elapsed %v, want 3s", got)
		}
		want := []RetryEvent{
			{Attempt: 1, Wait: time.Second, StatusCode: 503, Method: "GET", URL: "https://api.example.com/base/x"},
			{Attempt: 2, Wait: 2 * time.Second, StatusCode: 503, Method: "GET", URL: "https://api.example.com/base/x"},
		}
		if diff := cmp.Diff(want, events); diff != "" {
			t.Errorf("events (-want +got):\n%s", diff)
		}
		rec.allDone(t)
	})
}

var errConnRefused = errors.New("dial tcp 10.0.0.1:443: connect: connection refused")

func TestRetryConnectionErrors(t *testing.T) {
	tests := []struct {
		name         string
		method       string
		failures     int
		wantCalls    int
		wantErr      bool
		wantElapsed  time.Duration
		wantAttempts string
	}{
		{name: "GET recovers", method: "GET", failures: 2, wantCalls: 3, wantElapsed: 3 * time.Second},
		{name: "GET gives up", method: "GET", failures: 5, wantCalls: 3, wantErr: true, wantElapsed: 3 * time.Second, wantAttempts: "(3 attempts)"},
		{name: "POST not retried", method: "POST", failures: 1, wantCalls: 1, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{handle: func(n int, req *http.Request) (*http.Response, error) {
					if n <= tt.failures {
						return nil, errConnRefused
					}
					return fakeResponse(req, 200, nil, "{}"), nil
				}}
				e := testEngine(t, rec, WithRetry(exactPolicy()))
				start := time.Now()
				resp, err := e.Do(newRequest(t, t.Context(), e, tt.method, "/x", "{}", true))
				if got := rec.calls(); got != tt.wantCalls {
					t.Errorf("calls = %d, want %d", got, tt.wantCalls)
				}
				if got := time.Since(start); got != tt.wantElapsed {
					t.Errorf("elapsed = %v, want %v", got, tt.wantElapsed)
				}
				if tt.wantErr {
					if !errors.Is(err, errConnRefused) {
						t.Fatalf("err = %v, want it to wrap the connection error", err)
					}
					if !strings.Contains(err.Error(), tt.wantAttempts) {
						t.Errorf("err = %q, want it to mention %q", err, tt.wantAttempts)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				Discard(resp)
			})
		})
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: always(503, http.Header{"Retry-After": {"20"}}, "busy")}
		e := testEngine(t, rec, WithRetry(exactPolicy()))
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		time.AfterFunc(1500*time.Millisecond, cancel)
		start := time.Now()
		_, err := e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
		if got := time.Since(start); got != 1500*time.Millisecond {
			t.Errorf("returned after %v, want 1.5s (at once on cancel)", got)
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		// The last answer is not lost: it comes back with the context error.
		if e, ok := errors.AsType[*APIError](err); !ok || e.StatusCode != 503 || e.Attempts != 1 {
			t.Errorf("err = %v, want it to carry the last response as an *APIError (503, 1 attempt)", err)
		}
		if rec.calls() != 1 {
			t.Errorf("calls = %d, want 1", rec.calls())
		}
		rec.allDone(t)
	})
}

func TestDeadline(t *testing.T) {
	t.Run("Retry-After past deadline is returned, not slept", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rec := &recorder{handle: always(429, http.Header{"Retry-After": {"10"}}, `{"errors":[{"code":"TooManyRequests","title":"Too many"}]}`)}
			e := testEngine(t, rec, WithRetry(exactPolicy()))
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			start := time.Now()
			_, err := e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
			if got := time.Since(start); got != 0 {
				t.Errorf("waited %v, want 0", got)
			}
			apiErr, ok := errors.AsType[*APIError](err)
			if !ok || apiErr.RetryAfter != 10*time.Second || apiErr.Attempts != 1 || !errors.Is(err, ErrRateLimited) {
				t.Fatalf("err = %v, want 429 APIError with RetryAfter 10s after 1 attempt", err)
			}
		})
	})
	t.Run("backoff past deadline stops early", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rec := &recorder{handle: always(500, nil, "boom")}
			e := testEngine(t, rec, WithRetry(exactPolicy()))
			ctx, cancel := context.WithTimeout(t.Context(), 2500*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
			if got := time.Since(start); got != time.Second {
				t.Errorf("elapsed %v, want 1s (the second wait of 2s does not fit)", got)
			}
			apiErr, ok := errors.AsType[*APIError](err)
			if !ok || apiErr.Attempts != 2 || apiErr.RetryAfter != 2*time.Second || apiErr.Message != "boom" {
				t.Fatalf("err = %#v", err)
			}
		})
	})
	t.Run("expired before the call", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rec := &recorder{handle: always(200, nil, "{}")}
			e := testEngine(t, rec)
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			defer cancel()
			time.Sleep(2 * time.Second)
			_, err := e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
			if !errors.Is(err, context.DeadlineExceeded) || rec.calls() != 0 {
				t.Fatalf("err = %v calls = %d", err, rec.calls())
			}
		})
	})
	t.Run("transport sees the deadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rec := &recorder{handle: func(_ int, req *http.Request) (*http.Response, error) {
				<-req.Context().Done()
				return nil, errors.New("transport: request aborted")
			}}
			e := testEngine(t, rec)
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			defer cancel()
			_, err := e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
			if !errors.Is(err, context.DeadlineExceeded) || rec.calls() != 1 {
				t.Fatalf("err = %v calls = %d", err, rec.calls())
			}
		})
	})
}

func TestNonRewindableBodyNotRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: always(503, nil, "")}
		e := testEngine(t, rec, WithRetry(exactPolicy()))
		req := newRequest(t, t.Context(), e, "PUT", "/x", "payload", false)
		_, err := e.Do(req)
		if !errors.Is(err, ErrServer) || rec.calls() != 1 {
			t.Fatalf("err = %v calls = %d, want one attempt", err, rec.calls())
		}
	})
}

func TestWithoutRetriesAndPolicies(t *testing.T) {
	tests := []struct {
		name  string
		opts  []Option
		call  []Option
		want  int
		after time.Duration
	}{
		{name: "client WithoutRetries", opts: []Option{WithoutRetries()}, want: 1},
		{name: "per call WithoutRetries", call: []Option{WithoutRetries()}, want: 1},
		{name: "per call MaxAttempts 5", call: []Option{WithRetry(RetryPolicy{MaxAttempts: 5, InitialBackoff: time.Millisecond, Jitter: -1})}, want: 5, after: 15 * time.Millisecond},
		{name: "MaxAttempts 1", opts: []Option{WithRetry(RetryPolicy{MaxAttempts: 1})}, want: 1},
		{name: "empty RetryStatuses", opts: []Option{WithRetry(RetryPolicy{RetryStatuses: []int{}})}, want: 1},
		{name: "WithRetry after WithoutRetries", opts: []Option{WithoutRetries(), WithRetry(exactPolicy())}, want: 3, after: 3 * time.Second},
		{name: "default policy", want: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{handle: always(502, nil, "bad gateway")}
				e := testEngine(t, rec, tt.opts...)
				ctx, err := e.Prepare(t.Context(), tt.call...)
				if err != nil {
					t.Fatal(err)
				}
				start := time.Now()
				_, err = e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
				if !errors.Is(err, ErrServer) {
					t.Fatalf("err = %v", err)
				}
				if rec.calls() != tt.want {
					t.Errorf("calls = %d, want %d", rec.calls(), tt.want)
				}
				if tt.after != 0 && time.Since(start) != tt.after {
					t.Errorf("elapsed = %v, want %v", time.Since(start), tt.after)
				}
			})
		})
	}
}

func TestDefaultPolicyJitterRange(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: always(503, nil, "")}
		var waits []time.Duration
		e := testEngine(t, rec, WithRetry(RetryPolicy{OnRetry: func(ev RetryEvent) { waits = append(waits, ev.Wait) }}))
		_, _ = e.Do(newRequest(t, t.Context(), e, "GET", "/x", "", true))
		if len(waits) != 2 {
			t.Fatalf("waits = %v", waits)
		}
		for i, w := range waits {
			hi := DefaultInitialBackoff << i
			lo := time.Duration(float64(hi) * (1 - DefaultJitter))
			if w < lo || w > hi {
				t.Errorf("wait %d = %v, want in [%v, %v]", i+1, w, lo, hi)
			}
		}
	})
}

func TestRetryLogsDebugLine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		rec := &recorder{handle: always(429, http.Header{"Retry-After": {"1"}}, "slow down")}
		e := testEngine(t, rec, WithRetry(exactPolicy()), WithLogger(logger))
		_, _ = e.Do(newRequest(t, t.Context(), e, "GET", "/x", "", true))
		if got := strings.Count(buf.String(), `msg="sessions: retrying"`); got != 2 {
			t.Errorf("retry log lines = %d, want 2:\n%s", got, buf.String())
		}
		if !strings.Contains(buf.String(), "status=429") || !strings.Contains(buf.String(), "wait=1s") {
			t.Errorf("log lacks status or wait:\n%s", buf.String())
		}
	})
}

func TestRateLimiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: always(200, nil, "{}")}
		e := testEngine(t, rec, WithRateLimit(60))
		start := time.Now()
		for range 3 {
			resp, err := e.Do(newRequest(t, t.Context(), e, "GET", "/x", "", true))
			if err != nil {
				t.Fatal(err)
			}
			Discard(resp)
		}
		if got := time.Since(start); got != 2*time.Second {
			t.Errorf("3 calls at 60/min took %v, want 2s", got)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		before := time.Now()
		_, err := e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want DeadlineExceeded", err)
		}
		if time.Since(before) != 0 {
			t.Errorf("a wait that cannot fit the deadline should fail at once, took %v", time.Since(before))
		}
		ctx2, cancel2 := context.WithCancel(t.Context())
		time.AfterFunc(100*time.Millisecond, cancel2)
		_, err = e.Do(newRequest(t, ctx2, e, "GET", "/x", "", true))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want Canceled", err)
		}
	})
}
