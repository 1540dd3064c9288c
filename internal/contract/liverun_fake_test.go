package contract_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// liveFakes starts the in-process servers standing in for the real
// services of a live run, seeded with an admin, a test user and their
// sessions, an OAuth client, an app and one game-server session; env names
// them all, writes enabled.
func liveFakes(t *testing.T) (zsrv *zendesktest.Server, gsrv *gameservertest.Server, env map[string]string) {
	t.Helper()
	zsrv = zendesktest.NewServer(t,
		zendesktest.WithUsers(
			zendesktest.User{ID: 35436, Email: "admin@example.com", Role: zendesktest.RoleAdmin, APIToken: "live-token"},
			zendesktest.User{ID: 77, Email: "test-user@example.com", Role: zendesktest.RoleEndUser}),
		zendesktest.WithSessions(zendesktest.Session{ID: 14, UserID: 35436}, zendesktest.Session{ID: 15, UserID: 77}, zendesktest.Session{ID: 16, UserID: 77}),
		zendesktest.WithOAuthClients(zendesktest.OAuthClient{ID: "live_client", Secret: "live-secret", UserID: 35436}))
	gsrv = gameservertest.NewServer(t, gameservertest.WithAPIToken("live-key"),
		gameservertest.WithApps(gameservertest.App{Name: "live-app"}),
		gameservertest.WithSessions(gameservertest.Session{ID: "seen-S", App: "live-app", Ready: true, Users: []gameservertest.User{{IP: "198.51.100.9"}}}))
	env = map[string]string{
		liveZendeskSubdomain: "acme", liveZendeskBaseURL: zsrv.URL, liveZendeskEmail: "admin@example.com", liveZendeskAPIToken: "live-token",
		liveZendeskTestUser: "77", liveZendeskClientID: "live_client", liveZendeskSecret: "live-secret",
		liveEdgegapToken: "live-key", liveEdgegapBaseURL: gsrv.URL, liveEdgegapApp: "live-app", liveWrites: "1",
	}
	return zsrv, gsrv, env
}

// runLive runs the live run on env through rt (the default transport when
// nil) until ctx ends, and returns its report and failures.
func runLive(ctx context.Context, t *testing.T, env map[string]string, rt http.RoundTripper) (string, []string) {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	if rt == nil {
		rt = tr
	}
	var out strings.Builder
	failures := liveRun(ctx, readLiveConfig(func(k string) string { return env[k] }), &http.Client{Transport: rt}, &out)
	return out.String(), failures
}

// TestLiveRunAgainstFakes drives the live run, writes enabled, against the
// in-process servers standing in for the real services: every operation
// is sent in order and reported with its status, decoded value and
// headers; a field the spec does not know is named; and the writes leave
// exactly the test user's sessions revoked and no session created behind.
func TestLiveRunAgainstFakes(t *testing.T) {
	zsrv, gsrv, env := liveFakes(t)
	// The real service sends a field the spec does not know.
	zsrv.InjectFault("ListSessions", zendesktest.Fault{Status: 200, ContentType: "application/json", Times: 1,
		Body: `{"sessions":[{"id":14,"user_id":35436,"authenticated_at":"2024-01-01T00:00:00Z","url":"u","device":"phone"}],"meta":{"has_more":false},"links":{}}`})
	report, failures := runLive(t.Context(), t, env, nil)
	if len(failures) > 0 {
		t.Errorf("failures: %q\nreport:\n%s", failures, report)
	}
	lines := strings.Split(strings.TrimSpace(report), "\n")
	var ops []string
	for _, l := range lines {
		name, _, _ := strings.Cut(l, ":")
		ops = append(ops, name)
	}
	var want []string
	for _, spec := range []string{zendeskSpec, gameSpec} {
		for _, op := range liveOrder[spec] {
			want = append(want, apiName(spec)+" "+op)
		}
	}
	if diff := cmp.Diff(want, ops); diff != "" {
		t.Fatalf("reported operations (-want +got):\n%s\n%s", diff, report)
	}
	byOp := map[string]string{}
	for i, l := range lines {
		byOp[ops[i]] = l
	}
	for op, wantParts := range map[string][]string{
		"zendesk ListSessions":               {"GET /api/v2/sessions -> 200", "a page of 1 sessions", "request id ", "rate limit 699 of 700 left", "fields the spec does not know: sessions[].device"},
		"zendesk ShowSession":                {"GET /api/v2/users/35436/sessions/14 -> 200", "decoded zendesk.Session with 5 of 7 fields set"},
		"zendesk DeleteSession":              {"DELETE /api/v2/users/77/sessions/15 -> 204", "decoded nothing, as documented"},
		"zendesk CreateOAuthToken":           {"POST /oauth/tokens -> 20", "GET /api/v2/users/me/session -> 200"},
		"gameserver list-sessions":           {"GET /v1/sessions -> 200", "a page of 1 sessions of 1", "no request id, no rate-limit headers"},
		"gameserver get-session":             {"GET /v1/session/seen-S -> 200", "*gameserver.Session"},
		"gameserver session-post":            {"POST /v1/session -> 200", "*gameserver.CreatedSession"},
		"gameserver sessions-bulk-stop":      {"POST /v1/sessions/bulk-stop -> 200", "1 session ids"},
		"zendesk RenewCurrentSession":        {"GET /api/v2/users/me/session/renew -> 200", "an authenticity token (set: true)"},
		"zendesk DeleteAuthenticatedSession": {"DELETE /api/v2/users/me/logout -> 204"},
	} {
		for _, p := range wantParts {
			if !strings.Contains(byOp[op], p) {
				t.Errorf("report line of %s lacks %q:\n%s", op, p, byOp[op])
			}
		}
	}
	if strings.Contains(report, "FAILED") || strings.Count(report, "fields the spec does not know") != 1 {
		t.Errorf("report:\n%s", report)
	}
	var left []int64
	for _, s := range zsrv.Sessions() {
		left = append(left, s.ID)
	}
	if diff := cmp.Diff([]int64{14}, left); diff != "" {
		t.Errorf("Zendesk sessions left (-want +got):\n%s", diff)
	}
	for _, s := range gsrv.Sessions() {
		if s.ID != "seen-S" && !s.Terminated {
			t.Errorf("the live run left session %s behind", s.ID)
		}
	}
}

