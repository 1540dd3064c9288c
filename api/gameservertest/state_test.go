package gameservertest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestStateAndReset(t *testing.T) {
	at := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	srv := newTestServer(t, WithApps(App{Name: "game"}),
		WithDeployments(Deployment{RequestID: "d1", Tags: []string{"eu"}}),
		WithSessions(Session{ID: "s1", App: "game", DeploymentRequestID: "d1", Ready: true, CreateTime: at,
			Users: []User{{IP: "198.51.100.7"}}}))
	before := srv.State()
	if err := srv.Reset(before); err != nil {
		t.Fatalf("Reset(State()): %v", err)
	}
	if diff := cmp.Diff(before, srv.State()); diff != "" {
		t.Errorf("after Reset(State()) (-want +got):\n%s", diff)
	}
	if err := srv.Reset(State{Sessions: []Session{{App: "x", DeploymentRequestID: "gone"}}}); err == nil || !strings.Contains(err.Error(), "Deployment gone not found") {
		t.Errorf("Reset with an unknown deployment: %v", err)
	}
	if diff := cmp.Diff(before, srv.State()); diff != "" {
		t.Errorf("after a refused Reset (-want +got):\n%s", diff)
	}

	// A session created after a Reset gets an id none of the state has.
	resp, err := srv.Client().Do(stateRequest(t, http.MethodPost, srv.URL+"/v1/session", `{"app_name": "game", "ip_list": ["198.51.100.8"]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	after := srv.State()
	if len(after.Sessions) != 2 || after.Sessions[1].ID == before.Sessions[0].ID || len(after.Deployments) != 2 {
		t.Errorf("state after a create: %+v", after)
	}
	if err := srv.Reset(State{}); err != nil {
		t.Fatal(err)
	}
	// nil keys keep the server's.
	if diff := cmp.Diff(State{APITokens: []string{"test-key"}, Apps: []App{}, Deployments: []Deployment{}, Sessions: []Session{}}, srv.State()); diff != "" {
		t.Errorf("after Reset(State{}) (-want +got):\n%s", diff)
	}
	// New keys replace them: the old one is refused, the new one accepted.
	if err := srv.Reset(State{APITokens: []string{"rotated"}}); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]int{"test-key": http.StatusUnauthorized, "rotated": http.StatusOK} {
		req := stateRequest(t, http.MethodGet, srv.URL+"/v1/sessions", "")
		req.Header.Set("Authorization", "token "+key)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("key %q after the rotation: %d, want %d", key, resp.StatusCode, want)
		}
	}
}

func stateRequest(t *testing.T, method, url, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = authHeader()
	req.Header.Set("Content-Type", "application/json")
	return req
}
