package zendesktest

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/internal/apitesting"
)

// TestRuntimeSeeding checks that AddUser and AddSession return what the
// server stored, defaults filled in, and that what they add is served.
func TestRuntimeSeeding(t *testing.T) {
	now := time.Date(2024, 5, 26, 12, 0, 45, 0, time.UTC)
	srv := newTestServer(t, WithClock(func() time.Time { return now }))

	u, err := srv.AddUser(User{ID: 40, Email: "late@example.com", APIToken: "late-token"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(User{ID: 40, Email: "late@example.com", Role: RoleEndUser, APIToken: "late-token"}, u); diff != "" {
		t.Errorf("AddUser returned (-want +got):\n%s", diff)
	}
	if _, err := srv.AddUser(User{ID: 40, Email: "again@example.com"}); err == nil {
		t.Error("AddUser accepted a second user with ID 40")
	}

	s, err := srv.AddSession(Session{UserID: 40})
	if err != nil {
		t.Fatal(err)
	}
	if s.ID == 0 || !s.AuthenticatedAt.Equal(now) || s.UserID != 40 {
		t.Errorf("AddSession = %+v, want an assigned ID and AuthenticatedAt %v", s, now)
	}
	if _, err := srv.AddSession(Session{UserID: 41}); err == nil {
		t.Error("AddSession accepted a session of an unknown user")
	}

	req, err := http.NewRequest(http.MethodGet, "/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth("late@example.com/token", "late-token")
	resp := apitesting.Call(t, srv.Client(), http.MethodGet, srv.URL+"/api/v2/users/40/sessions", req.Header, "")
	if resp.Status != http.StatusOK {
		t.Fatalf("the added user listing its sessions: %d %s", resp.Status, resp.Body)
	}
	if diff := cmp.Diff([]Session{s}, srv.Sessions()[len(srv.Sessions())-1:]); diff != "" {
		t.Errorf("Sessions() ends with (-want +got):\n%s", diff)
	}
}
