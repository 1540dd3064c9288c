package zendesktest

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/internal/apitesting"
)

// The account of the .json tests: two sessions of the end user (the later
// one is current) and one of the agent.
var (
	suffixNow     = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	suffixOld     = Session{ID: 8589934592, UserID: endUserID, AuthenticatedAt: suffixNow.Add(-2 * time.Hour)}
	suffixCurrent = Session{ID: 8589934593, UserID: endUserID, AuthenticatedAt: suffixNow.Add(-time.Hour)}
	suffixAgent   = Session{ID: 8589934594, UserID: agentID, AuthenticatedAt: suffixNow.Add(-time.Hour)}
)

// sessionIDs returns the ids of ss, sorted.
func sessionIDs(ss []Session) []int64 {
	ids := make([]int64, 0, len(ss))
	for _, s := range ss {
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	return ids
}

// bodyIDs returns the ids of the sessions of a SessionsResponse, sorted.
func bodyIDs(t *testing.T, resp apitesting.Response) []int64 {
	t.Helper()
	var body struct {
		Sessions []wireSession `json:"sessions"`
	}
	resp.Decode(t, &body)
	var ids []int64
	for _, s := range body.Sessions {
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestJSONSuffix runs every operation with and without the ".json" suffix
// live Zendesk accepts on every path, and checks each answer against the
// server's state afterwards.
func TestJSONSuffix(t *testing.T) {
	tests := []struct {
		op     string
		method string
		path   string
		header http.Header
		body   string
		status int
		check  func(t *testing.T, srv *Server, resp apitesting.Response)
	}{
		{OpListSessions, http.MethodGet, "/api/v2/sessions", asUser(adminID), "", http.StatusOK,
			func(t *testing.T, srv *Server, resp apitesting.Response) {
				if diff := cmp.Diff(sessionIDs(srv.Sessions()), bodyIDs(t, resp)); diff != "" {
					t.Errorf("listed sessions (-state +got):\n%s", diff)
				}
			}},
		{OpListUserSessions, http.MethodGet, "/api/v2/users/3/sessions", asUser(adminID), "", http.StatusOK,
			func(t *testing.T, srv *Server, resp apitesting.Response) {
				want := sessionIDs(slices.DeleteFunc(srv.Sessions(), func(s Session) bool { return s.UserID != endUserID }))
				if diff := cmp.Diff(want, bodyIDs(t, resp)); diff != "" {
					t.Errorf("listed sessions (-state +got):\n%s", diff)
				}
			}},
		{OpBulkDeleteSessionsByUserID, http.MethodDelete, "/api/v2/users/3/sessions", asUser(adminID), "", http.StatusNoContent,
			func(t *testing.T, srv *Server, _ apitesting.Response) {
				if diff := cmp.Diff([]int64{suffixAgent.ID}, sessionIDs(srv.Sessions())); diff != "" {
					t.Errorf("sessions left (-want +got):\n%s", diff)
				}
			}},
		{OpShowSession, http.MethodGet, "/api/v2/users/3/sessions/8589934592", asUser(adminID), "", http.StatusOK,
			func(t *testing.T, srv *Server, resp apitesting.Response) {
				var got sessionObject
				resp.Decode(t, &got)
				if diff := cmp.Diff(toWire(suffixOld, srv.URL), got.Session); diff != "" {
					t.Errorf("session (-state +got):\n%s", diff)
				}
			}},
		{OpDeleteSession, http.MethodDelete, "/api/v2/users/3/sessions/8589934592", asUser(adminID), "", http.StatusNoContent,
			func(t *testing.T, srv *Server, _ apitesting.Response) {
				if diff := cmp.Diff([]int64{suffixCurrent.ID, suffixAgent.ID}, sessionIDs(srv.Sessions())); diff != "" {
					t.Errorf("sessions left (-want +got):\n%s", diff)
				}
			}},
		{OpDeleteAuthenticatedSession, http.MethodDelete, "/api/v2/users/me/logout", asUser(endUserID), "", http.StatusNoContent,
			func(t *testing.T, srv *Server, _ apitesting.Response) {
				if diff := cmp.Diff([]Session{suffixOld, suffixCurrent, suffixAgent}, srv.Sessions()); diff != "" {
					t.Errorf("logging out under token auth changed the sessions (-want +got):\n%s", diff)
				}
			}},
		{OpShowCurrentlyAuthenticatedSession, http.MethodGet, "/api/v2/users/me/session", asUser(endUserID), "", http.StatusOK,
			func(t *testing.T, srv *Server, resp apitesting.Response) {
				var got sessionObject
				resp.Decode(t, &got)
				if diff := cmp.Diff(toWire(suffixCurrent, srv.URL), got.Session); diff != "" {
					t.Errorf("current session (-state +got):\n%s", diff)
				}
			}},
		{OpRenewCurrentSession, http.MethodGet, "/api/v2/users/me/session/renew", asUser(endUserID), "", http.StatusOK,
			func(t *testing.T, srv *Server, resp apitesting.Response) {
				if tok, _ := resp.Map(t)["authenticity_token"].(string); tok == "" {
					t.Errorf("body %s has no authenticity_token", resp.Body)
				}
				renewed := suffixCurrent
				renewed.LastSeenAt = suffixNow
				if diff := cmp.Diff([]Session{suffixOld, renewed, suffixAgent}, srv.Sessions()); diff != "" {
					t.Errorf("sessions after the renewal (-want +got):\n%s", diff)
				}
			}},
		{OpCreateOAuthToken, http.MethodPost, "/oauth/tokens", nil,
			`{"grant_type":"client_credentials","client_id":"sessionkit_test","client_secret":"s3cret-of-the-test-client","scope":"read","expires_in":1800}`,
			http.StatusCreated,
			func(t *testing.T, srv *Server, resp apitesting.Response) {
				tok, _ := resp.Map(t)["access_token"].(string)
				want := []OAuthToken{{AccessToken: tok, ClientID: testClientID, UserID: adminID, Scope: "read",
					IssuedAt: suffixNow, ExpiresAt: suffixNow.Add(1800 * time.Second)}}
				if diff := cmp.Diff(want, srv.OAuthTokens()); diff != "" {
					t.Errorf("minted tokens (-want +got):\n%s", diff)
				}
			}},
	}
	ops := make(map[string]bool)
	for _, tt := range tests {
		ops[tt.op] = true
		for _, suffix := range []string{"", ".json"} {
			t.Run(tt.op+suffix, func(t *testing.T) {
				srv := newTestServer(t, withTestClient(), WithClock(func() time.Time { return suffixNow }),
					WithSessions(suffixOld, suffixCurrent, suffixAgent))
				resp := apitesting.Call(t, srv.Client(), tt.method, srv.URL+tt.path+suffix, tt.header, tt.body)
				if resp.Status != tt.status {
					t.Fatalf("status %d, want %d: %s", resp.Status, tt.status, resp.Body)
				}
				tt.check(t, srv, resp)
				log := srv.Requests()
				got := Request{Operation: log[len(log)-1].Operation, Path: log[len(log)-1].Path}
				if diff := cmp.Diff(Request{Operation: tt.op, Path: tt.path + suffix}, got); diff != "" {
					t.Errorf("request log (-want +got):\n%s", diff)
				}
			})
		}
	}
	srv := newTestServer(t)
	for _, op := range srv.Operations() {
		if !ops[op] {
			t.Errorf("operation %s is not tested with and without .json", op)
		}
	}
}

// TestJSONSuffixOnce checks that only one ".json" comes off, only at the
// end, and that what is left is still routed and validated.
func TestJSONSuffixOnce(t *testing.T) {
	srv := newTestServer(t, WithSessions(suffixOld))
	tests := []struct {
		path   string
		status int
		want   map[string]any
	}{
		{"/api/v2/sessions.json.json", http.StatusNotFound,
			map[string]any{"error": "InvalidEndpoint", "description": "No such endpoint: /api/v2/sessions.json"}},
		{"/api/v2/users/me/session.json/renew", http.StatusNotFound,
			map[string]any{"error": "InvalidEndpoint", "description": "No such endpoint: /api/v2/users/me/session.json/renew"}},
		{"/api/v2/users/3/sessions/8589934592.xml", http.StatusBadRequest,
			map[string]any{"error": "InvalidParameter", "description": `path parameter "session_id": value 8589934592.xml: an invalid integer: invalid syntax`}},
		{"/api/v2/users/3/sessions/abc.json", http.StatusBadRequest,
			map[string]any{"error": "InvalidParameter", "description": `path parameter "session_id": value abc: an invalid integer: invalid syntax`}},
		{"/api/v2/users/3/sessions/8589934592%2Ejson", http.StatusOK, nil},
		{"/api/v2/sessions.json?page[size]=101", http.StatusBadRequest,
			map[string]any{"error": "InvalidParameter", "description": `query parameter "page[size]": number must be at most 100`}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := get(t, srv, adminID, tt.path)
			if resp.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.Status, tt.status, resp.Body)
			}
			if tt.want == nil {
				return
			}
			if diff := cmp.Diff(tt.want, resp.Map(t)); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}
