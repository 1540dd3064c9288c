package gameservertest

import (
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCreateSession(t *testing.T) {
	apps := WithApps(
		App{Name: "game", Versions: []AppVersion{{Name: "v2", ID: 42}, {Name: "v1", Disabled: true}}},
	)
	deps := WithDeployments(Deployment{RequestID: "9f511e17a5a5", Tags: []string{"ranked"}})
	tests := []struct {
		name       string
		body       string
		wantStatus int
		want       map[string]any // the whole answer, less session_id
		wantInMsg  string
	}{
		{"by IPs", `{"app_name":"game","ip_list":["162.254.103.13","198.12.116.39"],"webhook_url":"https://example.com/hook"}`, 200,
			map[string]any{"app": "game", "version": "v2", "custom_id": nil, "deployment_request_id": nil,
				"webhook_url": "https://example.com/hook", "selectors": []any{}}, ""},
		{"with selectors", `{"app_name":"game","version_name":"v2","geo_ip_list":[{"ip":"1.2.3.4","latitude":1,"longitude":2}],"selectors":[{"tag":"eu","env":{"key":"MODE","value":"x"}}]}`, 200,
			map[string]any{"app": "game", "version": "v2", "custom_id": nil, "deployment_request_id": nil, "webhook_url": nil,
				"selectors": []any{map[string]any{"tag": "eu", "env": map[string]any{"key": "MODE", "value": "x"}}}}, ""},
		{"on an existing deployment", `{"app_name":"game","ip_list":["1.2.3.4"],"deployment_request_id":"9f511e17a5a5"}`, 200,
			map[string]any{"app": "game", "version": "v2", "custom_id": nil, "deployment_request_id": "9f511e17a5a5",
				"webhook_url": nil, "selectors": []any{}}, ""},
		{"no app_name", `{"ip_list":["1.2.3.4"]}`, 400, nil, `request body at /app_name: property "app_name" is missing`},
		{"selector tag too long", `{"app_name":"game","ip_list":["1.2.3.4"],"selectors":[{"tag":"abcdefghijklmnopqrstuvwxyz"}]}`, 400, nil, "/selectors/0/tag"},
		{"bad filter_type", `{"app_name":"game","ip_list":["1.2.3.4"],"filters":[{"field":"f","values":[],"filter_type":"some"}]}`, 400, nil, "/filters/0/filter_type"},
		{"not JSON", `{"app_name":`, 400, nil, "request body"},
		{"unknown app", `{"app_name":"other","ip_list":["1.2.3.4"]}`, 400, nil, "App other not found"},
		{"unknown version", `{"app_name":"game","version_name":"v9","ip_list":["1.2.3.4"]}`, 400, nil, "App version v9 of game not found"},
		{"disabled version", `{"app_name":"game","version_name":"v1","ip_list":["1.2.3.4"]}`, 400, nil, "App version v1 of game is disabled"},
		{"bad IP", `{"app_name":"game","ip_list":["1.2.3"]}`, 400, nil, `"1.2.3" is not a valid IP address`},
		{"no users", `{"app_name":"game"}`, 400, nil, "at least one user"},
		{"unknown deployment", `{"app_name":"game","ip_list":["1.2.3.4"],"deployment_request_id":"nope"}`, 400, nil, "Deployment nope not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, apps, deps)
			resp := call(t, srv, http.MethodPost, "/v1/session", tt.body)
			wantStatus(t, resp, tt.wantStatus)
			got := resp.Map(t)
			if tt.want != nil {
				id, _ := got["session_id"].(string)
				if !strings.HasSuffix(id, "-S") || len(id) != 14 {
					t.Errorf("session_id %q does not look like 950dd2eaff09-S", id)
				}
				delete(got, "session_id")
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				return
			}
			if msg, _ := got["message"].(string); !strings.Contains(msg, tt.wantInMsg) {
				t.Errorf("message %q, want it to say %q", msg, tt.wantInMsg)
			}
		})
	}
}

func TestCreateDuplicate(t *testing.T) {
	srv := newTestServer(t)
	body := `{"app_name":"game","ip_list":["1.2.3.4","5.6.7.8"]}`
	id := create(t, srv, body)
	resp := call(t, srv, http.MethodPost, "/v1/session", `{"app_name":"game","ip_list":["5.6.7.8","1.2.3.4"]}`)
	wantStatus(t, resp, http.StatusConflict)
	if diff := cmp.Diff(map[string]any{"message": "A session with these users is already being processed"}, resp.Map(t)); diff != "" {
		t.Errorf("409 body (-want +got):\n%s", diff)
	}
	// Once the first one is ready, the same users may start another.
	getSession(t, srv, id)
	if !getSession(t, srv, id).Ready {
		t.Fatal("not ready on the second poll")
	}
	create(t, srv, body)
}

