package gameserver

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
)

// seeded starts a spec-validating gameservertest server holding the
// recorded ready session (bodyReady, decoded as wantReady), a waiting one,
// and the app versions and deployment they belong to, on a clock 12s after
// the session was created.
func seeded(t *testing.T) *gameservertest.Server {
	t.Helper()
	ready := wantReady()
	d := ready.Deployment
	return gameservertest.NewServer(t, gameservertest.WithAPIToken(testKey),
		gameservertest.WithClock(func() time.Time { return createTime.Add(12 * time.Second) }),
		gameservertest.WithApps(gameservertest.App{Name: "my-game", Versions: []gameservertest.AppVersion{{Name: "v1", ID: ready.AppVersionID}, {Name: "v1.2.0"}}}),
		gameservertest.WithDeployments(gameservertest.Deployment{RequestID: d.RequestID, PublicIP: d.PublicIP, FQDN: d.FQDN, Status: d.Status,
			Ports:    map[string]gameservertest.Port{"gameport": {External: 31504, Internal: 7777, Protocol: "UDP", Proxy: 31505}},
			Location: (*gameservertest.DeploymentLocation)(d.Location), Tags: d.Tags, Sockets: d.Sockets}),
		gameservertest.WithSessions(
			gameservertest.Session{ID: sessionID, App: "my-game", Version: "v1", Kind: KindSeat, Ready: true, DeploymentRequestID: d.RequestID,
				WebhookURL: ready.WebhookURL, CreateTime: createTime, Users: []gameservertest.User{
					{IP: "162.254.103.13", Location: (*gameservertest.Location)(ready.Users[0].Location)},
					{IP: "198.12.116.39", Location: (*gameservertest.Location)(ready.Users[1].Location)}}},
			gameservertest.Session{ID: "4c3f1a9e2b7d-S", App: "my-game", Version: "v1", Kind: KindSeat, CreateTime: createTime.Add(time.Second),
				Users: []gameservertest.User{{IP: "203.0.113.9"}}}))
}

// opCase is one call of a wrapper method against the seeded server: the
// request it must send, the value it must return, and for a write the
// state it must leave.
type opCase struct {
	name   string
	do     func(ctx context.Context, gc *Client) (any, error)
	method string
	uri    string
	body   string // JSON the request must carry; "" for none
	// want is the value the call must return, given the server after it.
	want func(srv *gameservertest.Server) any
	// end, for a write, is what the server holds after the call and what
	// it should hold.
	end func(srv *gameservertest.Server) (got, want any)
}

// users returns the server's users of session id.
func users(srv *gameservertest.Server, id string) []gameservertest.User {
	for _, s := range srv.Sessions() {
		if s.ID == id {
			return s.Users
		}
	}
	return nil
}

// newest is the session the server created last.
func newest(srv *gameservertest.Server) gameservertest.Session {
	all := srv.Sessions()
	return all[len(all)-1]
}