// TestLiveConfig: the run is configured per API, and writes need the
// explicit opt-in.
func TestLiveConfig(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want liveConfig
	}{
		{nil, liveConfig{}},
		{map[string]string{liveZendeskSubdomain: "acme"}, liveConfig{}},
		{map[string]string{liveZendeskSubdomain: "acme", liveZendeskEmail: "a@b", liveZendeskAPIToken: "t"}, liveConfig{zendesk: true}},
		{map[string]string{liveZendeskSubdomain: "acme", liveZendeskOAuth: "o"}, liveConfig{zendesk: true}},
		{map[string]string{liveEdgegapToken: "k", liveWrites: "yes"}, liveConfig{game: true}},
		{map[string]string{liveEdgegapToken: "k", liveWrites: "1"}, liveConfig{game: true, writes: true}},
	}
	for _, tt := range tests {
		got := readLiveConfig(func(k string) string { return tt.env[k] })
		got.getenv = nil
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(liveConfig{})); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.env, diff)
		}
	}
}

// TestLiveRunReadOnlyWithoutOptIn: without SESSIONKIT_LIVE_WRITES=1 the
// live run sends only safe requests — no token is minted, no logout, no
// renewal — although everything the writes need is configured, and both
// services end as they began.
func TestLiveRunReadOnlyWithoutOptIn(t *testing.T) {
	zsrv, gsrv, env := liveFakes(t)
	delete(env, liveWrites)
	zBefore, gBefore := zsrv.Sessions(), gsrv.Sessions()
	report, failures := runLive(t.Context(), t, env, nil)
	if len(failures) > 0 {
		t.Errorf("failures: %q\nreport:\n%s", failures, report)
	}
	var unsafe []string
	for _, r := range append(zsrv.Requests(), gsrv.Requests()...) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			unsafe = append(unsafe, r.Method+" "+r.Path)
		}
	}
	if len(unsafe) > 0 {
		t.Errorf("requests sent without the opt-in that are not GET or HEAD: %q\nreport:\n%s", unsafe, report)
	}
	for _, op := range []string{"CreateOAuthToken", "DeleteAuthenticatedSession", "RenewCurrentSession", "session-post", "sessions-bulk-stop"} {
		if !strings.Contains(report, op+": skipped: a write; set "+liveWrites+"=1") {
			t.Errorf("the report does not say %s was skipped as a write:\n%s", op, report)
		}
	}
	if diff := cmp.Diff(zBefore, zsrv.Sessions()); diff != "" {
		t.Errorf("Zendesk sessions changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(gBefore, gsrv.Sessions()); diff != "" {
		t.Errorf("game-server sessions changed (-before +after):\n%s", diff)
	}
	if toks := zsrv.OAuthTokens(); len(toks) > 0 {
		t.Errorf("OAuth tokens minted without the opt-in: %d", len(toks))
	}
}

