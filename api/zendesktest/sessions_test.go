package zendesktest

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

func TestShowSession(t *testing.T) {
	seen := time.Date(2014, 11, 18, 17, 30, 52, 0, time.UTC)
	srv := newTestServer(t, WithSessions(
		Session{ID: 8589934592, UserID: endUserID, AuthenticatedAt: time.Date(2014, 11, 18, 17, 24, 29, 0, time.UTC), LastSeenAt: seen},
		Session{ID: 8589934593, UserID: agentID, AuthenticatedAt: time.Date(2014, 11, 18, 17, 24, 29, 0, time.UTC)},
	))
	tests := []struct {
		name       string
		user       int64
		path       string
		wantStatus int
		want       map[string]any
	}{
		{"own session", endUserID, "/api/v2/users/3/sessions/8589934592", http.StatusOK, map[string]any{"session": map[string]any{
			"id": 8589934592.0, "user_id": 3.0, "authenticated_at": "2014-11-18T17:24:29Z", "last_seen_at": "2014-11-18T17:30:52Z",
			"url": srv.URL + "/api/v2/users/3/sessions/8589934592.json",
		}}},
		{"never seen: null last_seen_at", adminID, "/api/v2/users/2/sessions/8589934593", http.StatusOK, map[string]any{"session": map[string]any{
			"id": 8589934593.0, "user_id": 2.0, "authenticated_at": "2014-11-18T17:24:29Z", "last_seen_at": nil,
			"url": srv.URL + "/api/v2/users/2/sessions/8589934593.json",
		}}},
		{"another user's, as an end user", endUserID, "/api/v2/users/2/sessions/8589934593", http.StatusForbidden, nil},
		{"a session of another user under this one", adminID, "/api/v2/users/3/sessions/8589934593", http.StatusNotFound, nil},
		{"unknown session", adminID, "/api/v2/users/3/sessions/1", http.StatusNotFound, nil},
		{"unknown user", adminID, "/api/v2/users/99/sessions/8589934592", http.StatusNotFound, nil},
		{"user id not an integer", adminID, "/api/v2/users/abc/sessions/8589934592", http.StatusBadRequest, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(t, srv, tt.user, tt.path)
			if resp.Status != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.Status, tt.wantStatus, resp.Body)
			}
			got := resp.Map(t)
			if tt.want != nil {
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			} else if _, ok := got["error"].(string); !ok {
				t.Errorf("error body %s has no error", resp.Body)
			}
			if resp.Header.Get("X-Zendesk-Request-Id") == "" || resp.Header.Get("X-Rate-Limit") != "700" {
				t.Errorf("headers %v lack X-Zendesk-Request-Id or X-Rate-Limit", resp.Header)
			}
		})
	}
}

