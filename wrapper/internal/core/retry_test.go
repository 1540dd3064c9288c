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
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// sentinelFor is the sentinel an *APIError of status matches, or nil.
func sentinelFor(status int) error {
	for _, s := range []struct {
		status int
		err    error
	}{
		{400, sessionkit.ErrBadRequest}, {401, sessionkit.ErrUnauthorized}, {403, sessionkit.ErrForbidden},
		{404, sessionkit.ErrNotFound}, {409, sessionkit.ErrConflict}, {410, sessionkit.ErrGone},
		{422, sessionkit.ErrUnprocessable}, {429, sessionkit.ErrRateLimited},
	} {
		if s.status == status {
			return s.err
		}
	}
	if status >= 500 && status <= 599 {
		return sessionkit.ErrServer
	}
	return nil
}

// TestRetryMatrix runs method × status × Retry-After form × rewindable body
// against an in-memory server that always answers the same way, and checks
// the attempts, the exact time spent waiting, the error and that every
// response was drained and closed.
func TestRetryMatrix(t *testing.T) {
	type method struct {
		name      string
		verb      string
		retrySafe bool // Op.RetrySafe
		optIn     bool // RetryNonIdempotent
		body      string
		idem      bool // expected to be retried on every retryable failure
	}
	methods := []method{
		{name: "GET", verb: "GET", idem: true},
		{name: "PUT", verb: "PUT", body: `{"ip_list":["1.2.3.4"]}`, idem: true},
		{name: "DELETE", verb: "DELETE", body: `{"ip_list":["1.2.3.4"]}`, idem: true},
		{name: "POST", verb: "POST", body: `{"app_name":"a"}`, idem: false},
		{name: "POST-create", verb: "POST", body: `{"app_name":"a"}`, idem: false},
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
								h := http.Header{"X-Request-Id": {"req-1"}}
								if ra.header != nil {
									h.Set("Retry-After", ra.header(time.Now()))
								}
								body := `{"error":"Oops","description":"it failed"}`
								if status < 400 {
									body = `{"ok":true}`
								}
								return fakeResponse(req, status, h, body), nil
							}}
							opts := []Option{Retry(exactPolicy())}
							if m.optIn {
								opts = append(opts, RetryNonIdempotent())
							}
							e := testEngine(t, rec, opts...)
							op := &Op{Name: m.name, Method: m.verb, RetrySafe: m.retrySafe}
							req := newRequest(t, e, m.verb, "v1/thing", m.body, rewindable)

							start := time.Now()
							var v map[string]bool
							err := call(t, e, t.Context(), op, req, &v)
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
								if !v["ok"] {
									t.Errorf("decoded %v", v)
								}
								rec.allDone(t)
								return
							}
							apiErr, ok := errors.AsType[*sessionkit.APIError](err)
							if !ok {
								t.Fatalf("error %T %v is not *APIError", err, err)
							}
							want := &sessionkit.APIError{
								API: "test", StatusCode: status, Method: m.verb, URL: "https://api.example.com/base/v1/thing",
								Code: "Oops", Message: "it failed", RequestID: "req-1",
								RetryAfter: wantRetryAfter, Attempts: wantAttempts,
							}
							if diff := cmp.Diff(want, apiErr, cmpopts.IgnoreFields(sessionkit.APIError{}, "Header", "Body", "RateLimit")); diff != "" {
								t.Errorf("APIError mismatch (-want +got):\n%s", diff)
							}
							if s := sentinelFor(status); s != nil && !errors.Is(err, s) {
								t.Errorf("errors.Is(err, %v) = false", s)
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
		var events []sessionkit.RetryEvent
		p := exactPolicy()
		p.OnRetry = func(ev sessionkit.RetryEvent) { events = append(events, ev) }
		e := testEngine(t, rec, Retry(p))
		start := time.Now()
		var v struct{ ID int }
		if err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), &v); err != nil || v.ID != 1 {
			t.Fatalf("call = %v, %+v", err, v)
		}
		if got := time.Since(start); got != 3*time.Second {
			t.Errorf("elapsed %v, want 3s", got)
		}
		want := []sessionkit.RetryEvent{
			{Attempt: 1, Wait: time.Second, StatusCode: 503, Method: "GET", URL: "https://api.example.com/base/x"},
			{Attempt: 2, Wait: 2 * time.Second, StatusCode: 503, Method: "GET", URL: "https://api.example.com/base/x"},
		}
		if diff := cmp.Diff(want, events); diff != "" {
			t.Errorf("events (-want +got):\n%s", diff)
		}
		rec.allDone(t)
	})
}

