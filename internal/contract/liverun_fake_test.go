package contract_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// TestLiveRunAgainstFakes drives the live run, writes enabled, against the
// in-process servers standing in for the real services: every operation
// is sent in order and reported with its status, decoded value and
// headers; a field the spec does not know is named; and the writes leave
// exactly the test user's sessions revoked and no session created behind.
func TestLiveRunAgainstFakes(t *testing.T) {
	zsrv := zendesktest.NewServer(t,
		zendesktest.WithUsers(
			zendesktest.User{ID: 35436, Email: "admin@example.com", Role: zendesktest.RoleAdmin, APIToken: "live-token"},
			zendesktest.User{ID: 77, Email: "test-user@example.com", Role: zendesktest.RoleEndUser}),
		zendesktest.WithSessions(zendesktest.Session{ID: 14, UserID: 35436}, zendesktest.Session{ID: 15, UserID: 77}, zendesktest.Session{ID: 16, UserID: 77}),
		zendesktest.WithOAuthClients(zendesktest.OAuthClient{ID: "live_client", Secret: "live-secret", UserID: 35436}))
	gsrv := gameservertest.NewServer(t, gameservertest.WithAPIToken("live-key"),
		gameservertest.WithApps(gameservertest.App{Name: "live-app"}),
		gameservertest.WithSessions(gameservertest.Session{ID: "seen-S", App: "live-app", Ready: true, Users: []gameservertest.User{{IP: "198.51.100.9"}}}))
	// The real service sends a field the spec does not know.
	zsrv.InjectFault("ListSessions", zendesktest.Fault{Status: 200, ContentType: "application/json", Times: 1,
		Body: `{"sessions":[{"id":14,"user_id":35436,"authenticated_at":"2024-01-01T00:00:00Z","url":"u","device":"phone"}],"meta":{"has_more":false},"links":{}}`})

	env := map[string]string{
		liveZendeskSubdomain: "acme", liveZendeskBaseURL: zsrv.URL, liveZendeskEmail: "admin@example.com", liveZendeskAPIToken: "live-token",
		liveZendeskTestUser: "77", liveZendeskClientID: "live_client", liveZendeskSecret: "live-secret",
		liveEdgegapToken: "live-key", liveEdgegapBaseURL: gsrv.URL, liveEdgegapApp: "live-app", liveWrites: "1",
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	var out strings.Builder
	liveRun(t, readLiveConfig(func(k string) string { return env[k] }), &http.Client{Transport: tr}, &out)

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
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
		t.Fatalf("reported operations (-want +got):\n%s\n%s", diff, out.String())
	}
	report := map[string]string{}
	for i, l := range lines {
		report[ops[i]] = l
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
			if !strings.Contains(report[op], p) {
				t.Errorf("report line of %s lacks %q:\n%s", op, p, report[op])
			}
		}
	}
	if strings.Contains(out.String(), "FAILED") || strings.Count(out.String(), "fields the spec does not know") != 1 {
		t.Errorf("report:\n%s", out.String())
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
