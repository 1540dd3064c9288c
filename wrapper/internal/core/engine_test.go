package core

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNewEngineValidation(t *testing.T) {
	base := Settings{DefaultBaseURL: "https://api.example.com"}
	var nilClient *http.Client
	tests := []struct {
		name     string
		settings Settings
		opts     []Option
		wantName string // text the error must contain; "" = no error
	}{
		{name: "defaults", settings: base},
		{name: "nil options ignored", settings: base, opts: []Option{nil, nil}},
		{name: "no base URL", settings: Settings{}, wantName: "base URL"},
		{name: "bad default base URL", settings: Settings{DefaultBaseURL: "http://api.example.com"}, wantName: "base URL"},
		{name: "insecure allowed", settings: Settings{DefaultBaseURL: "http://api.example.com"}, opts: []Option{WithInsecureHTTP()}},
		{name: "insecure allowed, order irrelevant", settings: base, opts: []Option{WithBaseURL("http://10.1.2.3"), WithInsecureHTTP()}},
		{name: "WithBaseURL bad", settings: base, opts: []Option{WithBaseURL("ftp://x")}, wantName: "base URL"},
		{name: "nil HTTP client", settings: base, opts: []Option{WithHTTPClient(nil)}, wantName: "WithHTTPClient"},
		{name: "typed nil HTTP client", settings: base, opts: []Option{WithHTTPClient(nilClient)}, wantName: "WithHTTPClient"},
		{name: "nil logger", settings: base, opts: []Option{WithLogger(nil)}, wantName: "WithLogger"},
		{name: "nil auth", settings: base, opts: []Option{WithAuth(nil)}, wantName: "WithAuth"},
		{name: "nil token source", settings: base, opts: []Option{WithAuth(BearerToken(nil))}, wantName: "token source"},
		{name: "negative attempts", settings: base, opts: []Option{WithRetry(RetryPolicy{MaxAttempts: -1})}, wantName: "WithRetry RetryPolicy.MaxAttempts -1"},
		{name: "negative backoff", settings: base, opts: []Option{WithRetry(RetryPolicy{InitialBackoff: -time.Second})}, wantName: "RetryPolicy.InitialBackoff"},
		{name: "negative max backoff", settings: base, opts: []Option{WithRetry(RetryPolicy{MaxBackoff: -1})}, wantName: "RetryPolicy.MaxBackoff"},
		{name: "multiplier below 1", settings: base, opts: []Option{WithRetry(RetryPolicy{Multiplier: 0.5})}, wantName: "RetryPolicy.Multiplier"},
		{name: "multiplier NaN", settings: base, opts: []Option{WithRetry(RetryPolicy{Multiplier: math.NaN()})}, wantName: "RetryPolicy.Multiplier"},
		{name: "jitter above 1", settings: base, opts: []Option{WithRetry(RetryPolicy{Jitter: 1.5})}, wantName: "RetryPolicy.Jitter"},
		{name: "bad retry status", settings: base, opts: []Option{WithRetry(RetryPolicy{RetryStatuses: []int{99}})}, wantName: "RetryPolicy.RetryStatuses"},
		{name: "zero policy ok", settings: base, opts: []Option{WithRetry(RetryPolicy{})}},
		{name: "empty user agent", settings: base, opts: []Option{WithUserAgent(" ")}, wantName: "WithUserAgent"},
		{name: "user agent newline", settings: base, opts: []Option{WithUserAgent("a\nb")}, wantName: "WithUserAgent"},
		{name: "bad header name", settings: base, opts: []Option{WithHeader("X Y", "v")}, wantName: "WithHeader key"},
		{name: "header value newline", settings: base, opts: []Option{WithHeader("X-Y", "v\r\nEvil: 1")}, wantName: "WithHeader value"},
		{name: "reserved header", settings: base, opts: []Option{WithHeader("content-length", "5")}, wantName: "managed by net/http"},
		{name: "zero max bytes", settings: base, opts: []Option{WithMaxResponseBytes(0)}, wantName: "WithMaxResponseBytes"},
		{name: "negative max bytes", settings: base, opts: []Option{WithMaxResponseBytes(-1)}, wantName: "WithMaxResponseBytes"},
		{name: "zero rate", settings: base, opts: []Option{WithRateLimit(0)}, wantName: "WithRateLimit"},
		{name: "negative rate", settings: base, opts: []Option{WithRateLimit(-5)}, wantName: "WithRateLimit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := NewEngine(tt.settings, tt.opts...)
			if tt.wantName == "" {
				if err != nil || e == nil {
					t.Fatalf("NewEngine: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("NewEngine succeeded, want an error naming %q", tt.wantName)
			}
			if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), tt.wantName) {
				t.Errorf("err = %q, want ErrInvalidArgument naming %q", err, tt.wantName)
			}
		})
	}
}

