package gameservertest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSessionUsers(t *testing.T) {
	srv := newTestServer(t,
		WithDeployments(Deployment{RequestID: "small", Sockets: 3}),
		WithSessions(
			Session{ID: "s1-S", App: "game", DeploymentRequestID: "small", Ready: true, Users: []User{{IP: "10.0.0.1"}}},
			Session{ID: "s2-S", App: "game", DeploymentRequestID: "small", Ready: true, Users: []User{{IP: "10.0.0.2"}}},
		))
	users := func(resp []byte) []string {
		var body struct {
			Users []struct {
				IP string `json:"ip"`
			} `json:"session_users"`
		}
		if err := json.Unmarshal(resp, &body); err != nil {
			t.Fatal(err)
		}
		var ips []string
		for _, u := range body.Users {
			ips = append(ips, u.IP)
		}
		return ips
	}
	tests := []struct {
		name       string
		method     string
		path, body string
		wantStatus int
		wantIPs    []string
		wantInBody string
	}{
		{"list", http.MethodGet, "/v1/session/s1-S/users", "", 200, []string{"10.0.0.1"}, ""},
		{"add one, and one already there", http.MethodPut, "/v1/session/s1-S/users", `{"ip_list":["10.0.0.3","10.0.0.1"]}`, 200, []string{"10.0.0.1", "10.0.0.3"}, ""},
		{"no sockets left", http.MethodPut, "/v1/session/s1-S/users", `{"ip_list":["10.0.0.4"]}`, 422, nil, "Not enough sockets available on the deployment for 1 more user(s)"},
		{"remove one, and one not there", http.MethodDelete, "/v1/session/s1-S/users", `{"ip_list":["10.0.0.1","10.9.9.9"]}`, 200, []string{"10.0.0.3"}, ""},
		{"room again", http.MethodPut, "/v1/session/s1-S/users", `{"ip_list":["10.0.0.4"]}`, 200, []string{"10.0.0.3", "10.0.0.4"}, ""},
		{"bad IP", http.MethodPut, "/v1/session/s1-S/users", `{"ip_list":["nope"]}`, 400, nil, `"nope" is not a valid IP address`},
		{"no ip_list", http.MethodDelete, "/v1/session/s1-S/users", `{}`, 400, nil, `property "ip_list" is missing`},
		{"DELETE without a body", http.MethodDelete, "/v1/session/s1-S/users", ``, 400, nil, "request body"},
		{"unknown session", http.MethodGet, "/v1/session/nope/users", "", 404, nil, "Session nope not found"},
		{"unknown session, put", http.MethodPut, "/v1/session/nope/users", `{"ip_list":[]}`, 404, nil, "Session nope not found"},
	}
	for _, tt := range tests {
		resp := call(t, srv, tt.method, tt.path, tt.body)
		if resp.Status != tt.wantStatus {
			t.Fatalf("%s: status %d, want %d: %s", tt.name, resp.Status, tt.wantStatus, resp.Body)
		}
		if tt.wantIPs != nil {
			if diff := cmp.Diff(tt.wantIPs, users(resp.Body)); diff != "" {
				t.Errorf("%s: users (-want +got):\n%s", tt.name, diff)
			}
		} else if msg, _ := resp.Map(t)["message"].(string); !strings.Contains(msg, tt.wantInBody) {
			t.Errorf("%s: body %s, want it to say %q", tt.name, resp.Body, tt.wantInBody)
		}
	}
	d := getSession(t, srv, "s1-S").Deployment
	if d == nil || *d.Sockets != 3 || *d.SocketsUsage != 3 {
		t.Errorf("deployment sockets %+v", d)
	}
}

