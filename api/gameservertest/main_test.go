package gameservertest

import (
	"net/http"
	"strconv"
	"testing"

	"go.uber.org/goleak"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const testKey = "test-key"

// newTestServer starts a server that accepts testKey, with opts.
func newTestServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	return NewServer(t, append([]Option{WithAPIToken(testKey)}, opts...)...)
}

func authHeader() http.Header { return http.Header{"Authorization": {"token " + testKey}} }

// call sends a request with the test key; a body is sent as JSON.
func call(t testing.TB, srv *Server, method, path, body string) fakeapi.Response {
	t.Helper()
	return fakeapi.Call(t, srv.Client(), method, srv.URL+path, authHeader(), body)
}

// wantStatus fails the test unless resp has the status.
func wantStatus(t testing.TB, resp fakeapi.Response, status int) {
	t.Helper()
	if resp.Status != status {
		t.Fatalf("status %d, want %d; body %s", resp.Status, status, resp.Body)
	}
}

// sessionGet is a get-session answer as tests read it.
type sessionGet struct {
	SessionID  string  `json:"session_id"`
	Status     string  `json:"status"`
	Ready      bool    `json:"ready"`
	Linked     bool    `json:"linked"`
	UserCount  int     `json:"user_count"`
	CreateTime string  `json:"create_time"`
	Elapsed    int     `json:"elapsed"`
	Error      *string `json:"error"`
	Deployment *struct {
		RequestID string   `json:"request_id"`
		Tags      []string `json:"tags"`
		Ports     map[string]struct {
			External int    `json:"external"`
			Link     string `json:"link"`
		} `json:"ports"`
		Location struct {
			City string `json:"city"`
		} `json:"location"`
		Sockets      *int `json:"sockets"`
		SocketsUsage *int `json:"sockets_usage"`
	} `json:"deployment"`
}

func getSession(t testing.TB, srv *Server, id string) sessionGet {
	t.Helper()
	resp := call(t, srv, http.MethodGet, "/v1/session/"+id, "")
	wantStatus(t, resp, http.StatusOK)
	var s sessionGet
	resp.Decode(t, &s)
	return s
}

// create creates a session and returns its id.
func create(t testing.TB, srv *Server, body string) string {
	t.Helper()
	resp := call(t, srv, http.MethodPost, "/v1/session", body)
	wantStatus(t, resp, http.StatusOK)
	var r struct {
		SessionID string `json:"session_id"`
	}
	resp.Decode(t, &r)
	return r.SessionID
}

// apitestingCall lists sessions with the given headers.
func apitestingCall(t testing.TB, srv *Server, h http.Header) fakeapi.Response {
	t.Helper()
	return fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+"/v1/sessions", h, "")
}

func itoa(n int) string { return strconv.Itoa(n) }