// live lists the ids of the sessions the server has not terminated.
func live(srv *gameservertest.Server) []string {
	var ids []string
	for _, s := range srv.Sessions() {
		if !s.Terminated {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

func operationCases() []opCase {
	recorded := func(*gameservertest.Server) any { return wantReady() }
	return []opCase{
		{
			name: "Create/minimal",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.Create(ctx, &CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.14"}})
			},
			method: http.MethodPost, uri: "/v1/session",
			body: `{"app_name": "my-game", "ip_list": ["162.254.103.14"]}`,
			want: func(srv *gameservertest.Server) any {
				return &CreatedSession{ID: newest(srv).ID, App: "my-game", Version: "v1", Selectors: []Selector{}} // the server echoes "selectors": []
			},
			end: func(srv *gameservertest.Server) (got, want any) {
				s := newest(srv)
				return []any{s.App, s.Version, s.Ready, s.Users}, []any{"my-game", "v1", false, []gameservertest.User{{IP: "162.254.103.14"}}}
			},
		},
		{
			name: "Create/every field",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.Create(ctx, &CreateRequest{
					AppName: "my-game", VersionName: "v1.2.0",
					IPList:              []string{"162.254.103.13", "2001:db8::7"},
					GeoIPList:           []GeoIP{{IP: "198.12.116.39", Latitude: 40.7128, Longitude: -74.006}},
					DeploymentRequestID: "9f511e17a5a5",
					Location:            &Location{Latitude: 45.5019, Longitude: -73.5674},
					City:                "Montreal", Country: "Canada", Continent: "North America",
					AdministrativeDivision: "Quebec", Region: "ca-east",
					Selectors: []Selector{
						{Tag: "ranked", Env: &SelectorEnv{Key: "GAME_MODE", Value: "ranked"}},
						{Tag: "eu", TagOnly: true},
					},
					WebhookURL:    "https://example.com/hooks/sessions",
					Filters:       []Filter{{Field: "location.continent", Values: []string{"North America"}, Type: FilterAny}},
					SkipTelemetry: true,
				})
			},
			method: http.MethodPost, uri: "/v1/session",
			body: `{"app_name": "my-game", "version_name": "v1.2.0",
				"ip_list": ["162.254.103.13", "2001:db8::7"],
				"geo_ip_list": [{"ip": "198.12.116.39", "latitude": 40.7128, "longitude": -74.006}],
				"deployment_request_id": "9f511e17a5a5",
				"location": {"latitude": 45.5019, "longitude": -73.5674},
				"city": "Montreal", "country": "Canada", "continent": "North America",
				"administrative_division": "Quebec", "region": "ca-east",
				"selectors": [{"tag": "ranked", "env": {"key": "GAME_MODE", "value": "ranked"}},
				              {"tag": "eu", "tag_only": true}],
				"webhook_url": "https://example.com/hooks/sessions",
				"filters": [{"field": "location.continent", "values": ["North America"], "filter_type": "any"}],
				"skip_telemetry": true}`,
			want: func(srv *gameservertest.Server) any {
				return &CreatedSession{ID: newest(srv).ID, App: "my-game", Version: "v1.2.0",
					DeploymentRequestID: "9f511e17a5a5", WebhookURL: "https://example.com/hooks/sessions",
					Selectors: []Selector{{Tag: "ranked", Env: &SelectorEnv{Key: "GAME_MODE", Value: "ranked"}}, {Tag: "eu", TagOnly: true}}}
			},
			end: func(srv *gameservertest.Server) (got, want any) {
				s := newest(srv)
				return []any{s.Version, s.DeploymentRequestID, s.WebhookURL, len(s.Users)}, []any{"v1.2.0", "9f511e17a5a5", "https://example.com/hooks/sessions", 3}
			},
		},
		{
			name: "Get",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.Get(ctx, sessionID)
			},
			method: http.MethodGet, uri: "/v1/session/950dd2eaff09-S",
			want: recorded,
		},
		{
			name: "Delete",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.Delete(ctx, sessionID)
			},
			method: http.MethodDelete, uri: "/v1/session/950dd2eaff09-S",
			want: func(*gameservertest.Server) any {
				return &DeletedSession{ID: sessionID, Message: "Session 950dd2eaff09-S deleted"}
			},
			end: func(srv *gameservertest.Server) (got, want any) { return live(srv), []string{"4c3f1a9e2b7d-S"} },
		},
		{
			name: "DeleteIfExists/deleted",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.DeleteIfExists(ctx, sessionID)
			},
			method: http.MethodDelete, uri: "/v1/session/950dd2eaff09-S",
			want: func(*gameservertest.Server) any { return true },
			end:  func(srv *gameservertest.Server) (got, want any) { return live(srv), []string{"4c3f1a9e2b7d-S"} },
		},
		{
			name: "List",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.List(&ListOptions{Limit: 100}).Collect(ctx)
			},
			method: http.MethodGet, uri: "/v1/sessions?limit=100",
			want: func(*gameservertest.Server) any {
				return []SessionSummary{
					{ID: sessionID, Status: StatusReady, Kind: KindSeat, Ready: true, Linked: true, UserCount: 2, DeploymentRequestID: "9f511e17a5a5",
						WebhookURL: "https://example.com/hooks/sessions"},
					{ID: "4c3f1a9e2b7d-S", Status: StatusWaiting, Kind: KindSeat, UserCount: 1},
				}
			},
		},
		{
			name: "Users",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.Users(ctx, sessionID)
			},
			method: http.MethodGet, uri: "/v1/session/950dd2eaff09-S/users",
			want: func(*gameservertest.Server) any { return wantReady().Users },
		},
		{
			name: "AddUsers",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.AddUsers(ctx, sessionID, []string{"203.0.113.7"})
			},
			method: http.MethodPut, uri: "/v1/session/950dd2eaff09-S/users",
			body: `{"ip_list": ["203.0.113.7"]}`,
			want: func(*gameservertest.Server) any { return append(wantReady().Users, User{IP: "203.0.113.7"}) },
			end: func(srv *gameservertest.Server) (got, want any) {
				return len(users(srv, sessionID)), 3
			},
		},
		{
			name: "RemoveUsers",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.RemoveUsers(ctx, sessionID, []string{"198.12.116.39", "162.254.103.13", "::1"})
			},
			method: http.MethodDelete, uri: "/v1/session/950dd2eaff09-S/users",
			body: `{"ip_list": ["198.12.116.39", "162.254.103.13", "::1"]}`,
			want: func(*gameservertest.Server) any { return []User{} },
			end: func(srv *gameservertest.Server) (got, want any) {
				return users(srv, sessionID), []gameservertest.User(nil)
			},
		},
		{
			name: "BulkStop",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.BulkStop(ctx, []StopFilter{
					{Field: StopBySessionID, Values: []string{sessionID, "4c3f1a9e2b7d-S"}, Type: FilterAny},
					{Field: StopByDeploymentTags, Values: []string{"ranked"}, Type: FilterAll},
				})
			},
			method: http.MethodPost, uri: "/v1/sessions/bulk-stop",
			body: `{"filters": [
				{"field": "session_id", "values": ["950dd2eaff09-S", "4c3f1a9e2b7d-S"], "filter_type": "any"},
				{"field": "deployment_tags", "values": ["ranked"], "filter_type": "all"}]}`,
			want: func(*gameservertest.Server) any { return []string{sessionID} },
			end:  func(srv *gameservertest.Server) (got, want any) { return live(srv), []string{"4c3f1a9e2b7d-S"} },
		},
		{
			name: "WaitReady/ready at once",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.WaitReady(ctx, sessionID)
			},
			method: http.MethodGet, uri: "/v1/session/950dd2eaff09-S",
			want: recorded,
		},
	}
}

