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
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

func TestNewEngineValidation(t *testing.T) {
	base := API{Name: "test", DefaultBaseURL: "https://api.example.com"}
	var nilClient *http.Client
	type RetryPolicy = sessionkit.RetryPolicy
	tests := []struct {
		name     string
		api      API
		opts     []Option
		wantName string // text the error must contain; "" = no error
	}{
		{name: "defaults", api: base},
		{name: "nil options ignored", api: base, opts: []Option{{}, {}}},
		{name: "no base URL", api: API{Name: "test"}, wantName: "base URL"},
		{name: "bad default base URL", api: API{Name: "test", DefaultBaseURL: "http://api.example.com"}, wantName: "base URL"},
		{name: "insecure allowed", api: API{Name: "test", DefaultBaseURL: "http://api.example.com"}, opts: []Option{InsecureHTTP()}},
		{name: "insecure allowed, order irrelevant", api: base, opts: []Option{BaseURL("http://10.1.2.3"), InsecureHTTP()}},
		{name: "BaseURL bad", api: base, opts: []Option{BaseURL("ftp://x")}, wantName: "base URL"},
		{name: "nil HTTP client", api: base, opts: []Option{HTTPClient(nil)}, wantName: "WithHTTPClient"},
		{name: "typed nil HTTP client", api: base, opts: []Option{HTTPClient(nilClient)}, wantName: "WithHTTPClient"},
		{name: "nil logger", api: base, opts: []Option{Logger(nil)}, wantName: "WithLogger"},
		{name: "nil auth", api: base, opts: []Option{Auth("WithAuth", nil)}, wantName: "WithAuth"},
		{name: "nil minter", api: base, opts: []Option{minted("WithClientCredentials", nil, time.Minute, time.Second)}, wantName: "WithClientCredentials"},
		{name: "minter after auth", api: base, opts: []Option{Auth("WithOAuthToken", StaticHeader("Authorization", "Bearer", "t")),
			minted("WithClientCredentials", staticMinter("t"), time.Minute, time.Second)}, wantName: "WithClientCredentials"},
		{name: "auth after minter", api: base, opts: []Option{minted("WithClientCredentials", staticMinter("t"), time.Minute, time.Second),
			Auth("WithOAuthToken", StaticHeader("Authorization", "Bearer", "t"))}, wantName: "WithOAuthToken"},
		{name: "negative attempts", api: base, opts: []Option{Retry(RetryPolicy{MaxAttempts: -1})}, wantName: "WithRetry RetryPolicy.MaxAttempts -1"},
		{name: "negative backoff", api: base, opts: []Option{Retry(RetryPolicy{InitialBackoff: -time.Second})}, wantName: "RetryPolicy.InitialBackoff"},
		{name: "negative max backoff", api: base, opts: []Option{Retry(RetryPolicy{MaxBackoff: -1})}, wantName: "RetryPolicy.MaxBackoff"},
		{name: "multiplier below 1", api: base, opts: []Option{Retry(RetryPolicy{Multiplier: 0.5})}, wantName: "RetryPolicy.Multiplier"},
		{name: "multiplier NaN", api: base, opts: []Option{Retry(RetryPolicy{Multiplier: math.NaN()})}, wantName: "RetryPolicy.Multiplier"},
		{name: "jitter above 1", api: base, opts: []Option{Retry(RetryPolicy{Jitter: 1.5})}, wantName: "RetryPolicy.Jitter"},
		{name: "bad retry status", api: base, opts: []Option{Retry(RetryPolicy{RetryStatuses: []int{99}})}, wantName: "RetryPolicy.RetryStatuses"},
		{name: "retry status over 599", api: base, opts: []Option{Retry(RetryPolicy{RetryStatuses: []int{503, 600}})}, wantName: "RetryPolicy.RetryStatuses 600"},
		{name: "retry statuses 100 and 599", api: base, opts: []Option{Retry(RetryPolicy{RetryStatuses: []int{100, 599}})}},
		{name: "zero policy ok", api: base, opts: []Option{Retry(RetryPolicy{})}},
		{name: "empty user agent", api: base, opts: []Option{UserAgent(" ")}, wantName: "WithUserAgent"},
		{name: "user agent newline", api: base, opts: []Option{UserAgent("a\nb")}, wantName: "WithUserAgent"},
		{name: "bad header name", api: base, opts: []Option{Header("X Y", "v")}, wantName: "WithHeader key"},
		{name: "header value newline", api: base, opts: []Option{Header("X-Y", "v\r\nEvil: 1")}, wantName: "WithHeader value"},
		{name: "reserved header", api: base, opts: []Option{Header("content-length", "5")}, wantName: "managed by net/http"},
		{name: "zero max bytes", api: base, opts: []Option{MaxResponseBytes(0)}, wantName: "WithMaxResponseBytes"},
		{name: "negative max bytes", api: base, opts: []Option{MaxResponseBytes(-1)}, wantName: "WithMaxResponseBytes"},
		{name: "zero rate", api: base, opts: []Option{RateLimit(0)}, wantName: "WithRateLimit"},
		{name: "negative rate", api: base, opts: []Option{RateLimit(-5)}, wantName: "WithRateLimit"},
		{name: "bad adaptive", api: base, opts: []Option{AdaptiveRateLimit(sessionkit.Adaptive{MinInterval: time.Second, MaxInterval: time.Millisecond})}, wantName: "Adaptive"},
		{name: "adaptive negative min", api: base, opts: []Option{AdaptiveRateLimit(sessionkit.Adaptive{MinInterval: -1})}, wantName: "Adaptive"},
		{name: "adaptive negative max", api: base, opts: []Option{AdaptiveRateLimit(sessionkit.Adaptive{MaxInterval: -1})}, wantName: "Adaptive"},
		{name: "adaptive min without max", api: base, opts: []Option{AdaptiveRateLimit(sessionkit.Adaptive{MinInterval: time.Second})}},
		{name: "adaptive min equal to max", api: base, opts: []Option{AdaptiveRateLimit(sessionkit.Adaptive{MinInterval: time.Second, MaxInterval: time.Second})}},
		{name: "nil response info", api: base, opts: []Option{ResponseInfo(nil)}, wantName: "WithResponseInfo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := newEngine(tt.api, tt.opts...)
			if tt.wantName == "" {
				if err != nil || e == nil {
					t.Fatalf("NewEngine: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("NewEngine succeeded, want an error naming %q", tt.wantName)
			}
			if !errors.Is(err, sessionkit.ErrInvalidArgument) || !strings.Contains(err.Error(), tt.wantName) || !strings.HasPrefix(err.Error(), "test: ") {
				t.Errorf("err = %q, want ErrInvalidArgument of test naming %q", err, tt.wantName)
			}
		})
	}
}

// TestCallOptions: a call's options are merged over the client's once, for
// that call only.
func TestCallOptions(t *testing.T) {
	rec := &recorder{handle: always(200, nil, "{}")}
	e := testEngine(t, rec, Header("X-Client", "c"), UserAgent("app/1"))
	if _, err := callOf(e, RateLimit(0)); !errors.Is(err, sessionkit.ErrInvalidArgument) || !strings.HasPrefix(err.Error(), "test: ") {
		t.Errorf("invalid per-call option: %v", err)
	}
	if c, err := callOf(e, Option{}, Option{}); err != nil || c == e.client || c.cfg.userAgent != e.client.cfg.userAgent {
		t.Errorf("zero options: %v, %v; want a call of the client's settings", c, err)
	}
	var nilEngine *Engine
	if _, err := callOf(nilEngine); err == nil {
		t.Error("nil engine")
	}
	if _, err := callOf(&Engine{}); err == nil {
		t.Error("zero engine")
	}

	err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "v1/sessions?page=2", "", true), nil,
		Header("X-Call", "1"), Header("X-Client", "c2"), UserAgent("tool/2"))
	if err != nil {
		t.Fatal(err)
	}
	want := http.Header{
		"X-Client":   {"c", "c2"},
		"X-Call":     {"1"},
		"User-Agent": {"tool/2 sessionkit-test/1"},
	}
	if diff := cmp.Diff(want, rec.header(1)); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	if got := rec.reqs[0].URL.String(); got != "https://api.example.com/base/v1/sessions?page=2" {
		t.Errorf("URL = %s", got)
	}

	// The client's settings are untouched by the call's.
	if err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "v1/sessions", "", true), nil); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(http.Header{"X-Client": {"c"}, "User-Agent": {"app/1 sessionkit-test/1"}}, rec.header(2)); diff != "" {
		t.Errorf("client headers (-want +got):\n%s", diff)
	}
}