func TestReadinessAfterPolls(t *testing.T) {
	for _, polls := range []int{0, 1, 3} {
		t.Run(itoa(polls), func(t *testing.T) {
			srv := newTestServer(t, WithReadiness(Readiness{Polls: polls}))
			id := create(t, srv, `{"app_name":"game","ip_list":["1.2.3.4"],"selectors":[{"tag":"eu"}]}`)
			var got []string
			for range polls + 2 {
				s := getSession(t, srv, id)
				got = append(got, s.Status)
				if s.Ready != s.Linked || s.Ready != (s.Deployment != nil) {
					t.Errorf("ready %v, linked %v, deployment %v", s.Ready, s.Linked, s.Deployment)
				}
			}
			want := append(slicesRepeat("Waiting", polls), "Ready", "Ready")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
			s := getSession(t, srv, id)
			d := s.Deployment
			if d.Location.City != "Montreal" || d.Ports["gameport"].Link != d.RequestID+".pr.edgegap.net:"+itoa(d.Ports["gameport"].External) {
				t.Errorf("deployment %+v", d)
			}
			if diff := cmp.Diff([]string{"eu"}, d.Tags); diff != "" {
				t.Errorf("tags from the selectors (-want +got):\n%s", diff)
			}
		})
	}
}

func slicesRepeat(s string, n int) []string {
	out := []string{}
	for range n {
		out = append(out, s)
	}
	return out
}

func TestReadinessAfterDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newTestServer(t, WithoutNetwork(), WithReadiness(Readiness{Delay: 5 * time.Second}))
		id := create(t, srv, `{"app_name":"game","ip_list":["1.2.3.4"]}`)
		tests := []struct {
			wait      time.Duration
			wantReady bool
			elapsed   int
		}{
			{0, false, 0},
			{4900 * time.Millisecond, false, 4},
			{100 * time.Millisecond, true, 5},
			{time.Hour, true, 3605},
		}
		for _, tt := range tests {
			time.Sleep(tt.wait)
			s := getSession(t, srv, id)
			if s.Ready != tt.wantReady || s.Elapsed != tt.elapsed {
				t.Errorf("after %v more: ready %v elapsed %d, want %v %d", tt.wait, s.Ready, s.Elapsed, tt.wantReady, tt.elapsed)
			}
			// synctest's clock starts at midnight UTC, 2000-01-01: Python leaves the zero fraction out.
			if s.CreateTime != "2000-01-01 00:00:00" {
				t.Errorf("create_time %q", s.CreateTime)
			}
		}
		// Listing shows readiness too, without counting as a poll.
		resp := call(t, srv, http.MethodGet, "/v1/sessions", "")
		if !strings.Contains(string(resp.Body), `"status":"Ready"`) {
			t.Errorf("list %s", resp.Body)
		}
	})
}

func TestCreateTimeFormat(t *testing.T) {
	at := time.Date(2024, 5, 26, 12, 0, 45, 831041123, time.UTC)
	srv := newTestServer(t, WithClock(func() time.Time { return at }))
	id := create(t, srv, `{"app_name":"game","ip_list":["1.2.3.4"]}`)
	if got := getSession(t, srv, id).CreateTime; got != "2024-05-26 12:00:45.831041" {
		t.Errorf("create_time %q", got)
	}
}

func TestSessionError(t *testing.T) {
	srv := newTestServer(t, WithApps(App{Name: "game", Versions: []AppVersion{{Name: "v1", SessionError: "No deployment matches the session's selectors"}}}))
	id := create(t, srv, `{"app_name":"game","ip_list":["1.2.3.4"]}`)
	getSession(t, srv, id)
	s := getSession(t, srv, id)
	if s.Ready || s.Status != "Unprocessable" || s.Error == nil || *s.Error != "No deployment matches the session's selectors" {
		t.Errorf("failed session %+v", s)
	}
}

func TestExplicitNulls(t *testing.T) {
	srv := newTestServer(t)
	id := create(t, srv, `{"app_name":"game","ip_list":["1.2.3.4"]}`)
	body := string(call(t, srv, http.MethodGet, "/v1/session/"+id, "").Body)
	for _, null := range []string{`"custom_id":null`, `"error":null`, `"webhook_url":null`, `"deployment":null`} {
		if !strings.Contains(body, null) {
			t.Errorf("a waiting session lacks %s: %s", null, body)
		}
	}
}

// TestCreateTimeAsServed: the fake keeps a session's create_time to the
// microsecond, as the API serves it, so what Sessions reports equals what a
// client reads, for a created session and a seeded one with nanoseconds.
func TestCreateTimeAsServed(t *testing.T) {
	now := time.Date(2026, 12, 2, 18, 0, 0, 123456789, time.UTC)
	srv := newTestServer(t, WithClock(func() time.Time { return now }), WithApps(App{Name: "game", Versions: []AppVersion{{Name: "v1"}}}),
		WithSessions(Session{App: "game", Version: "v1", Users: []User{{IP: "1.2.3.4"}}, CreateTime: now.Add(-time.Hour)}))
	call(t, srv, http.MethodPost, "/v1/session", `{"app_name":"game","ip_list":["5.6.7.8"]}`)
	var served, stored []time.Time
	for _, s := range srv.Sessions() {
		stored = append(stored, s.CreateTime)
		resp := call(t, srv, http.MethodGet, "/v1/session/"+s.ID, "")
		at, err := time.Parse("2006-01-02 15:04:05.999999", resp.Map(t)["create_time"].(string))
		if err != nil {
			t.Fatal(err)
		}
		served = append(served, at)
	}
	want := []time.Time{now.Add(-time.Hour).Truncate(time.Microsecond), now.Truncate(time.Microsecond)}
	if diff := cmp.Diff(want, stored); diff != "" {
		t.Errorf("Sessions' CreateTime (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, served); diff != "" {
		t.Errorf("served create_time (-want +got):\n%s", diff)
	}
}