func TestErrorBodies(t *testing.T) {
	srv := newTestServer(t, WithSessions(Session{ID: 5, UserID: agentID}))
	tests := []struct {
		name string
		resp func() map[string]any
		want map[string]any
	}{
		{"404", func() map[string]any { return get(t, srv, adminID, "/api/v2/users/3/sessions/5").Map(t) },
			map[string]any{"error": "RecordNotFound", "description": "Not found"}},
		{"403", func() map[string]any { return get(t, srv, endUserID, "/api/v2/users/2/sessions").Map(t) },
			map[string]any{"error": "Forbidden", "description": msgForbidden}},
		{"400 names the parameter", func() map[string]any { return get(t, srv, adminID, "/api/v2/users/abc/sessions").Map(t) },
			map[string]any{"error": "InvalidParameter", "description": `path parameter "user_id": value abc: an invalid integer: invalid syntax`}},
		{"unknown path", func() map[string]any { return get(t, srv, adminID, "/api/v2/nothing").Map(t) },
			map[string]any{"error": "InvalidEndpoint", "description": "No such endpoint: /api/v2/nothing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.resp()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDeleteSession(t *testing.T) {
	srv := newTestServer(t, WithSessions(Session{ID: 5, UserID: endUserID}, Session{ID: 6, UserID: endUserID}, Session{ID: 7, UserID: agentID}))
	if resp := del(t, srv, endUserID, "/api/v2/users/2/sessions/7"); resp.Status != http.StatusForbidden {
		t.Errorf("deleting another user's session: %d", resp.Status)
	}
	resp := del(t, srv, endUserID, "/api/v2/users/3/sessions/5")
	if resp.Status != http.StatusNoContent || len(resp.Body) != 0 {
		t.Fatalf("delete: %d %q", resp.Status, resp.Body)
	}
	if resp := get(t, srv, endUserID, "/api/v2/users/3/sessions/5"); resp.Status != http.StatusNotFound {
		t.Errorf("show after delete: %d", resp.Status)
	}
	if resp := del(t, srv, endUserID, "/api/v2/users/3/sessions/5"); resp.Status != http.StatusNotFound {
		t.Errorf("second delete: %d", resp.Status)
	}
	if diff := cmp.Diff([]int64{6, 7}, ids(srv.Sessions())); diff != "" {
		t.Errorf("left (-want +got):\n%s", diff)
	}
}

func TestBulkDeleteSessions(t *testing.T) {
	srv := newTestServer(t, WithSessions(Session{ID: 5, UserID: endUserID}, Session{ID: 6, UserID: endUserID}, Session{ID: 7, UserID: agentID}))
	tests := []struct {
		user       int64
		path       string
		wantStatus int
		wantLeft   []int64
	}{
		{agentID, "/api/v2/users/3/sessions", http.StatusForbidden, []int64{5, 6, 7}},
		{adminID, "/api/v2/users/99/sessions", http.StatusNotFound, []int64{5, 6, 7}},
		{endUserID, "/api/v2/users/3/sessions", http.StatusNoContent, []int64{7}},
		{adminID, "/api/v2/users/2/sessions", http.StatusNoContent, nil},
		{adminID, "/api/v2/users/2/sessions", http.StatusNoContent, nil}, // nothing left: still 204
	}
	for _, tt := range tests {
		resp := del(t, srv, tt.user, tt.path)
		if resp.Status != tt.wantStatus {
			t.Errorf("DELETE %s as %d: %d, want %d", tt.path, tt.user, resp.Status, tt.wantStatus)
		}
		if diff := cmp.Diff(tt.wantLeft, ids(srv.Sessions())); diff != "" {
			t.Errorf("DELETE %s as %d: left (-want +got):\n%s", tt.path, tt.user, diff)
		}
	}
}

func ids(ss []Session) []int64 {
	var out []int64
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func TestCurrentSession(t *testing.T) {
	now := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	srv := newTestServer(t, WithClock(clock), WithSessions(
		Session{ID: 5, UserID: endUserID, AuthenticatedAt: now.Add(-2 * time.Hour)},
		Session{ID: 6, UserID: endUserID, AuthenticatedAt: now.Add(-time.Hour)},
	))
	var cur struct {
		Session struct {
			ID         int64   `json:"id"`
			LastSeenAt *string `json:"last_seen_at"`
		} `json:"session"`
	}
	get(t, srv, endUserID, "/api/v2/users/me/session").Decode(t, &cur)
	if cur.Session.ID != 6 || cur.Session.LastSeenAt != nil {
		t.Errorf("current session %+v, want the newest, 6, never seen", cur.Session)
	}
	if resp := get(t, srv, agentID, "/api/v2/users/me/session"); resp.Status != http.StatusNotFound {
		t.Errorf("current session of a user without one: %d", resp.Status)
	}
	if resp := get(t, srv, agentID, "/api/v2/users/me/session/renew"); resp.Status != http.StatusNotFound {
		t.Errorf("renewing without a session: %d", resp.Status)
	}

	tokens := map[string]bool{}
	for range 3 {
		var renewed struct {
			Token string `json:"authenticity_token"`
		}
		get(t, srv, endUserID, "/api/v2/users/me/session/renew").Decode(t, &renewed)
		if renewed.Token == "" || tokens[renewed.Token] {
			t.Fatalf("renew gave token %q, seen before: %v", renewed.Token, tokens[renewed.Token])
		}
		tokens[renewed.Token] = true
	}
	get(t, srv, endUserID, "/api/v2/users/me/session").Decode(t, &cur)
	if cur.Session.LastSeenAt == nil || *cur.Session.LastSeenAt != "2025-03-01T10:00:00Z" {
		t.Errorf("last_seen_at after renew = %v, want the clock's time", cur.Session.LastSeenAt)
	}

	// Logging out under token auth answers 204 and changes nothing.
	resp := del(t, srv, endUserID, "/api/v2/users/me/logout")
	if resp.Status != http.StatusNoContent || len(resp.Body) != 0 {
		t.Fatalf("logout: %d %q", resp.Status, resp.Body)
	}
	if len(srv.Sessions()) != 2 {
		t.Errorf("logout under token auth deleted a session")
	}
}

func TestSessionArray(t *testing.T) {
	srv := newTestServer(t, WithSessionArray(), WithSessions(Session{ID: 5, UserID: endUserID}))
	for _, path := range []string{"/api/v2/users/3/sessions/5", "/api/v2/users/me/session"} {
		var body struct {
			Session []struct {
				ID int64 `json:"id"`
			} `json:"session"`
		}
		get(t, srv, endUserID, path).Decode(t, &body)
		if len(body.Session) != 1 || body.Session[0].ID != 5 {
			t.Errorf("%s: session %+v, want an array of session 5", path, body.Session)
		}
	}
}

func TestSeedErrors(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"session of an unknown user", []Option{WithSessions(Session{UserID: 42})}, "unknown user 42"},
		{"user seeded twice", []Option{WithUsers(User{ID: 1})}, "seeded twice"},
		{"session seeded twice", []Option{WithSessions(Session{ID: 9, UserID: 1}, Session{ID: 9, UserID: 1})}, "seeded twice"},
		{"unknown role", []Option{WithUsers(User{ID: 9, Role: "owner"})}, "unknown role"},
		{"fault for an unknown operation", []Option{WithFault("Nope", Fault{Status: 500})}, `"Nope" is not an operation`},
		{"fault with a status the operation does not document", []Option{WithFault(OpListSessions, Fault{Status: http.StatusTeapot})}, "documents no 418 for ListSessions"},
		{"fault that does nothing", []Option{WithFault(OpShowSession, Fault{})}, "does nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Start(append([]Option{WithUsers(testUsers()...)}, tt.opts...)...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

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
	resp := fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+"/api/v2/users/40/sessions", req.Header, "")
	if resp.Status != http.StatusOK {
		t.Fatalf("the added user listing its sessions: %d %s", resp.Status, resp.Body)
	}
	if diff := cmp.Diff([]Session{s}, srv.Sessions()[len(srv.Sessions())-1:]); diff != "" {
		t.Errorf("Sessions() ends with (-want +got):\n%s", diff)
	}
}

// TestConcurrentDeletesOfOneSession: each request sees and changes the
// account atomically, so of many concurrent deletes of one session exactly
// one finds it (204) and the others do not (404), and the request ids stay
// distinct.
func TestConcurrentDeletesOfOneSession(t *testing.T) {
	const n = 16
	srv := newTestServer(t, WithSessions(
		Session{ID: 8589934592, UserID: endUserID},
		Session{ID: 8589934593, UserID: endUserID},
	))
	statuses := make(chan int, n)
	ids := make(chan string, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			resp, err := fakeapi.Do(srv.Client(), http.MethodDelete, srv.URL+"/api/v2/users/3/sessions/8589934592", asUser(adminID), "")
			if err != nil {
				t.Error(err)
				return
			}
			statuses <- resp.Status
			ids <- resp.Header.Get("X-Zendesk-Request-Id")
		})
	}
	wg.Wait()
	close(statuses)
	close(ids)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	if diff := cmp.Diff(map[int]int{http.StatusNoContent: 1, http.StatusNotFound: n - 1}, count); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("request id %q sent twice", id)
		}
		seen[id] = true
	}
	var left []int64
	for _, s := range srv.Sessions() {
		left = append(left, s.ID)
	}
	if diff := cmp.Diff([]int64{8589934593}, left); diff != "" {
		t.Errorf("sessions left (-want +got):\n%s", diff)
	}
}
