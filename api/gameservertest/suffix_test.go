package gameservertest

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJSONSuffixIsNotAConvention checks that the game server, unlike Zendesk,
// gives ".json" no meaning (Edgegap documents no such suffix): on a path
// that ends in a session id it is part of the opaque id, which names no
// session; anywhere else the path is not an endpoint. Either way nothing
// changes, and without the suffix the same request succeeds.
func TestJSONSuffixIsNotAConvention(t *testing.T) {
	seeded := Session{ID: "s1-S", App: "game", Ready: true, Users: []User{{IP: "10.0.0.1"}}}
	tests := []struct {
		op     string
		method string
		path   string
		body   string
		want   string // the message of the 404 with the suffix
		wantOp string // the operation the request log names with the suffix
	}{
		{OpSessionPost, http.MethodPost, "/v1/session", `{"app_name":"game","ip_list":["10.0.0.9"]}`,
			"No such endpoint: /v1/session.json", ""},
		{OpGetSession, http.MethodGet, "/v1/session/s1-S", "", "Session s1-S.json not found", OpGetSession},
		{OpSessionDelete, http.MethodDelete, "/v1/session/s1-S", "", "Session s1-S.json not found", OpSessionDelete},
		{OpGetUsersSession, http.MethodGet, "/v1/session/s1-S/users", "", "No such endpoint: /v1/session/s1-S/users.json", ""},
		{OpPutUsersSession, http.MethodPut, "/v1/session/s1-S/users", `{"ip_list":["10.0.0.9"]}`,
			"No such endpoint: /v1/session/s1-S/users.json", ""},
		{OpDeleteUsersSession, http.MethodDelete, "/v1/session/s1-S/users", `{"ip_list":["10.0.0.1"]}`,
			"No such endpoint: /v1/session/s1-S/users.json", ""},
		{OpListSessions, http.MethodGet, "/v1/sessions", "", "No such endpoint: /v1/sessions.json", ""},
		{OpSessionsBulkStop, http.MethodPost, "/v1/sessions/bulk-stop",
			`{"filters":[{"field":"session_id","values":["s1-S"],"filter_type":"any"}]}`,
			"No such endpoint: /v1/sessions/bulk-stop.json", ""},
	}
	ops := make(map[string]bool)
	for _, tt := range tests {
		ops[tt.op] = true
		t.Run(tt.op, func(t *testing.T) {
			srv := newTestServer(t, WithSessions(seeded))
			before := srv.Sessions()
			resp := call(t, srv, tt.method, tt.path+".json", tt.body)
			wantStatus(t, resp, http.StatusNotFound)
			if diff := cmp.Diff(map[string]any{"message": tt.want}, resp.Map(t)); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, srv.Sessions()); diff != "" {
				t.Errorf("the request changed the sessions (-before +after):\n%s", diff)
			}
			log := srv.Requests()
			if got := log[len(log)-1].Operation; got != tt.wantOp {
				t.Errorf("logged as operation %q, want %q", got, tt.wantOp)
			}

			wantStatus(t, call(t, srv, tt.method, tt.path, tt.body), http.StatusOK)
		})
	}
	for _, op := range newTestServer(t).Operations() {
		if !ops[op] {
			t.Errorf("operation %s is not tested with .json", op)
		}
	}
}