func TestRetryEventCarriesRetryAfterAndConnectionError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: func(n int, req *http.Request) (*http.Response, error) {
			switch n {
			case 1:
				return fakeResponse(req, 429, http.Header{"Retry-After": {"5"}}, ""), nil
			case 2:
				return nil, errConnRefused
			}
			return fakeResponse(req, 200, nil, `{}`), nil
		}}
		var events []sessionkit.RetryEvent
		p := exactPolicy()
		p.OnRetry = func(ev sessionkit.RetryEvent) { events = append(events, ev) }
		e := testEngine(t, rec, Retry(p))
		if err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil); err != nil {
			t.Fatal(err)
		}
		want := []sessionkit.RetryEvent{
			{Attempt: 1, Wait: 5 * time.Second, StatusCode: 429, RetryAfter: 5 * time.Second, Method: "GET", URL: "https://api.example.com/base/x"},
			{Attempt: 2, Wait: 2 * time.Second, Err: errConnRefused, Method: "GET", URL: "https://api.example.com/base/x"},
		}
		if diff := cmp.Diff(want, events, cmpopts.EquateErrors()); diff != "" {
			t.Errorf("events (-want +got):\n%s", diff)
		}
	})
}

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
		{name: "GET gives up", method: "GET", failures: 5, wantCalls: 3, wantErr: true, wantElapsed: 3 * time.Second, wantAttempts: "after 3 attempts"},
		{name: "POST not retried", method: "POST", failures: 1, wantCalls: 1, wantErr: true, wantAttempts: "connection failed: dial"},
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
				e := testEngine(t, rec, Retry(exactPolicy()))
				start := time.Now()
				err := call(t, e, t.Context(), opFor(tt.method), newRequest(t, e, tt.method, "x", "{}", true), nil)
				if got := rec.calls(); got != tt.wantCalls {
					t.Errorf("calls = %d, want %d", got, tt.wantCalls)
				}
				if got := time.Since(start); got != tt.wantElapsed {
					t.Errorf("elapsed = %v, want %v", got, tt.wantElapsed)
				}
				if !tt.wantErr {
					if err != nil {
						t.Fatal(err)
					}
					return
				}
				if !errors.Is(err, errConnRefused) || !errors.Is(err, sessionkit.ErrConnection) {
					t.Fatalf("err = %v, want it to wrap the connection error and match ErrConnection", err)
				}
				ce, ok := errors.AsType[*sessionkit.ConnectionError](err)
				if !ok || ce.Attempts != tt.wantCalls || ce.API != "test" || ce.Method != tt.method || ce.URL != "https://api.example.com/base/x" {
					t.Errorf("err = %#v, want a *ConnectionError of %d attempts", err, tt.wantCalls)
				}
				if !strings.Contains(err.Error(), tt.wantAttempts) {
					t.Errorf("err = %q, want it to mention %q", err, tt.wantAttempts)
				}
			})
		})
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: always(503, http.Header{"Retry-After": {"20"}}, "busy")}
		e := testEngine(t, rec, Retry(exactPolicy()))
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		time.AfterFunc(1500*time.Millisecond, cancel)
		start := time.Now()
		err := call(t, e, ctx, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
		if got := time.Since(start); got != 1500*time.Millisecond {
			t.Errorf("returned after %v, want 1.5s (at once on cancel)", got)
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		// The last answer is not lost: it comes back with the context error.
		if e, ok := errors.AsType[*sessionkit.APIError](err); !ok || e.StatusCode != 503 || e.Attempts != 1 {
			t.Errorf("err = %v, want it to carry the last response as an *APIError (503, 1 attempt)", err)
		}
		if !strings.HasPrefix(err.Error(), "test: ") {
			t.Errorf("err = %q, want it to name the API", err)
		}
		if rec.calls() != 1 {
			t.Errorf("calls = %d, want 1", rec.calls())
		}
		rec.allDone(t)
	})
}

func TestCancelDuringBackoffAfterConnectionError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: func(int, *http.Request) (*http.Response, error) { return nil, errConnRefused }}
		e := testEngine(t, rec, Retry(exactPolicy()))
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		time.AfterFunc(500*time.Millisecond, cancel)
		err := call(t, e, ctx, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
		if !errors.Is(err, context.Canceled) || errors.Is(err, sessionkit.ErrConnection) || !strings.Contains(err.Error(), "connection refused") {
			t.Fatalf("err = %v, want Canceled (not ErrConnection), showing the last connection error", err)
		}
		if ce, ok := errors.AsType[*sessionkit.ConnectionError](err); !ok || ce.Attempts != 1 {
			t.Errorf("err = %v, want the last *ConnectionError (1 attempt)", err)
		}
	})
}

