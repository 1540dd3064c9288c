package zendesktest

import (
	"net/http"
	"strings"
	"testing"
)

func TestStart(t *testing.T) {
	if _, err := Start(WithSessions(Session{UserID: 42})); err == nil || !strings.Contains(err.Error(), "unknown user 42") {
		t.Errorf("Start with a session of an unknown user: %v, want an error naming it", err)
	}
	srv, err := Start(WithUsers(User{ID: 7, Email: "a@example.com", Role: RoleAdmin, OAuthToken: "tok"}))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/sessions", nil)
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /api/v2/sessions: %d", resp.StatusCode)
	}
}