// TestOperations runs every method against the spec-validating
// gameservertest server: the request on the wire (method, escaped path,
// query, credentials, User-Agent, JSON body), the returned value against
// the server's state, and for a write the state it leaves.
func TestOperations(t *testing.T) {
	for _, tc := range operationCases() {
		t.Run(tc.name, func(t *testing.T) {
			srv := seeded(t)
			gc, err := NewClient(WithAPIToken(testKey), WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := tc.do(t.Context(), gc)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if diff := cmp.Diff(tc.want(srv), got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			if tc.end != nil {
				gotEnd, wantEnd := tc.end(srv)
				if diff := cmp.Diff(wantEnd, gotEnd); diff != "" {
					t.Errorf("server state (-want +got):\n%s", diff)
				}
			}
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1: %+v", len(reqs), reqs)
			}
			r := reqs[0]
			uri := r.Path
			if len(r.Query) > 0 {
				uri += "?" + r.Query.Encode()
			}
			if r.Method != tc.method || uri != tc.uri || r.AuthScheme != "token" || r.Status != http.StatusOK {
				t.Errorf("request %s %s (auth %q) answered %d, want %s %s (auth \"token\") answered 200", r.Method, uri, r.AuthScheme, r.Status, tc.method, tc.uri)
			}
			if ua := r.Header.Get("User-Agent"); !strings.HasSuffix(ua, userAgent) {
				t.Errorf("User-Agent = %q, want it to end with %q", ua, userAgent)
			}
			wantType := ""
			if tc.body != "" {
				wantType = "application/json"
			}
			if ct := r.Header.Get("Content-Type"); ct != wantType {
				t.Errorf("Content-Type = %q, want %q", ct, wantType)
			}
			var body any
			if len(r.Body) > 0 {
				body = jsonValue(t, string(r.Body))
			}
			if diff := cmp.Diff(jsonValue(t, tc.body), body); diff != "" {
				t.Errorf("request body (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGetDecodes decodes the recorded shapes of a session: the statuses
// live traffic and the vendor's examples use, null and missing optional
// fields, a failed session.
func TestGetDecodes(t *testing.T) {
	tests := []struct {
		name string
		body string
		want *Session
	}{
		{"live Ready with nulls", bodyReady, wantReady()},
		{"vendor Status.READY", bodyReadyVendor, &Session{
			ID: sessionID, CustomID: "lobby-42", Status: "Status.READY", Ready: true, Linked: true, Kind: "SEAT",
			UserCount: 1, AppVersionID: 123456, CreateTime: createTime, Elapsed: 30 * time.Second,
			Users: []User{{IP: "162.254.103.13"}}, IPs: []User{{IP: "162.254.103.13"}},
			Deployment: &Deployment{RequestID: "9f511e17a5a5", PublicIP: "162.254.141.66", Status: "Status.READY",
				Ready: true, FQDN: "9f511e17a5a5.pr.edgegap.net"},
		}},
		{"waiting, required fields only", bodyWaiting, &Session{
			ID: sessionID, Status: StatusWaiting, Kind: KindSeat, UserCount: 2, AppVersionID: 123456,
			CreateTime: createTime, Elapsed: time.Second,
		}},
		{"failed", bodyFailed, &Session{
			ID: sessionID, Status: StatusUnprocessable, Kind: KindSeat, UserCount: 2, AppVersionID: 123456,
			CreateTime: createTime, Elapsed: 45 * time.Second, Error: "No deployment matches the session's selectors",
		}},
		{"unparsable create_time and null strings", `{"session_id": "x", "status": null, "ready": false,
			"linked": false, "kind": null, "user_count": 0, "app_version": 1, "create_time": "yesterday",
			"elapsed": 0, "custom_id": null, "error": null, "webhook_url": null, "session_users": null}`,
			&Session{ID: "x", AppVersionID: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gc := newFake(t, ok(tc.body)).serve(t)
			got, err := gc.Sessions.Get(t.Context(), sessionID)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Get (-want +got):\n%s", diff)
			}
		})
	}
}
