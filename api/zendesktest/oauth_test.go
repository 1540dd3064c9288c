package zendesktest

import (
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

const (
	testClientID     = "sessionkit_test"
	testClientSecret = "s3cret-of-the-test-client"
)

func withTestClient() Option {
	return WithOAuthClients(OAuthClient{ID: testClientID, Secret: testClientSecret, UserID: adminID})
}

func mint(t testing.TB, srv *Server, body string) fakeapi.Response {
	t.Helper()
	return fakeapi.Call(t, srv.Client(), http.MethodPost, srv.URL+"/oauth/tokens", nil, body)
}

func bearer(token string) http.Header { return http.Header{"Authorization": {"Bearer " + token}} }

func TestCreateOAuthToken(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantStatus int
		wantError  string // the OAuth error code, or a part of a classic description
		wantExpiry bool
	}{
		{"client credentials", `{"grant_type":"client_credentials","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client","scope":"read write","expires_in":1800}`, 201, "", true},
		{"without expires_in", `{"grant_type":"client_credentials","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client","scope":"read"}`, 201, "", false},
		{"unknown client", `{"grant_type":"client_credentials","client_id":"other","client_secret":"s3cret-of-the-test-client","scope":"read","expires_in":1800}`, 401, "invalid_client", false},
		{"wrong secret", `{"grant_type":"client_credentials","client_id":"sessionkit_test","client_secret":"nope","scope":"read","expires_in":1800}`, 401, "invalid_client", false},
		{"other grant", `{"grant_type":"refresh_token","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client","refresh_token":"x"}`, 400, "invalid_grant", false},
		{"no scope", `{"grant_type":"client_credentials","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client","expires_in":1800}`, 400, "invalid_scope", false},
		{"expires_in 300", `{"grant_type":"client_credentials","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client","scope":"read","expires_in":300}`, 400, "expires_in", false},
		{"expires_in 172800", `{"grant_type":"client_credentials","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client","scope":"read","expires_in":172800}`, 400, "expires_in", false},
		{"unknown grant", `{"grant_type":"password","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client"}`, 400, "grant_type", false},
		{"no secret", `{"grant_type":"client_credentials","client_id":"sessionkit_test"}`, 400, "client_secret", false},
		{"a form body", `grant_type=client_credentials`, 400, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, withTestClient())
			resp := mint(t, srv, tt.body)
			if resp.Status != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.Status, tt.wantStatus, resp.Body)
			}
			if tt.wantStatus != 201 {
				if !strings.Contains(string(resp.Body), tt.wantError) {
					t.Errorf("body %s, want %q in it", resp.Body, tt.wantError)
				}
				if len(srv.OAuthTokens()) != 0 {
					t.Errorf("a token was minted")
				}
				return
			}
			got := resp.Map(t)
			tok, _ := got["access_token"].(string)
			if got["token_type"] != "bearer" || len(tok) < 20 {
				t.Errorf("answer %v", got)
			}
			if _, has := got["expires_in"]; has != tt.wantExpiry {
				t.Errorf("expires_in present: %v, want %v (%v)", has, tt.wantExpiry, got)
			}
			wantMinted := []OAuthToken{{AccessToken: tok, ClientID: testClientID, UserID: adminID, Scope: got["scope"].(string)}}
			if diff := cmp.Diff(wantMinted, srv.OAuthTokens(), cmp.FilterPath(func(p cmp.Path) bool {
				return strings.HasSuffix(p.String(), "At")
			}, cmp.Ignore())); diff != "" {
				t.Errorf("OAuthTokens (-want +got):\n%s", diff)
			}
			if r := fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+"/api/v2/sessions", bearer(tok), ""); r.Status != 200 {
				t.Errorf("listing with the token: %d %s", r.Status, r.Body)
			}
		})
	}
}

// TestOAuthTokenExpiresAndRevokes: a token works until its expires_in has
// passed on the server's clock, then answers 401 invalid_token; a revoked
// one at once.
func TestOAuthTokenExpiresAndRevokes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newTestServer(t, withTestClient(), WithoutNetwork(), WithClock(time.Now))
		body := `{"grant_type":"client_credentials","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client","scope":"read","expires_in":600}`
		var tokens []string
		for range 2 {
			var r struct {
				AccessToken string `json:"access_token"`
			}
			mint(t, srv, body).Decode(t, &r)
			tokens = append(tokens, r.AccessToken)
		}
		list := func(tok string) fakeapi.Response {
			return fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+"/api/v2/sessions", bearer(tok), "")
		}
		wantInvalid := func(what string, r fakeapi.Response) {
			t.Helper()
			if r.Status != 401 || !strings.Contains(string(r.Body), `"invalid_token"`) {
				t.Errorf("%s: %d %s, want 401 invalid_token", what, r.Status, r.Body)
			}
		}
		if !srv.RevokeToken(tokens[1]) || srv.RevokeToken("never-minted") {
			t.Error("RevokeToken reported wrongly")
		}
		wantInvalid("revoked", list(tokens[1]))
		time.Sleep(599 * time.Second)
		if r := list(tokens[0]); r.Status != 200 {
			t.Errorf("at 599s: %d %s", r.Status, r.Body)
		}
		time.Sleep(time.Second)
		wantInvalid("expired", list(tokens[0]))
	})
}

func TestOAuthClientsBadSeeds(t *testing.T) {
	tests := []struct {
		c       OAuthClient
		wantErr string
	}{
		{OAuthClient{Secret: "x", UserID: adminID}, "needs an ID"},
		{OAuthClient{ID: "a", UserID: adminID}, "needs a Secret"},
		{OAuthClient{ID: "a", Secret: "x", UserID: 99}, "user 99 is not seeded"},
	}
	for _, tt := range tests {
		srv, err := Start(WithUsers(testUsers()...), WithOAuthClients(tt.c))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			if srv != nil {
				srv.Close()
			}
			t.Errorf("Start with %+v: %v, want %q", tt.c, err, tt.wantErr)
		}
	}
}
