package zendesktest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// TestJSONSuffix sends every operation twice, to two servers seeded alike
// on one clock: once with the plain path, once with ".json" appended, as
// live Zendesk accepts and some clients (a widely used Node one) always
// send. Both must answer with the same status and body and leave the same
// sessions behind, and the plain answer must be a success, so that the
// two are not merely the same refusal.
func TestJSONSuffix(t *testing.T) {
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	seed := []Session{
		{ID: 8589934592, UserID: adminID, AuthenticatedAt: at.Add(-time.Hour), LastSeenAt: at.Add(-time.Minute)},
		{ID: 8589934593, UserID: endUserID, AuthenticatedAt: at.Add(-2 * time.Hour)},
		{ID: 8589934594, UserID: endUserID, AuthenticatedAt: at.Add(-3 * time.Hour)},
	}
	mint := `{"grant_type":"client_credentials","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client","scope":"read","expires_in":1800}`
	tests := []struct {
		op, method, path, body string
		header                 http.Header
		mintsToken             bool // the body holds a fresh random token
	}{
		{op: "ListSessions", method: http.MethodGet, path: "/api/v2/sessions", header: asUser(adminID)},
		{op: "ListSessions (query)", method: http.MethodGet, path: "/api/v2/sessions?page%5Bsize%5D=1", header: asUser(adminID)},
		{op: "ListUserSessions", method: http.MethodGet, path: "/api/v2/users/3/sessions", header: asUser(adminID)},
		{op: "ShowSession", method: http.MethodGet, path: "/api/v2/users/3/sessions/8589934594", header: asUser(adminID)},
		{op: "DeleteSession", method: http.MethodDelete, path: "/api/v2/users/3/sessions/8589934594", header: asUser(adminID)},
		{op: "BulkDeleteSessionsByUserId", method: http.MethodDelete, path: "/api/v2/users/3/sessions", header: asUser(adminID)},
		{op: "ShowCurrentlyAuthenticatedSession", method: http.MethodGet, path: "/api/v2/users/me/session", header: asUser(adminID)},
		{op: "RenewCurrentSession", method: http.MethodGet, path: "/api/v2/users/me/session/renew", header: asUser(adminID), mintsToken: true},
		{op: "DeleteAuthenticatedSession", method: http.MethodDelete, path: "/api/v2/users/me/logout", header: asUser(adminID)},
		{op: "CreateOAuthToken", method: http.MethodPost, path: "/oauth/tokens", body: mint, mintsToken: true},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			type outcome struct {
				Status   int
				Body     string
				Sessions []Session
				Tokens   int
			}
			send := func(path string) outcome {
				srv := newTestServer(t, WithClock(func() time.Time { return at }), WithSessions(seed...), withTestClient())
				resp := fakeapi.Call(t, srv.Client(), tt.method, srv.URL+path, tt.header, tt.body)
				o := outcome{Status: resp.Status, Body: strings.ReplaceAll(string(resp.Body), srv.URL, "BASE"), Sessions: srv.Sessions(), Tokens: len(srv.OAuthTokens())}
				if tt.mintsToken {
					o.Body = ""
				}
				return o
			}
			plain := send(tt.path)
			if plain.Status >= 300 {
				t.Fatalf("%s %s: status %d: %s", tt.method, tt.path, plain.Status, plain.Body)
			}
			p, q, _ := strings.Cut(tt.path, "?")
			suffixed := p + ".json"
			if q != "" {
				suffixed += "?" + q
			}
			if d := cmp.Diff(plain, send(suffixed)); d != "" {
				t.Errorf("%s %s against %s (-plain +suffixed):\n%s", tt.method, suffixed, tt.path, d)
			}
		})
	}
}

// TestJSONSuffixAlone checks that the suffix is only ever a suffix: a path
// that is nothing but ".json" after a slash, or a suffix inside the path,
// is no endpoint.
func TestJSONSuffixAlone(t *testing.T) {
	srv := newTestServer(t)
	for _, path := range []string{"/api/v2/sessions/.json", "/api/v2.json/sessions", "/api/v2/sessions.json.json"} {
		if resp := fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+path, asUser(adminID), ""); resp.Status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404: %s", path, resp.Status, resp.Body)
		}
	}
}
