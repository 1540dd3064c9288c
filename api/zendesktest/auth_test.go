package zendesktest

import (
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

func TestAuthentication(t *testing.T) {
	srv := newTestServer(t, WithSessions(Session{UserID: adminID}))
	basic := func(user, pass string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
	}
	couldNot := map[string]any{"error": "Couldn't authenticate you"}
	invalidToken := map[string]any{
		"error":             "invalid_token",
		"error_description": "The access token provided is expired, revoked, malformed or invalid for other reasons.",
	}
	tests := []struct {
		name          string
		authorization string
		wantStatus    int
		wantBody      map[string]any // for 401s
	}{
		{"api token", basic("admin@example.com/token", "admin-token"), http.StatusOK, nil},
		{"api token, email in other case", basic("ADMIN@example.com/token", "admin-token"), http.StatusOK, nil},
		{"password", basic("admin@example.com", "admin-pw"), http.StatusOK, nil},
		{"oauth bearer", "Bearer admin-oauth", http.StatusOK, nil},
		{"no header", "", http.StatusUnauthorized, couldNot},
		{"wrong api token", basic("admin@example.com/token", "nope"), http.StatusUnauthorized, couldNot},
		{"api token as password", basic("admin@example.com", "admin-token"), http.StatusUnauthorized, couldNot},
		{"password as api token", basic("admin@example.com/token", "admin-pw"), http.StatusUnauthorized, couldNot},
		{"unknown email", basic("who@example.com/token", "admin-token"), http.StatusUnauthorized, couldNot},
		{"empty password for a user without one", basic("agent@example.com", ""), http.StatusUnauthorized, couldNot},
		{"malformed basic", "Basic !!!", http.StatusUnauthorized, couldNot},
		{"unknown bearer", "Bearer nope", http.StatusUnauthorized, invalidToken},
		{"other scheme", "Token admin-token", http.StatusUnauthorized, couldNot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.authorization != "" {
				h.Set("Authorization", tt.authorization)
			}
			resp := fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+"/api/v2/users/me/session", h, "")
			if resp.Status != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body %s", resp.Status, tt.wantStatus, resp.Body)
			}
			if tt.wantBody == nil {
				return
			}
			if diff := cmp.Diff(tt.wantBody, resp.Map(t)); diff != "" {
				t.Errorf("401 body (-want +got):\n%s", diff)
			}
			if resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("a 401 without WWW-Authenticate")
			}
		})
	}
}
