package zendesktest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
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

// TestNoUsersConfigured checks that a server started without users says why
// it refuses a request, in Zendesk's classic shape, whatever the request
// carries, and that it serves once a user is added.
func TestNoUsersConfigured(t *testing.T) {
	srv, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	call := func(auth string) fakeapi.Response {
		header := http.Header{}
		if auth != "" {
			header.Set("Authorization", auth)
		}
		return fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+"/api/v2/sessions", header, "")
	}
	for _, auth := range []string{"", "Bearer tok", "Basic YUBleGFtcGxlLmNvbS90b2tlbjp0"} {
		resp := call(auth)
		body := resp.Map(t)
		desc, _ := body["description"].(string)
		if resp.Status != http.StatusUnauthorized || body["error"] != msgCouldNotAuthenticate ||
			!strings.Contains(desc, "has no users") || !strings.Contains(desc, "zendesktest.WithUsers(") {
			t.Errorf("authorization %q: %d %s, want a classic 401 whose description says to use zendesktest.WithUsers", auth, resp.Status, resp.Body)
		}
	}
	if _, err := srv.AddUser(User{ID: 7, Email: "a@example.com", Role: RoleAdmin, OAuthToken: "tok"}); err != nil {
		t.Fatal(err)
	}
	if resp := call("Bearer tok"); resp.Status != http.StatusOK {
		t.Errorf("after AddUser: %d %s", resp.Status, resp.Body)
	}
	if resp := call("Bearer other"); resp.Status != http.StatusUnauthorized || strings.Contains(string(resp.Body), "has no users") {
		t.Errorf("a wrong token once a user exists: %d %s, want the usual 401", resp.Status, resp.Body)
	}
}
