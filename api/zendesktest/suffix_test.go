package zendesktest

import (
	"github.com/sessionkit/sessions/api/apitest"

	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJSONSuffixStillValidated checks that what is left once ".json" comes
// off is routed to its operation (the request log names it and keeps the
// path as sent) and validated like any other path.
func TestJSONSuffixStillValidated(t *testing.T) {
	srv := newTestServer(t, WithSessions(Session{ID: 8589934592, UserID: endUserID}))
	tests := []struct {
		path   string
		status int
		op     string
		want   map[string]any // nil: a success
	}{
		{"/api/v2/users/3/sessions/8589934592.json", http.StatusOK, OpShowSession, nil},
		{"/api/v2/users/3/sessions/abc.json", http.StatusBadRequest, OpShowSession,
			map[string]any{"error": "InvalidParameter", "description": `path parameter "session_id": value abc: an invalid integer: invalid syntax`}},
		{"/api/v2/users/3/sessions/8589934592.xml", http.StatusBadRequest, OpShowSession,
			map[string]any{"error": "InvalidParameter", "description": `path parameter "session_id": value 8589934592.xml: an invalid integer: invalid syntax`}},
		{"/api/v2/sessions.json?page[size]=101", http.StatusBadRequest, OpListSessions,
			map[string]any{"error": "InvalidParameter", "description": `query parameter "page[size]": number must be at most 100`}},
		{"/api/v2/users/me/session.json/renew", http.StatusNotFound, "",
			map[string]any{"error": "InvalidEndpoint", "description": "No such endpoint: /api/v2/users/me/session.json/renew"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := get(t, srv, adminID, tt.path)
			if resp.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.Status, tt.status, resp.Body)
			}
			if tt.want != nil {
				if diff := cmp.Diff(tt.want, resp.Map(t)); diff != "" {
					t.Errorf("body (-want +got):\n%s", diff)
				}
			}
			log := srv.Requests()
			last := log[len(log)-1]
			path, _, _ := strings.Cut(tt.path, "?")
			if diff := cmp.Diff(apitest.Request{Operation: tt.op, Path: path}, apitest.Request{Operation: last.Operation, Path: last.Path}); diff != "" {
				t.Errorf("request log (-want +got):\n%s", diff)
			}
		})
	}
}
