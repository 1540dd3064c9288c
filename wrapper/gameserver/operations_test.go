package gameserver

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// opCase is one call of a wrapper method against a fake server: the request
// it must send and the result it must make of the recorded answer.
type opCase struct {
	name   string
	do     func(ctx context.Context, gc *Client) (any, error)
	reply  reply
	method string
	uri    string
	body   string // JSON the request must carry; "" for none
	want   any
}

func operationCases() []opCase {
	users := []User{
		{IP: "162.254.103.13", Location: &Location{Latitude: 45.5019, Longitude: -73.5674}},
		{IP: "203.0.113.7"},
	}
	return []opCase{
		{
			name: "Create/minimal",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.Create(ctx, &CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}})
			},
			reply:  ok(`{"session_id": "950dd2eaff09-S", "app": "my-game", "version": "v1"}`),
			method: http.MethodPost, uri: "/v1/session",
			body: `{"app_name": "my-game", "ip_list": ["162.254.103.13"]}`,
			want: &CreatedSession{ID: sessionID, App: "my-game", Version: "v1"},
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
			reply:  ok(bodyCreated),
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
			want: &CreatedSession{ID: sessionID, App: "my-game", Version: "v1.2.0",
				WebhookURL: "https://example.com/hooks/sessions",
				Selectors:  []Selector{{Tag: "ranked", Env: &SelectorEnv{Key: "GAME_MODE", Value: "ranked"}}}},
		},
		{
			name: "Get",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.Get(ctx, sessionID)
			},
			reply:  ok(bodyReady),
			method: http.MethodGet, uri: "/v1/session/950dd2eaff09-S",
			want: wantReady(),
		},
		{
			name: "Delete",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.Delete(ctx, sessionID)
			},
			reply:  ok(bodyDeleted),
			method: http.MethodDelete, uri: "/v1/session/950dd2eaff09-S",
			want: &DeletedSession{ID: sessionID, Message: "Session 950dd2eaff09-S deleted"},
		},
		{
			name: "DeleteIfExists/deleted",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.DeleteIfExists(ctx, sessionID)
			},
			reply:  ok(bodyDeleted),
			method: http.MethodDelete, uri: "/v1/session/950dd2eaff09-S",
			want: true,
		},
		{
			name: "List",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.List(&ListOptions{Limit: 100}).Collect(ctx)
			},
			reply:  ok(bodyListOnly),
			method: http.MethodGet, uri: "/v1/sessions?limit=100",
			want: []SessionSummary{
				{ID: sessionID, Status: StatusReady, Kind: KindSeat, Ready: true, Linked: true, UserCount: 2, DeploymentRequestID: "9f511e17a5a5"},
				{ID: "4c3f1a9e2b7d-S", Status: StatusWaiting, Kind: KindSeat, UserCount: 1},
			},
		},
		{
			name: "Users",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.Users(ctx, sessionID)
			},
			reply:  ok(bodyUsers),
			method: http.MethodGet, uri: "/v1/session/950dd2eaff09-S/users",
			want: users,
		},
		{
			name: "AddUsers",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.AddUsers(ctx, sessionID, []string{"203.0.113.7"})
			},
			reply:  ok(bodyUsers),
			method: http.MethodPut, uri: "/v1/session/950dd2eaff09-S/users",
			body: `{"ip_list": ["203.0.113.7"]}`,
			want: users,
		},
		{
			name: "RemoveUsers",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.RemoveUsers(ctx, sessionID, []string{"198.12.116.39", "::1"})
			},
			reply:  ok(`{"session_users": []}`),
			method: http.MethodDelete, uri: "/v1/session/950dd2eaff09-S/users",
			body: `{"ip_list": ["198.12.116.39", "::1"]}`,
			want: []User{},
		},
		{
			name: "BulkStop",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.BulkStop(ctx, []StopFilter{
					{Field: StopBySessionID, Values: []string{sessionID, "4c3f1a9e2b7d-S"}, Type: FilterAny},
					{Field: StopByDeploymentTags, Values: []string{"ranked", "eu"}, Type: FilterAll},
				})
			},
			reply:  ok(bodyStopped),
			method: http.MethodPost, uri: "/v1/sessions/bulk-stop",
			body: `{"filters": [
				{"field": "session_id", "values": ["950dd2eaff09-S", "4c3f1a9e2b7d-S"], "filter_type": "any"},
				{"field": "deployment_tags", "values": ["ranked", "eu"], "filter_type": "all"}]}`,
			want: []string{sessionID, "4c3f1a9e2b7d-S"},
		},
		{
			name: "WaitReady/ready at once",
			do: func(ctx context.Context, gc *Client) (any, error) {
				return gc.Sessions.WaitReady(ctx, sessionID)
			},
			reply:  ok(bodyReady),
			method: http.MethodGet, uri: "/v1/session/950dd2eaff09-S",
			want: wantReady(),
		},
	}
}

// TestOperations runs every method against an httptest server and checks
// the request on the wire (method, escaped path, query, headers, JSON body)
// and the decoded result.
func TestOperations(t *testing.T) {
	for _, tc := range operationCases() {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFake(t, tc.reply)
			gc := fake.serve(t)
			got, err := tc.do(t.Context(), gc)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			calls := fake.Calls()
			if len(calls) != 1 {
				t.Fatalf("%d requests, want 1: %+v", len(calls), calls)
			}
			wantType := ""
			if tc.body != "" {
				wantType = "application/json"
			}
			want := call{Method: tc.method, URI: tc.uri, Auth: "token " + testKey, ContentType: wantType, Body: jsonValue(t, tc.body)}
			got0 := calls[0]
			if !strings.HasSuffix(got0.UserAgent, userAgent) {
				t.Errorf("User-Agent = %q, want it to end with %q", got0.UserAgent, userAgent)
			}
			got0.UserAgent = ""
			if diff := cmp.Diff(want, got0); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
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