func TestDoBadInput(t *testing.T) {
	e := testEngine(t, sessionkit.DoerFunc(func(*http.Request) (*http.Response, error) { return nil, nil }))
	c, _ := callOf(e)
	get := opFor("GET")
	//lint:ignore SA1012 a nil context must be an error, not a panic
	if err := c.Do(nil, get, built(newRequest(t, e, "GET", "x", "", true)), nil); !errors.Is(err, sessionkit.ErrInvalidArgument) || !strings.Contains(err.Error(), "ctx") {
		t.Errorf("nil ctx: %v", err)
	}
	if err := c.Do(t.Context(), get, built(nil), nil); !errors.Is(err, sessionkit.ErrInvalidArgument) {
		t.Errorf("nil request: %v", err)
	}
	if err := c.Do(t.Context(), get, built(&http.Request{}), nil); !errors.Is(err, sessionkit.ErrInvalidArgument) {
		t.Errorf("request without URL: %v", err)
	}
	other, _ := http.NewRequest("GET", "https://elsewhere.example/x?token=abc", nil)
	if err := c.Do(t.Context(), get, built(other), nil); !errors.Is(err, sessionkit.ErrInvalidArgument) || strings.Contains(err.Error(), "abc") {
		t.Errorf("request to another origin: %v", err)
	}
	err := c.Do(t.Context(), get, built(newRequest(t, e, "GET", "x", "", true)), nil)
	if err == nil || !strings.Contains(err.Error(), "neither a response nor an error") {
		t.Errorf("nil, nil from the client: %v", err)
	}
	var nilEngine *Engine
	if nilEngine.BaseURL() != "" || nilEngine.Describe("test.Client") != "test.Client(nil)" {
		t.Error("nil engine accessors")
	}
	nilEngine.CloseIdleConnections()
}

