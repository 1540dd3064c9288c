package gameservertest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBulkStopFilters(t *testing.T) {
	seed := []Option{
		WithDeployments(
			Deployment{RequestID: "dep-eu", Tags: []string{"ranked", "eu"}},
			Deployment{RequestID: "dep-us", Tags: []string{"ranked", "us"}},
			Deployment{RequestID: "dep-bare"},
		),
		WithSessions(
			Session{ID: "eu1-S", App: "game", DeploymentRequestID: "dep-eu", Ready: true},
			Session{ID: "eu2-S", App: "game", DeploymentRequestID: "dep-eu"},
			Session{ID: "us1-S", App: "game", DeploymentRequestID: "dep-us", Ready: true},
			Session{ID: "bare-S", App: "game", DeploymentRequestID: "dep-bare", Ready: true},
			Session{ID: "gone-S", App: "game", DeploymentRequestID: "dep-eu", Terminated: true},
		),
	}
	f := func(field, typ string, values ...string) string {
		return `{"field":"` + field + `","filter_type":"` + typ + `","values":["` + strings.Join(values, `","`) + `"]}`
	}
	tests := []struct {
		name    string
		filters []string
		want    []string
	}{
		{"session_id any", []string{f("session_id", "any", "eu1-S", "us1-S", "nope-S")}, []string{"eu1-S", "us1-S"}},
		{"session_id all of one", []string{f("session_id", "all", "eu1-S")}, []string{"eu1-S"}},
		{"session_id all of two: none has both", []string{f("session_id", "all", "eu1-S", "us1-S")}, []string{}},
		{"session_id not", []string{f("session_id", "not", "eu1-S", "us1-S")}, []string{"eu2-S", "bare-S"}},
		{"tags any", []string{f("deployment_tags", "any", "eu", "us")}, []string{"eu1-S", "eu2-S", "us1-S"}},
		{"tags all", []string{f("deployment_tags", "all", "ranked", "eu")}, []string{"eu1-S", "eu2-S"}},
		{"tags all, one missing", []string{f("deployment_tags", "all", "ranked", "asia")}, []string{}},
		{"tags not", []string{f("deployment_tags", "not", "eu")}, []string{"us1-S", "bare-S"}},
		{"request_id any", []string{f("request_id", "any", "dep-us", "dep-bare")}, []string{"us1-S", "bare-S"}},
		{"request_id not", []string{f("request_id", "not", "dep-eu")}, []string{"us1-S", "bare-S"}},
		{"filters combine with and", []string{f("deployment_tags", "any", "ranked"), f("session_id", "not", "eu2-S")}, []string{"eu1-S", "us1-S"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, seed...)
			body := `{"filters":[` + strings.Join(tt.filters, ",") + `]}`
			resp := call(t, srv, http.MethodPost, "/v1/sessions/bulk-stop", body)
			wantStatus(t, resp, http.StatusOK)
			var got struct {
				Processable []struct {
					SessionID string `json:"session_id"`
				} `json:"processable"`
			}
			resp.Decode(t, &got)
			ids := []string{}
			for _, p := range got.Processable {
				ids = append(ids, p.SessionID)
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("stopped (-want +got):\n%s", diff)
			}
			// Stopped sessions leave the list; repeating the stop is safe and stops nothing.
			again := call(t, srv, http.MethodPost, "/v1/sessions/bulk-stop", body)
			if strings.TrimSpace(string(again.Body)) != `{"processable":[]}` {
				t.Errorf("repeated stop: %s", again.Body)
			}
			list := string(call(t, srv, http.MethodGet, "/v1/sessions", "").Body)
			for _, id := range tt.want {
				if strings.Contains(list, id) {
					t.Errorf("stopped %s still listed", id)
				}
			}
		})
	}
}

func TestBulkStopBadRequests(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct{ body, want string }{
		{`{"filters":[]}`, "at least one filter"},
		{`{"filters":[{"field":"session_id","values":[],"filter_type":"any"}]}`, "the session_id filter has no values"},
		{`{"filters":[{"field":"colour","values":["x"],"filter_type":"any"}]}`, "/filters/0/field"},
		{`{"filters":[{"field":"session_id","values":["x"],"filter_type":"some"}]}`, "/filters/0/filter_type"},
		{`{}`, `property "filters" is missing`},
	}
	for _, tt := range tests {
		resp := call(t, srv, http.MethodPost, "/v1/sessions/bulk-stop", tt.body)
		if msg, _ := resp.Map(t)["message"].(string); resp.Status != http.StatusBadRequest || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: %d %s, want 400 saying %q", tt.body, resp.Status, resp.Body, tt.want)
		}
	}
}
