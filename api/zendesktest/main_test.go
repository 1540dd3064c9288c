package zendesktest

import (
	"net/http"
	"strconv"
	"testing"

	"go.uber.org/goleak"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The account most tests run against.
const (
	adminID   int64 = 1
	agentID   int64 = 2
	endUserID int64 = 3
)

func testUsers() []User {
	return []User{
		{ID: adminID, Email: "admin@example.com", Role: RoleAdmin, APIToken: "admin-token", Password: "admin-pw", OAuthToken: "admin-oauth"},
		{ID: agentID, Email: "agent@example.com", Role: RoleAgent, APIToken: "agent-token"},
		{ID: endUserID, Email: "user@example.com", APIToken: "user-token"},
	}
}

// newTestServer starts a server with the test users and opts.
func newTestServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	return NewServer(t, append([]Option{WithUsers(testUsers()...)}, opts...)...)
}

// asUser returns the API-token credentials of a test user.
func asUser(id int64) http.Header {
	for _, u := range testUsers() {
		if u.ID == id {
			req, _ := http.NewRequest(http.MethodGet, "/", nil)
			req.SetBasicAuth(u.Email+"/token", u.APIToken)
			return req.Header
		}
	}
	panic("no such test user")
}

// get calls GET path as a user.
func get(t testing.TB, srv *Server, user int64, path string) fakeapi.Response {
	t.Helper()
	return fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+path, asUser(user), "")
}

// del calls DELETE path as a user.
func del(t testing.TB, srv *Server, user int64, path string) fakeapi.Response {
	t.Helper()
	return fakeapi.Call(t, srv.Client(), http.MethodDelete, srv.URL+path, asUser(user), "")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