// cancelAfter is a transport that cancels a context once it has carried
// the answer to a request matching method and path: Ctrl-C or the run's
// deadline arriving just then.
type cancelAfter struct {
	next         http.RoundTripper
	method, path string
	cancel       context.CancelFunc
}

func (c cancelAfter) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(req)
	if req.Method == c.method && req.URL.Path == c.path {
		c.cancel()
	}
	return resp, err
}

// TestLiveRunCleansUp: with writes on, whatever ends the run — a failed
// step, or the run's context ending (Ctrl-C, the timeout) — the game-server
// sessions it created are deleted from the service before it returns
// (those bulk-stop stopped are terminated, as the run means them to be),
// and the report names what failed.
func TestLiveRunCleansUp(t *testing.T) {
	tests := []struct {
		name        string
		fault       string // the game-server operation that fails once with 403
		cancelAfter string // or the request after whose answer the run's context ends
		wantFailure string
	}{
		{name: "the delete fails", fault: "session-delete", wantFailure: "gameserver session-delete: "},
		{name: "the bulk stop fails", fault: "sessions-bulk-stop", wantFailure: "gameserver sessions-bulk-stop: "},
		{name: "removing a user fails", fault: "delete-users-session", wantFailure: "gameserver delete-users-session: "},
		{name: "cancelled after the create", cancelAfter: "/v1/session", wantFailure: "stopped before gameserver put-users-session: context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, gsrv, env := liveFakes(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var rt http.RoundTripper
			if tt.fault != "" {
				gsrv.InjectFault(tt.fault, gameservertest.Fault{Status: http.StatusForbidden, Times: 1})
			} else {
				tr := http.DefaultTransport.(*http.Transport).Clone()
				t.Cleanup(tr.CloseIdleConnections)
				rt = cancelAfter{next: tr, method: http.MethodPost, path: tt.cancelAfter, cancel: cancel}
			}
			report, failures := runLive(ctx, t, env, rt)
			if !slices.ContainsFunc(failures, func(f string) bool { return strings.HasPrefix(f, tt.wantFailure) }) {
				t.Errorf("failures %q lack one starting %q", failures, tt.wantFailure)
			}
			if slices.ContainsFunc(failures, func(f string) bool { return strings.HasPrefix(f, "cleanup:") }) {
				t.Errorf("the clean-up failed: %q", failures)
			}
			var created int
			for _, r := range gsrv.Requests() {
				if r.Operation == "session-post" && r.Status == http.StatusOK {
					created++
				}
			}
			if created == 0 {
				t.Fatalf("the run created no session, so nothing was tested:\n%s", report)
			}
			for _, s := range gsrv.Sessions() {
				if s.ID != "seen-S" && !s.Terminated {
					t.Errorf("the run left session %s behind:\n%s", s.ID, report)
				}
			}
		})
	}
}

// TestLiveRunWebhook: the sessions the live run creates register no
// webhook_url unless the user names one of theirs, which is then the one
// sent.
func TestLiveRunWebhook(t *testing.T) {
	for name, hook := range map[string]string{"none": "", "the user's": "https://hooks.example.org/mine"} {
		t.Run(name, func(t *testing.T) {
			_, gsrv, env := liveFakes(t)
			if hook != "" {
				env[liveEdgegapWebhook] = hook
			}
			report, failures := runLive(t.Context(), t, env, nil)
			if len(failures) > 0 {
				t.Errorf("failures: %q\nreport:\n%s", failures, report)
			}
			var sent []string
			for _, r := range gsrv.Requests() {
				if r.Operation != "session-post" {
					continue
				}
				var body struct {
					WebhookURL *string `json:"webhook_url"`
				}
				if err := json.Unmarshal(r.Body, &body); err != nil {
					t.Fatalf("session-post body %q: %v", r.Body, err)
				}
				if body.WebhookURL != nil {
					sent = append(sent, *body.WebhookURL)
				} else {
					sent = append(sent, "")
				}
			}
			if diff := cmp.Diff([]string{hook, hook}, sent); diff != "" {
				t.Errorf("webhook_url of the sessions created (-want +got):\n%s", diff)
			}
		})
	}
}
