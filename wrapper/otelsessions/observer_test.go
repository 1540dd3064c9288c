package otelsessions_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/otelsessions"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

const (
	email    = "agent@acme.example"
	apiToken = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv"
	userID   = int64(12884901888)
	sessID   = int64(8589934592)
)

// telemetry is an observer recording into memory.
type telemetry struct {
	spans  *tracetest.InMemoryExporter
	reader *sdkmetric.ManualReader
	obs    *otelsessions.Observer
}

func newTelemetry(t *testing.T) *telemetry {
	t.Helper()
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()); _ = mp.Shutdown(context.Background()) })
	obs, err := otelsessions.NewObserver(otelsessions.WithTracerProvider(tp), otelsessions.WithMeterProvider(mp))
	if err != nil {
		t.Fatal(err)
	}
	return &telemetry{spans: spans, reader: reader, obs: obs}
}

// attrs is a span's or an event's attributes as a map.
func attrs(kvs []attribute.KeyValue) map[string]string {
	m := map[string]string{}
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.String()
	}
	return m
}

// shape is what the test compares of a span.
type shape struct {
	Name   string
	Kind   trace.SpanKind
	Parent string
	Status codes.Code
	Attrs  map[string]string
	Events []string
}

func shapes(stubs tracetest.SpanStubs) []shape {
	names := map[trace.SpanID]string{}
	for _, s := range stubs {
		names[s.SpanContext.SpanID()] = s.Name
	}
	var out []shape
	for _, s := range stubs {
		sh := shape{Name: s.Name, Kind: s.SpanKind, Parent: names[s.Parent.SpanID()], Status: s.Status.Code, Attrs: attrs(s.Attributes)}
		for _, ev := range s.Events {
			a := attrs(ev.Attributes)
			sh.Events = append(sh.Events, fmt.Sprintf("%s attempt=%s reason=%q wait=%s status=%s", ev.Name,
				a["sessionkit.retry.attempt"], a["sessionkit.retry.reason"], a["sessionkit.retry.wait"], a["http.response.status_code"]))
		}
		out = append(out, sh)
	}
	return out
}

func zendeskServer(t *testing.T, opts ...zendesktest.Option) (*zendesktest.Server, string, string) {
	t.Helper()
	srv := zendesktest.NewServer(t, append([]zendesktest.Option{
		zendesktest.WithUsers(zendesktest.User{ID: userID, Email: email, Role: zendesktest.RoleAdmin, APIToken: apiToken}),
		zendesktest.WithSessions(zendesktest.Session{ID: sessID, UserID: userID, AuthenticatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}),
	}, opts...)...)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return srv, u.Hostname(), u.Port()
}

func fastRetry() zendesk.RetryPolicy {
	return zendesk.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Millisecond, MaxBackoff: time.Second, Jitter: -1}
}

