package specproxy_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/specproxy"
	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// start puts a Proxy for api in front of upstream and collects its reports.
func start(t *testing.T, api, upstream string) (*specproxy.Proxy, *httptest.Server, func() []specproxy.Violation) {
	t.Helper()
	var (
		mu  sync.Mutex
		got []specproxy.Violation
	)
	p, err := specproxy.New(specproxy.Config{API: api, Upstream: upstream, Record: true, Report: func(v specproxy.Violation) {
		mu.Lock()
		defer mu.Unlock()
		v.Rule = "" // the validator's wording
		got = append(got, v)
	}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return p, srv, func() []specproxy.Violation {
		mu.Lock()
		defer mu.Unlock()
		return append([]specproxy.Violation(nil), got...)
	}
}

// TestGameserverThroughProxy drives every kind of call of the SDK through
// the proxy to the game-server fake: nothing is reported (the fake keeps
// the spec), the SDK gets what the fake holds, and the recording holds the
// sessions the answers showed, with TEST-NET players and no API key but
// the recording's own.
func TestGameserverThroughProxy(t *testing.T) {
	created := time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)
	fake := gameservertest.NewServer(t, gameservertest.WithAPIToken("real-key"),
		gameservertest.WithApps(gameservertest.App{Name: "game", Versions: []gameservertest.AppVersion{{Name: "v2"}}}),
		gameservertest.WithSessions(gameservertest.Session{ID: "s1-S", App: "game", Version: "v2", CustomID: "player-jane", Ready: true,
			Users: []gameservertest.User{{IP: "198.51.100.7"}, {IP: "198.51.100.8"}}, CreateTime: created}))
	p, srv, reports := start(t, specproxy.Gameserver, fake.URL)
	gc, err := gameserver.NewClient(gameserver.WithBaseURL(srv.URL), gameserver.WithAPIToken("real-key"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	got, err := gc.Sessions.Get(ctx, "s1-S")
	if err != nil || got.ID != "s1-S" || len(got.Users) != 2 {
		t.Fatalf("Get through the proxy: %+v, %v", got, err)
	}
	if _, err := gc.Sessions.List(nil).Collect(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := gc.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: "game", VersionName: "v2", IPList: []string{"198.51.100.9"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gc.Sessions.Delete(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]specproxy.Violation(nil), reports()); diff != "" {
		t.Errorf("violations in the fake's own traffic (-want +got):\n%s", diff)
	}
	rec := p.Recording().Gameserver
	if diff := cmp.Diff([]string{specproxy.RecordedToken}, rec.APITokens); diff != "" {
		t.Errorf("api keys (-want +got):\n%s", diff)
	}
	// get-session and list-sessions name no app: a session only they show
	// is kept under the recording's own app.
	want := []gameservertest.Session{{ID: "s1-S", App: "recorded-app", Version: "v1", Kind: "Seat", Ready: true, CreateTime: created,
		DeploymentRequestID: rec.Sessions[0].DeploymentRequestID,
		Users:               []gameservertest.User{{IP: "203.0.113.1"}, {IP: "203.0.113.2"}}}}
	if diff := cmp.Diff(want, rec.Sessions); diff != "" {
		t.Errorf("recorded sessions (-want +got):\n%s", diff)
	}
}

// TestViolations: what breaks the spec is reported, at its field, with the
// value shown only where it cannot be a credential or personal data.
func TestViolations(t *testing.T) {
	fake := zendesktest.NewServer(t,
		zendesktest.WithUsers(zendesktest.User{ID: 1, Email: "a@acme.example", Role: zendesktest.RoleAdmin, APIToken: "tok"}),
		zendesktest.WithOAuthClients(zendesktest.OAuthClient{ID: "ci", Secret: "the-client-secret", UserID: 1}))
	_, srv, reports := start(t, specproxy.Zendesk, fake.URL)
	send := func(method, path, body string) int {
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth("a@acme.example/token", "tok")
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	tests := []struct {
		name, method, path, body string
		want                     []specproxy.Violation
	}{
		{name: "valid, .json ending", method: "GET", path: "/api/v2/sessions.json"},
		{name: "page size over 100", method: "GET", path: "/api/v2/sessions?page%5Bsize%5D=500", want: []specproxy.Violation{
			{Operation: "ListSessions", In: "request", Field: "query parameter page[size]", Seen: float64(500)},
		}},
		{name: "unknown path", method: "GET", path: "/api/v2/tickets", want: []specproxy.Violation{
			{In: "request", Field: "path", Seen: "GET /api/v2/tickets"},
		}},
		{name: "token endpoint, secret never shown", method: "POST", path: "/oauth/tokens",
			body: `{"grant_type":"client_credentials","client_id":"ci","client_secret":"the-client-secret","scope":"read","expires_in":"soon"}`,
			want: []specproxy.Violation{
				{Operation: "CreateOAuthToken", In: "request", Field: "/expires_in", Seen: specproxy.Redacted},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(reports())
			send(tt.method, tt.path, tt.body)
			got := reports()[before:]
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUndocumentedStatus: an answer with a status the operation does not
// document is reported at "status".
func TestUndocumentedStatus(t *testing.T) {
	teapot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(teapot.Close)
	_, srv, reports := start(t, specproxy.Zendesk, teapot.URL)
	zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithAPIToken("a@acme.example", "tok"), zendesk.WithoutRetries())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zc.Sessions.Current(t.Context()); err == nil {
		t.Fatal("a 418 was taken for a session")
	}
	want := []specproxy.Violation{{Operation: "ShowCurrentlyAuthenticatedSession", In: "response", Field: "status"}}
	if diff := cmp.Diff(want, reports()); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}

// TestNewRefuses: bad configurations are errors that name what is wrong.
func TestNewRefuses(t *testing.T) {
	for _, tt := range []struct{ api, upstream, want string }{
		{"zendesk", "http://acme.zendesk.com", "http:// is only for loopback"},
		{"zendesk", "http://127.evil.example", "http:// is only for loopback"},
		{"zendesk", "acme.zendesk.com", "not an absolute http(s) URL"},
		{"zendesk", "https://u:p@acme.zendesk.com", "not an absolute http(s) URL"},
		{"tickets", "https://acme.zendesk.com", `API "tickets"`},
	} {
		if _, err := specproxy.New(specproxy.Config{API: tt.api, Upstream: tt.upstream}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%q, %q) = %v, want an error containing %q", tt.api, tt.upstream, err, tt.want)
		}
	}
}

// TestForeignHostRefused: a request naming a Host other than a loopback
// address (a page that rebound its DNS name to 127.0.0.1) is refused
// with 421 and nothing is forwarded.
func TestForeignHostRefused(t *testing.T) {
	var forwarded atomic.Bool
	upstream := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { forwarded.Store(true) }))
	t.Cleanup(upstream.Close)
	_, srv, _ := start(t, specproxy.Zendesk, upstream.URL)
	req, err := http.NewRequest("GET", srv.URL+"/api/v2/sessions", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "attacker.example:" + strings.Split(srv.URL, ":")[2]
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest || forwarded.Load() {
		t.Errorf("foreign Host: %d, forwarded %v; want 421 and nothing forwarded", resp.StatusCode, forwarded.Load())
	}
}