func TestEngineBaseURLAndDescribe(t *testing.T) {
	e, err := newEngine(API{Name: "test", DefaultBaseURL: "https://acme.zendesk.com/"},
		Auth("WithAPIToken", Basic("a@b.c/token", "tok")), RateLimit(700), Header("X-A", "1"), Logger(slog.Default()))
	if err != nil {
		t.Fatal(err)
	}
	defer e.CloseIdleConnections()
	if e.BaseURL() != "https://acme.zendesk.com" {
		t.Errorf("BaseURL = %q", e.BaseURL())
	}
	c, _ := callOf(e)
	if c.cfg.callBase != "https://acme.zendesk.com/" {
		t.Errorf("the call's base = %q, want a trailing slash", c.cfg.callBase)
	}
	s := e.Describe("test.Client")
	for _, want := range []string{"test.Client{", "https://acme.zendesk.com", "WithAPIToken([REDACTED])", "700/min", "X-A", "*http.Client", `"sessionkit-go"`} {
		if !strings.Contains(s, want) {
			t.Errorf("describe() = %s, lacks %q", s, want)
		}
	}
	if strings.Contains(s, "tok") {
		t.Errorf("describe() shows the token: %s", s)
	}
}

func TestContextValuesReachTransport(t *testing.T) {
	type key struct{}
	rec := &recorder{handle: func(_ int, req *http.Request) (*http.Response, error) {
		if req.Context().Value(key{}) != "v" {
			return nil, errors.New("context value lost")
		}
		return fakeResponse(req, 200, nil, "{}"), nil
	}}
	e := testEngine(t, rec, NoRetries())
	ctx := context.WithValue(t.Context(), key{}, "v")
	if err := call(t, e, ctx, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil, Header("X", "y")); err != nil {
		t.Fatal(err)
	}
}

// TestDescribeDefaults pins the printed form of an engine built with no
// option: only the parts that are set.
func TestDescribeDefaults(t *testing.T) {
	e, err := newEngine(API{Name: "test", DefaultBaseURL: "https://a.example/"})
	if err != nil {
		t.Fatal(err)
	}
	want := `test.Client{baseURL: https://a.example, auth: none, httpClient: *http.Client, userAgent: "sessionkit-go", maxResponseBytes: 33554432, ` +
		`retry: RetryPolicy{MaxAttempts: 3, InitialBackoff: 500ms, MaxBackoff: 30s, Multiplier: 2, Jitter: 0.2, RetryStatuses: [408 429 500 502 503 504]}}`
	if got := e.Describe("test.Client"); got != want {
		t.Errorf("describe() = %s\nwant         %s", got, want)
	}
}

// TestBaseURLOptionPrints: WithBaseURL prints its URL redacted, and a URL
// that does not parse not at all.
func TestBaseURLOptionPrints(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://x.example/a", `WithBaseURL("https://x.example/a")`},
		{"https://u:pw@x.example/a?token=abc", `WithBaseURL("https://x.example/a?token=%5BREDACTED%5D")`},
		{"https://u:pw@x.example/%zz", `WithBaseURL("[REDACTED]")`},
	}
	for _, tt := range tests {
		if got := BaseURL(tt.url).String(); got != tt.want {
			t.Errorf("BaseURL(%q) prints %s, want %s", tt.url, got, tt.want)
		}
	}
}