// TestRetriedCallIsOneOperationWithAttempts: a ShowSession answered 503
// once, then for real, is one operation span with two attempt spans under
// it, a retry event, the conventions' attributes, and its metrics; the API
// token is in nothing recorded.
func TestRetriedCallIsOneOperationWithAttempts(t *testing.T) {
	tel := newTelemetry(t)
	srv, host, port := zendeskServer(t, zendesktest.WithFault(zendesktest.OpShowSession, zendesktest.Fault{Status: 503, Times: 1}))
	client, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()),
		zendesk.WithAPIToken(email, apiToken), zendesk.WithRetry(fastRetry()), zendesk.WithObserver(tel.obs))
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Sessions.Get(context.Background(), userID, sessID)
	if err != nil || got.ID != sessID {
		t.Fatalf("Get = %v, %v", got.ID, err)
	}
	full := srv.URL + "/api/v2/users/" + strconv.FormatInt(userID, 10) + "/sessions/" + strconv.FormatInt(sessID, 10)
	attempt := func(status string, extra map[string]string) map[string]string {
		m := map[string]string{"http.request.method": "GET", "server.address": host, "server.port": port,
			"url.full": full, "http.response.status_code": status, "network.protocol.version": "1.1"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	want := []shape{
		{Name: "GET", Kind: trace.SpanKindClient, Parent: "zendesk ShowSession", Status: codes.Error,
			Attrs: attempt("503", map[string]string{"error.type": "503"})},
		{Name: "GET", Kind: trace.SpanKindClient, Parent: "zendesk ShowSession",
			Attrs: attempt("200", map[string]string{"http.request.resend_count": "1"})},
		{Name: "zendesk ShowSession", Kind: trace.SpanKindInternal,
			Attrs: map[string]string{"sessionkit.api": "zendesk", "sessionkit.operation": "ShowSession", "http.request.method": "GET",
				"server.address": host, "server.port": port, "sessionkit.attempts": "2"},
			Events: []string{`sessionkit.retry attempt=1 reason="status 503" wait=0.001 status=503`}},
	}
	stubs := tel.spans.GetSpans()
	gotShapes := shapes(stubs)
	// The rate-limit state is the server's: present on the success.
	for i := range gotShapes {
		for k := range gotShapes[i].Attrs {
			if strings.HasPrefix(k, "sessionkit.rate_limit.") {
				delete(gotShapes[i].Attrs, k)
			}
		}
	}
	if diff := cmp.Diff(want, gotShapes); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	if a := attrs(stubs[2].Attributes); a["sessionkit.rate_limit.limit"] == "" {
		t.Errorf("the operation span has no rate-limit state: %v", a)
	}
	noSecret(t, stubs, apiToken)

	var rm metricdata.ResourceMetrics
	if err := tel.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	gotMetrics := metrics(rm)
	wantMetrics := map[string]int64{
		"http.client.request.duration{error.type=503,http.request.method=GET,http.response.status_code=503,server.address=" + host + ",server.port=" + port + "}": 1,
		"http.client.request.duration{http.request.method=GET,http.response.status_code=200,server.address=" + host + ",server.port=" + port + "}":                1,
		"sessionkit.client.operations{sessionkit.api=zendesk,sessionkit.operation=ShowSession,sessionkit.outcome=ok}":                                             1,
	}
	if diff := cmp.Diff(wantMetrics, gotMetrics); diff != "" {
		t.Errorf("metrics (-want +got):\n%s", diff)
	}
}

// TestFailedCallRecordsItsErrorType: calls that fail record error.type on
// the operation span and count under their outcome.
func TestFailedCallRecordsItsErrorType(t *testing.T) {
	tests := []struct {
		name      string
		fault     zendesktest.Fault
		wantType  string
		wantOut   string
		wantCalls int
	}{
		{name: "not found", fault: zendesktest.Fault{Status: 404}, wantType: "404", wantOut: "error", wantCalls: 1},
		{name: "throttled", fault: zendesktest.Fault{Status: 429, RetryAfter: "120"}, wantType: "429", wantOut: "throttled", wantCalls: 1},
		{name: "server errors", fault: zendesktest.Fault{Status: 500}, wantType: "500", wantOut: "error", wantCalls: 3},
		{name: "dropped connections", fault: zendesktest.Fault{Drop: true}, wantType: "connection", wantOut: "error", wantCalls: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tel := newTelemetry(t)
			srv, _, _ := zendeskServer(t, zendesktest.WithFault(zendesktest.OpShowSession, tt.fault))
			client, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()),
				zendesk.WithAPIToken(email, apiToken), zendesk.WithRetry(fastRetry()), zendesk.WithObserver(tel.obs))
			if err != nil {
				t.Fatal(err)
			}
			_, callErr := client.Sessions.Get(context.Background(), userID, sessID)
			if callErr == nil {
				t.Fatal("Get succeeded; want an error")
			}
			if got := otelsessions.ErrorType(callErr); got != tt.wantType {
				t.Errorf("ErrorType(%v) = %q, want %q", callErr, got, tt.wantType)
			}
			stubs := tel.spans.GetSpans()
			if len(stubs) != tt.wantCalls+1 {
				t.Fatalf("%d spans, want %d attempts and the operation", len(stubs), tt.wantCalls)
			}
			op := stubs[len(stubs)-1]
			a := attrs(op.Attributes)
			if op.Name != "zendesk ShowSession" || op.Status.Code != codes.Error || a["error.type"] != tt.wantType ||
				a["sessionkit.attempts"] != strconv.Itoa(tt.wantCalls) {
				t.Errorf("operation span %q status %v attrs %v; want error.type %s after %d attempts", op.Name, op.Status, a, tt.wantType, tt.wantCalls)
			}
			noSecret(t, stubs, apiToken)
			var rm metricdata.ResourceMetrics
			if err := tel.reader.Collect(context.Background(), &rm); err != nil {
				t.Fatal(err)
			}
			key := "sessionkit.client.operations{error.type=" + tt.wantType + ",sessionkit.api=zendesk,sessionkit.operation=ShowSession,sessionkit.outcome=" + tt.wantOut + "}"
			if got := metrics(rm)[key]; got != 1 {
				t.Errorf("metric %s = %d, want 1 (all: %v)", key, got, metrics(rm))
			}
		})
	}
}