func TestDeadline(t *testing.T) {
	t.Run("Retry-After past deadline is returned, not slept", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rec := &recorder{handle: always(429, http.Header{"Retry-After": {"10"}}, `{"error":"TooManyRequests","description":"Too many"}`)}
			e := testEngine(t, rec, Retry(exactPolicy()))
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			start := time.Now()
			err := call(t, e, ctx, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
			if got := time.Since(start); got != 0 {
				t.Errorf("waited %v, want 0", got)
			}
			apiErr, ok := errors.AsType[*sessionkit.APIError](err)
			if !ok || apiErr.RetryAfter != 10*time.Second || apiErr.Attempts != 1 || !errors.Is(err, sessionkit.ErrRateLimited) {
				t.Fatalf("err = %v, want 429 APIError with RetryAfter 10s after 1 attempt", err)
			}
		})
	})
	t.Run("backoff past deadline stops early", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rec := &recorder{handle: always(500, nil, "boom")}
			e := testEngine(t, rec, Retry(exactPolicy()))
			ctx, cancel := context.WithTimeout(t.Context(), 2500*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := call(t, e, ctx, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
			if got := time.Since(start); got != time.Second {
				t.Errorf("elapsed %v, want 1s (the second wait of 2s does not fit)", got)
			}
			apiErr, ok := errors.AsType[*sessionkit.APIError](err)
			if !ok || apiErr.Attempts != 2 || apiErr.RetryAfter != 2*time.Second || apiErr.Message != "boom" {
				t.Fatalf("err = %#v", err)
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
			err := call(t, e, ctx, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
			if !errors.Is(err, context.DeadlineExceeded) || rec.calls() != 1 {
				t.Fatalf("err = %v calls = %d", err, rec.calls())
			}
			if _, ok := errors.AsType[*sessionkit.ConnectionError](err); !ok {
				t.Errorf("err = %T, want a *ConnectionError", err)
			}
		})
	})
}

func TestNonRewindableBodyNotRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: always(503, nil, "")}
		e := testEngine(t, rec, Retry(exactPolicy()))
		err := call(t, e, t.Context(), opFor("PUT"), newRequest(t, e, "PUT", "x", "payload", false), nil)
		if !errors.Is(err, sessionkit.ErrServer) || rec.calls() != 1 {
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
		{name: "client WithoutRetries", opts: []Option{NoRetries()}, want: 1},
		{name: "per call WithoutRetries", call: []Option{NoRetries()}, want: 1},
		{name: "per call MaxAttempts 5", call: []Option{Retry(sessionkit.RetryPolicy{MaxAttempts: 5, InitialBackoff: time.Millisecond, Jitter: -1})}, want: 5, after: 15 * time.Millisecond},
		{name: "MaxAttempts 1", opts: []Option{Retry(sessionkit.RetryPolicy{MaxAttempts: 1})}, want: 1},
		{name: "empty RetryStatuses", opts: []Option{Retry(sessionkit.RetryPolicy{RetryStatuses: []int{}})}, want: 1},
		{name: "WithRetry after WithoutRetries", opts: []Option{NoRetries(), Retry(exactPolicy())}, want: 3, after: 3 * time.Second},
		{name: "per call WithRetry over client WithoutRetries", opts: []Option{NoRetries()}, call: []Option{Retry(exactPolicy())}, want: 3, after: 3 * time.Second},
		{name: "default policy", want: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{handle: always(502, nil, "bad gateway")}
				e := testEngine(t, rec, tt.opts...)
				start := time.Now()
				err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil, tt.call...)
				if !errors.Is(err, sessionkit.ErrServer) {
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
		e := testEngine(t, rec, Retry(sessionkit.RetryPolicy{OnRetry: func(ev sessionkit.RetryEvent) { waits = append(waits, ev.Wait) }}))
		_ = call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
		if len(waits) != 2 {
			t.Fatalf("waits = %v", waits)
		}
		for i, w := range waits {
			hi := sessionkit.DefaultInitialBackoff << i
			lo := time.Duration(float64(hi) * (1 - sessionkit.DefaultJitter))
			if w < lo || w > hi {
				t.Errorf("wait %d = %v, want in [%v, %v]", i+1, w, lo, hi)
			}
		}
	})
}

func TestRateLimiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: always(200, nil, "{}")}
		e := testEngine(t, rec, RateLimit(60))
		start := time.Now()
		for range 3 {
			if err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil); err != nil {
				t.Fatal(err)
			}
		}
		if got := time.Since(start); got != 2*time.Second {
			t.Errorf("3 calls at 60/min took %v, want 2s", got)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		before := time.Now()
		err := call(t, e, ctx, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want DeadlineExceeded", err)
		}
		if time.Since(before) != 0 {
			t.Errorf("a wait that cannot fit the deadline should fail at once, took %v", time.Since(before))
		}
		ctx2, cancel2 := context.WithCancel(t.Context())
		time.AfterFunc(100*time.Millisecond, cancel2)
		err = call(t, e, ctx2, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want Canceled", err)
		}
		if rec.calls() != 3 {
			t.Errorf("calls = %d, want 3 (the paced-out calls are never sent)", rec.calls())
		}
		// The cancelled wait gave its slot back: the next call goes at 3 s.
		if err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil); err != nil {
			t.Fatal(err)
		}
		if got := time.Since(start); got != 3*time.Second {
			t.Errorf("the call after a cancelled wait went at %v, want 3s", got)
		}
	})
}