func TestPrepare(t *testing.T) {
	rec := &recorder{handle: always(200, nil, "{}")}
	e := testEngine(t, rec, WithHeader("X-Client", "c"), WithUserAgent("app/1"))
	//lint:ignore SA1012 a nil context must be an error, not a panic
	if _, err := e.Prepare(nil); !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "ctx") {
		t.Errorf("nil ctx: %v", err)
	}
	if _, err := e.Prepare(t.Context(), WithRateLimit(10)); err == nil || !strings.Contains(err.Error(), "client option") {
		t.Errorf("per-call WithRateLimit: %v", err)
	}
	if _, err := e.Prepare(t.Context(), WithBaseURL("http://example.com")); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("per-call insecure base URL: %v", err)
	}
	if ctx, err := e.Prepare(t.Context(), nil, nil); err != nil || ctx != t.Context() {
		t.Errorf("nil options: %v", err)
	}
	var nilEngine *Engine
	if _, err := nilEngine.Prepare(t.Context()); err == nil {
		t.Error("nil engine")
	}

	ctx, err := e.Prepare(t.Context(), WithHeader("X-Call", "1"), WithHeader("X-Client", "c2"), WithUserAgent("tool/2"),
		WithBaseURL("http://127.0.0.1:8080/mock"))
	if err != nil {
		t.Fatal(err)
	}
	// Nested Prepare builds on the earlier one.
	ctx, err = e.Prepare(ctx, WithHeader("X-Nested", "n"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := e.Do(newRequest(t, ctx, e, "GET", "/v1/sessions?page=2", "", true))
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
	got := rec.reqs[0]
	want := http.Header{
		"X-Client":   {"c", "c2"},
		"X-Call":     {"1"},
		"X-Nested":   {"n"},
		"User-Agent": {"tool/2 sessionkit-test/1"},
	}
	if diff := cmp.Diff(want, got.Header); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	if got.URL.String() != "http://127.0.0.1:8080/mock/v1/sessions?page=2" || got.Host != "" {
		t.Errorf("URL = %s host %q", got.URL, got.Host)
	}

	// The client's settings are untouched by the call's.
	resp, err = e.Do(newRequest(t, t.Context(), e, "GET", "/v1/sessions", "", true))
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
	got = rec.reqs[1]
	if diff := cmp.Diff(http.Header{"X-Client": {"c"}, "User-Agent": {"app/1 sessionkit-test/1"}}, got.Header); diff != "" {
		t.Errorf("client headers (-want +got):\n%s", diff)
	}
	if got.URL.String() != "https://api.example.com/base/v1/sessions" {
		t.Errorf("URL = %s", got.URL)
	}

	// A context prepared by one engine does not configure another.
	other := testEngine(t, rec)
	resp, err = other.Do(newRequest(t, ctx, other, "GET", "/y", "", true))
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
	if h := rec.reqs[2].Header; h.Get("X-Call") != "" || rec.reqs[2].URL.Host != "api.example.com" {
		t.Errorf("foreign prepared context applied: %v %v", h, rec.reqs[2].URL)
	}
}

func TestPerCallHTTPClientAndAuth(t *testing.T) {
	clientRec := &recorder{handle: always(200, nil, "{}")}
	callRec := &recorder{handle: always(200, nil, "{}")}
	e := testEngine(t, clientRec, WithAuth(StaticBearer("client")))
	ctx, err := e.Prepare(t.Context(), WithHTTPClient(callRec), WithAuth(StaticBearer("call")))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
	if clientRec.calls() != 0 || callRec.calls() != 1 || callRec.reqs[0].Header.Get("Authorization") != "Bearer call" {
		t.Errorf("per-call client/auth not used")
	}
}

func TestDoBadInput(t *testing.T) {
	var nilEngine *Engine
	if _, err := nilEngine.Do(&http.Request{}); err == nil {
		t.Error("nil engine")
	}
	if _, err := (&Engine{}).Do(&http.Request{}); err == nil {
		t.Error("zero engine")
	}
	e := testEngine(t, DoerFunc(func(*http.Request) (*http.Response, error) { return nil, nil }))
	if _, err := e.Do(nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil request: %v", err)
	}
	if _, err := e.Do(&http.Request{}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("request without URL: %v", err)
	}
	_, err := e.Do(newRequest(t, t.Context(), e, "GET", "/x", "", true))
	if err == nil || !strings.Contains(err.Error(), "neither a response nor an error") {
		t.Errorf("nil, nil from the client: %v", err)
	}
	if nilEngine.BaseURL() != "" || nilEngine.String() == "" {
		t.Error("nil engine accessors")
	}
	nilEngine.CloseIdleConnections()
	//lint:ignore SA1012 a nil context must be an error, not a panic
	if err := Sleep(nil, time.Second); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Sleep(nil): %v", err)
	}
	//lint:ignore SA1012 a nil context gives nil, never a panic
	if MarkRetrySafe(nil) != nil {
		t.Error("MarkRetrySafe(nil)")
	}
}