// TestGameServerOperation: a game-server call is traced under its
// operationId, and its API key is in nothing recorded.
func TestGameServerOperation(t *testing.T) {
	const key = "3d3f2a77-game-server-key"
	tel := newTelemetry(t)
	srv := gameservertest.NewServer(t, gameservertest.WithAPIToken(key), gameservertest.WithSessions(gameservertest.Session{ID: "950dd2eaff09-S", App: "app", Version: "v1"}))
	client, err := gameserver.NewClient(gameserver.WithBaseURL(srv.URL), gameserver.WithHTTPClient(srv.Client()),
		gameserver.WithAPIToken(key), gameserver.WithObserver(tel.obs))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Sessions.Get(context.Background(), "950dd2eaff09-S"); err != nil {
		t.Fatal(err)
	}
	stubs := tel.spans.GetSpans()
	var names []string
	for _, s := range stubs {
		names = append(names, s.Name)
	}
	if diff := cmp.Diff([]string{"GET", "gameserver get-session"}, names); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	noSecret(t, stubs, key)
}

func TestNilProvidersAreErrors(t *testing.T) {
	for _, o := range []otelsessions.Option{otelsessions.WithTracerProvider(nil), otelsessions.WithMeterProvider(nil)} {
		if _, err := otelsessions.NewObserver(o); err == nil || !strings.Contains(err.Error(), "must not be nil") {
			t.Errorf("NewObserver with a nil provider: %v", err)
		}
	}
	if _, err := otelsessions.NewObserver(); err != nil {
		t.Errorf("NewObserver() on the globals: %v", err)
	}
	if otelsessions.ErrorType(nil) != "" || otelsessions.ErrorType(errors.New("x")) != "_OTHER" ||
		otelsessions.ErrorType(context.DeadlineExceeded) != "timeout" {
		t.Error("ErrorType of nil, a plain error or a deadline")
	}
}

// noSecret fails when secret is in any span's name, attribute, status or
// event.
func noSecret(t *testing.T, stubs tracetest.SpanStubs, secret string) {
	t.Helper()
	for _, s := range stubs {
		text := fmt.Sprint(s.Name, s.Attributes, s.Status, s.Events)
		if strings.Contains(text, secret) {
			t.Errorf("span %q shows the secret: %s", s.Name, text)
		}
	}
}

// metrics flattens the collected data points: "name{k=v,...}" → count.
func metrics(rm metricdata.ResourceMetrics) map[string]int64 {
	out := map[string]int64{}
	key := func(name string, set attribute.Set) string {
		var parts []string
		for _, kv := range set.ToSlice() {
			parts = append(parts, string(kv.Key)+"="+kv.Value.String())
		}
		return name + "{" + strings.Join(parts, ",") + "}"
	}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					out[key(m.Name, p.Attributes)] += int64(p.Count)
				}
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					out[key(m.Name, p.Attributes)] += p.Value
				}
			}
		}
	}
	return out
}

// TestAttemptEndWithoutStart checks that an attempt's end without its
// start (an observer driven by hand) records the failure's duration and
// does not panic on the missing span.
func TestAttemptEndWithoutStart(t *testing.T) {
	tel := newTelemetry(t)
	_, op := tel.obs.StartOperation(context.Background(), sessionkit.Operation{API: "zendesk", Name: "ShowSession", Method: "GET", URL: "https://acme.zendesk.com/api/v2/users/me/session"})
	op.AttemptEnd(sessionkit.AttemptResult{StatusCode: 503})
	op.End(errors.New("unavailable"))
	var rm metricdata.ResourceMetrics
	if err := tel.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if h, ok := m.Data.(metricdata.Histogram[float64]); ok && m.Name == "http.client.request.duration" {
				for _, dp := range h.DataPoints {
					v, _ := dp.Attributes.Value("error.type")
					found = found || (dp.Count == 1 && v.AsString() == "503")
				}
			}
		}
	}
	if !found {
		t.Errorf("no http.client.request.duration point with error.type 503: %+v", rm.ScopeMetrics)
	}
}