// TestDebugLog pins the debug lines of a call that is retried after a 503
// with Retry-After and after a connection error: an attempt line per
// attempt, a retry line per wait, each with only the attributes that
// apply (no status without a response, no retry_after without one).
func TestDebugLog(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug,
			ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
				if a.Key == slog.TimeKey {
					return slog.Attr{}
				}
				return a
			}}))
		rec := &recorder{handle: func(n int, req *http.Request) (*http.Response, error) {
			switch n {
			case 1:
				return fakeResponse(req, 503, http.Header{"Retry-After": {"1"}}, "busy"), nil
			case 2:
				return nil, errConnRefused
			}
			return fakeResponse(req, 200, nil, "{}"), nil
		}}
		e := testEngine(t, rec, Retry(exactPolicy()), Logger(logger))
		if err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil); err != nil {
			t.Fatal(err)
		}
		u := testBase + "/x"
		want := strings.Join([]string{
			`level=DEBUG msg="test: attempt" method=GET url=` + u + ` attempt=1 elapsed=0s status=503`,
			`level=DEBUG msg="test: retrying" method=GET url=` + u + ` attempt=1 wait=1s status=503 retry_after=1s`,
			`level=DEBUG msg="test: attempt" method=GET url=` + u + ` attempt=2 elapsed=0s error="` + errConnRefused.Error() + `"`,
			`level=DEBUG msg="test: retrying" method=GET url=` + u + ` attempt=2 wait=2s`,
			`level=DEBUG msg="test: attempt" method=GET url=` + u + ` attempt=3 elapsed=0s status=200`,
		}, "\n") + "\n"
		if diff := cmp.Diff(want, buf.String()); diff != "" {
			t.Errorf("debug log (-want +got):\n%s", diff)
		}
	})
}

// TestRateLimitResetStandsInForRetryAfter: a 429 without Retry-After waits
// for the rate-limit reset it reports; a reset beyond MaxBackoff is not
// waited for but returned as APIError.RetryAfter; a 429 with neither backs
// off as usual, and a reset on another status changes nothing.
func TestRateLimitResetStandsInForRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		header     http.Header
		wantWaits  []time.Duration // the waits made, in order
		wantCalls  int
		wantRetryA time.Duration // the error's RetryAfter, when the call fails
	}{
		{"429 with a reset of 7s waits 7s", 429, http.Header{"Ratelimit-Reset": {"7"}}, []time.Duration{7 * time.Second}, 2, 0},
		{"Retry-After wins over the reset", 429, http.Header{"Ratelimit-Reset": {"7"}, "Retry-After": {"3"}}, []time.Duration{3 * time.Second}, 2, 0},
		{"a reset of a year is not waited for", 429, http.Header{"Ratelimit-Reset": {"31536000"}}, nil, 1, 31536000 * time.Second},
		{"429 without either backs off", 429, nil, []time.Duration{time.Second}, 2, 0},
		{"a reset on a 503 is no Retry-After", 503, http.Header{"Ratelimit-Reset": {"7"}}, []time.Duration{time.Second}, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{handle: func(n int, req *http.Request) (*http.Response, error) {
					if n == 1 {
						return fakeResponse(req, tt.status, tt.header, ""), nil
					}
					return fakeResponse(req, 200, nil, `{}`), nil
				}}
				var waits []time.Duration
				p := exactPolicy()
				p.MaxBackoff = time.Minute
				p.OnRetry = func(ev sessionkit.RetryEvent) { waits = append(waits, ev.Wait) }
				e := testEngine(t, rec, Retry(p))
				start := time.Now()
				err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
				var slept time.Duration
				for _, w := range tt.wantWaits {
					slept += w
				}
				if got := time.Since(start); got != slept {
					t.Errorf("elapsed %v, want %v", got, slept)
				}
				if diff := cmp.Diff(tt.wantWaits, waits); diff != "" {
					t.Errorf("waits (-want +got):\n%s", diff)
				}
				if n := rec.calls(); n != tt.wantCalls {
					t.Errorf("%d requests, want %d", n, tt.wantCalls)
				}
				if tt.wantRetryA == 0 {
					if err != nil {
						t.Fatalf("call: %v", err)
					}
					return
				}
				ae, ok := errors.AsType[*sessionkit.APIError](err)
				if !ok || ae.RetryAfter != tt.wantRetryA || ae.StatusCode != 429 {
					t.Fatalf("err = %v, want a 429 *APIError with RetryAfter %v", err, tt.wantRetryA)
				}
			})
		})
	}
}