func TestIdempotencyKeyMakesPOSTRetryable(t *testing.T) {
	rec := &recorder{handle: always(503, nil, "")}
	e := testEngine(t, rec, WithRetry(RetryPolicy{InitialBackoff: time.Microsecond, Jitter: -1}))
	req := newRequest(t, t.Context(), e, "POST", "/x", "{}", true)
	req.Header.Set("Idempotency-Key", "k1")
	if _, err := e.Do(req); !errors.Is(err, ErrServer) || rec.calls() != 3 {
		t.Errorf("err %v calls %d", err, rec.calls())
	}
}

func TestEngineBaseURLAndString(t *testing.T) {
	e, err := NewEngine(Settings{DefaultBaseURL: "https://acme.zendesk.com/"},
		WithAuth(ZendeskAPIToken("a@b.c", "tok")), WithRateLimit(700), WithHeader("X-A", "1"), WithLogger(slog.Default()))
	if err != nil {
		t.Fatal(err)
	}
	if e.BaseURL() != "https://acme.zendesk.com" {
		t.Errorf("BaseURL = %q", e.BaseURL())
	}
	s := e.String()
	for _, want := range []string{"https://acme.zendesk.com", "ZendeskAPIToken([REDACTED])", "700/min", "X-A", "*http.Client", `"sessionkit-go"`} {
		if !strings.Contains(s, want) {
			t.Errorf("String() = %s, lacks %q", s, want)
		}
	}
	e.CloseIdleConnections()
}

func TestContextValuesReachTransport(t *testing.T) {
	type key struct{}
	rec := &recorder{handle: func(_ int, req *http.Request) (*http.Response, error) {
		if req.Context().Value(key{}) != "v" {
			return nil, errors.New("context value lost")
		}
		return fakeResponse(req, 200, nil, "{}"), nil
	}}
	e := testEngine(t, rec)
	ctx, err := e.Prepare(context.WithValue(t.Context(), key{}, "v"), WithHeader("X", "y"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
}