func TestListSessions(t *testing.T) {
	var seeds []Session
	var want []string
	for i := range 25 {
		id := "list-" + itoa(100+i) + "-S"
		seeds = append(seeds, Session{ID: id, App: "game", Users: []User{{IP: "10.0.1." + itoa(i)}}})
		want = append(want, id)
	}
	srv := newTestServer(t, WithSessions(seeds...))
	type pagination struct {
		Number             int  `json:"number"`
		NextPageNumber     *int `json:"next_page_number"`
		PreviousPageNumber *int `json:"previous_page_number"`
		Paginator          struct {
			NumPages int `json:"num_pages"`
		} `json:"paginator"`
		HasNext     bool `json:"has_next"`
		HasPrevious bool `json:"has_previous"`
	}
	intp := func(n int) *int { return &n }
	var got []string
	wantPages := []pagination{
		{Number: 1, NextPageNumber: intp(2), HasNext: true},
		{Number: 2, NextPageNumber: intp(3), PreviousPageNumber: intp(1), HasNext: true, HasPrevious: true},
		{Number: 3, PreviousPageNumber: intp(2), HasPrevious: true},
	}
	for i, wp := range wantPages {
		resp := call(t, srv, http.MethodGet, "/v1/sessions?limit=10&page="+itoa(i+1), "")
		wantStatus(t, resp, http.StatusOK)
		var body struct {
			Data []struct {
				SessionID string `json:"session_id"`
			} `json:"data"`
			TotalCount int        `json:"total_count"`
			Pagination pagination `json:"pagination"`
		}
		resp.Decode(t, &body)
		for _, d := range body.Data {
			got = append(got, d.SessionID)
		}
		wp.Paginator.NumPages = 3
		if diff := cmp.Diff(wp, body.Pagination); diff != "" {
			t.Errorf("page %d pagination (-want +got):\n%s", i+1, diff)
		}
		if body.TotalCount != 25 {
			t.Errorf("total_count %d", body.TotalCount)
		}
		// The ends carry explicit nulls, as the live API's do.
		raw := string(resp.Body)
		if i == 0 && !strings.Contains(raw, `"previous_page_number":null`) || i == 2 && !strings.Contains(raw, `"next_page_number":null`) {
			t.Errorf("page %d lacks its null: %s", i+1, raw)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk (-want +got):\n%s", diff)
	}

	tests := []struct {
		query      string
		wantStatus int
		wantInBody string
	}{
		{"page=4&limit=10", 404, "Invalid page."},
		{"page=0", 400, `query parameter \"page\": number must be at least 1`},
		{"limit=101", 400, `query parameter \"limit\": number must be at most 100`},
		{"limit=x", 400, `query parameter \"limit\"`},
		{"", 200, `"num_pages":3`}, // the default limit is 10
	}
	for _, tt := range tests {
		resp := call(t, srv, http.MethodGet, "/v1/sessions?"+tt.query, "")
		if resp.Status != tt.wantStatus || !strings.Contains(string(resp.Body), tt.wantInBody) {
			t.Errorf("?%s: %d %s, want %d saying %s", tt.query, resp.Status, resp.Body, tt.wantStatus, tt.wantInBody)
		}
	}
}

func TestListEmpty(t *testing.T) {
	srv := newTestServer(t, WithDefaultLimit(100))
	resp := call(t, srv, http.MethodGet, "/v1/sessions", "")
	want := `{"data":[],"pagination":{"has_next":false,"has_previous":false,"next_page_number":null,"number":1,"paginator":{"num_pages":1},"previous_page_number":null},"total_count":0}`
	if got := strings.TrimSpace(string(resp.Body)); got != want {
		t.Errorf("empty list\n got %s\nwant %s", got, want)
	}
}

func TestDeleteSession(t *testing.T) {
	srv := newTestServer(t,
		WithDeployments(Deployment{RequestID: "dep1"}),
		WithSessions(
			Session{ID: "a-S", App: "game", CustomID: "lobby-1"},
			Session{ID: "b-S", App: "game"},
			Session{ID: "c-S", App: "game", DeploymentRequestID: "dep1", Ready: true},
			Session{ID: "d-S", App: "game", Terminated: true},
		))
	tests := []struct {
		name       string
		before     func()
		id         string
		wantStatus int
		want       map[string]any
	}{
		{"live", nil, "a-S", 200, map[string]any{"message": "Session a-S deleted", "session_id": "a-S", "custom_id": "lobby-1"}},
		{"again", nil, "a-S", 404, map[string]any{"message": "Session a-S not found"}},
		{"never existed", nil, "zz-S", 404, map[string]any{"message": "Session zz-S not found"}},
		{"seeded terminated", nil, "d-S", 410, map[string]any{"message": "Session d-S is already terminated"}},
		{"stopped in bulk", func() {
			call(t, srv, http.MethodPost, "/v1/sessions/bulk-stop", `{"filters":[{"field":"session_id","values":["b-S"],"filter_type":"any"}]}`)
		}, "b-S", 410, map[string]any{"message": "Session b-S is already terminated"}},
		{"deployment terminated", func() { srv.TerminateDeployment("dep1") }, "c-S", 410, map[string]any{"message": "Session c-S is already terminated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.before != nil {
				tt.before()
			}
			resp := call(t, srv, http.MethodDelete, "/v1/session/"+tt.id, "")
			wantStatus(t, resp, tt.wantStatus)
			if diff := cmp.Diff(tt.want, resp.Map(t)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if resp := call(t, srv, http.MethodGet, "/v1/session/b-S", ""); resp.Status != http.StatusNotFound {
		t.Errorf("get of a stopped session: %d", resp.Status)
	}
}

func TestAuthentication(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name, authorization string
		wantStatus          int
		wantMessage         string
	}{
		{"token", "token " + testKey, 200, ""},
		{"Token, any case", "Token " + testKey, 200, ""},
		{"none", "", 401, "Authentication credentials were not provided."},
		{"bare key", testKey, 401, "Invalid authentication token"},
		{"bearer", "Bearer " + testKey, 401, "Invalid authentication token"},
		{"wrong key", "token nope", 401, "Invalid authentication token"},
		{"empty key", "token ", 401, "Invalid authentication token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.authorization != "" {
				h.Set("Authorization", tt.authorization)
			}
			resp := apitestingCall(t, srv, h)
			wantStatus(t, resp, tt.wantStatus)
			if tt.wantMessage != "" {
				if diff := cmp.Diff(map[string]any{"message": tt.wantMessage}, resp.Map(t)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestRuntimeSeeding(t *testing.T) {
	created := time.Date(2024, 5, 26, 12, 0, 45, 0, time.UTC)
	srv := newTestServer(t, WithClock(func() time.Time { return created }))
	dep, err := srv.AddDeployment(Deployment{Tags: []string{"late"}})
	if err != nil {
		t.Fatal(err)
	}
	if dep.RequestID == "" || dep.FQDN != dep.RequestID+".pr.edgegap.net" || dep.Location == nil || dep.Location.City != "Montreal" {
		t.Errorf("AddDeployment = %+v, want the stored deployment with its defaults", dep)
	}
	if _, err := srv.AddDeployment(Deployment{RequestID: dep.RequestID}); err == nil {
		t.Error("a second deployment with the same request id")
	}
	paris := &Location{Latitude: 48.8566, Longitude: 2.3522}
	added, err := srv.AddSession(Session{App: "game", DeploymentRequestID: dep.RequestID, Ready: true,
		Users: []User{{IP: "10.0.0.1", Location: paris}}})
	if err != nil {
		t.Fatal(err)
	}
	paris.Latitude = 0 // the server keeps its own copy
	want := Session{ID: added.ID, App: "game", Version: "v1", Kind: "Seat", DeploymentRequestID: dep.RequestID, Ready: true,
		Users: []User{{IP: "10.0.0.1", Location: &Location{Latitude: 48.8566, Longitude: 2.3522}}}, CreateTime: created}
	if diff := cmp.Diff(want, added); diff != "" || added.ID == "" {
		t.Errorf("AddSession returned (-want +got):\n%s", diff)
	}
	if _, err := srv.AddSession(Session{App: "game", DeploymentRequestID: "nope"}); err == nil || !strings.Contains(err.Error(), "Deployment nope not found") {
		t.Errorf("session on an unknown deployment: %v", err)
	}
	s := getSession(t, srv, added.ID)
	if !s.Ready || s.Deployment.RequestID != dep.RequestID || s.Deployment.Tags[0] != "late" {
		t.Errorf("runtime session %+v", s)
	}
	if diff := cmp.Diff([]Session{want}, srv.Sessions()); diff != "" {
		t.Errorf("Sessions() (-want +got):\n%s", diff)
	}
	if !srv.TerminateDeployment(dep.RequestID) || srv.TerminateDeployment("nope") {
		t.Error("TerminateDeployment")
	}
}

func TestSeedErrors(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"unknown app", []Option{WithApps(App{Name: "game"}), WithSessions(Session{App: "other"})}, "App other not found"},
		{"app without a name", []Option{WithApps(App{})}, "needs a name"},
		{"app seeded twice", []Option{WithApps(App{Name: "g"}, App{Name: "g"})}, "seeded twice"},
		{"session seeded twice", []Option{WithSessions(Session{ID: "a"}, Session{ID: "a"})}, "seeded twice"},
		{"bad default limit", []Option{WithDefaultLimit(500)}, "not within 1 to 100"},
		{"fault for an unknown operation", []Option{WithFault("nope", Fault{Status: 500})}, `"nope" is not an operation`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Start(tt.opts...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}
