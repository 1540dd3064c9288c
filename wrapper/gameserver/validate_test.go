package gameserver

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBadArguments checks that bad input fails before any request, with an
// *InvalidArgumentError naming the argument.
func TestBadArguments(t *testing.T) {
	valid := func() *CreateRequest {
		return &CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}}
	}
	create := func(edit func(r *CreateRequest)) func(ctx context.Context, gc *Client) error {
		return func(ctx context.Context, gc *Client) error {
			r := valid()
			edit(r)
			_, err := gc.Sessions.Create(ctx, r)
			return err
		}
	}
	stop := func(filters ...StopFilter) func(ctx context.Context, gc *Client) error {
		return func(ctx context.Context, gc *Client) error {
			_, err := gc.Sessions.BulkStop(ctx, filters)
			return err
		}
	}
	addUsers := func(ips ...string) func(ctx context.Context, gc *Client) error {
		return func(ctx context.Context, gc *Client) error {
			_, err := gc.Sessions.AddUsers(ctx, sessionID, ips)
			return err
		}
	}
	removeUsers := func(ips ...string) func(ctx context.Context, gc *Client) error {
		return func(ctx context.Context, gc *Client) error {
			_, err := gc.Sessions.RemoveUsers(ctx, sessionID, ips)
			return err
		}
	}
	list := func(o *ListOptions) func(ctx context.Context, gc *Client) error {
		return func(ctx context.Context, gc *Client) error {
			_, err := gc.Sessions.List(o).Collect(ctx)
			return err
		}
	}
	tests := []struct {
		name     string
		do       func(ctx context.Context, gc *Client) error
		wantName string
	}{
		{"Create nil request", func(ctx context.Context, gc *Client) error {
			_, err := gc.Sessions.Create(ctx, nil)
			return err
		}, "req"},
		{"Create empty app name", create(func(r *CreateRequest) { r.AppName = "" }), "CreateRequest.AppName"},
		{"Create no users", create(func(r *CreateRequest) { r.IPList = nil }), "CreateRequest.IPList"},
		{"Create empty IP list", create(func(r *CreateRequest) { r.IPList = []string{} }), "CreateRequest.IPList"},
		{"Create host name", create(func(r *CreateRequest) { r.IPList = []string{"1.2.3.4", "example.com"} }), "CreateRequest.IPList[1]"},
		{"Create empty IP", create(func(r *CreateRequest) { r.IPList = []string{""} }), "CreateRequest.IPList[0]"},
		{"Create CIDR", create(func(r *CreateRequest) { r.IPList = []string{"10.0.0.0/8"} }), "CreateRequest.IPList[0]"},
		{"Create padded IP", create(func(r *CreateRequest) { r.IPList = []string{" 1.2.3.4"} }), "CreateRequest.IPList[0]"},
		{"Create geo bad IP", create(func(r *CreateRequest) { r.GeoIPList = []GeoIP{{IP: "nope"}} }), "CreateRequest.GeoIPList[0].IP"},
		{"Create geo latitude", create(func(r *CreateRequest) { r.GeoIPList = []GeoIP{{IP: "::1", Latitude: 91}} }), "CreateRequest.GeoIPList[0].Latitude"},
		{"Create geo longitude NaN", create(func(r *CreateRequest) { r.GeoIPList = []GeoIP{{IP: "::1", Longitude: math.NaN()}} }), "CreateRequest.GeoIPList[0].Longitude"},
		{"Create location", create(func(r *CreateRequest) { r.Location = &Location{Latitude: math.Inf(1)} }), "CreateRequest.Location.Latitude"},
		{"Create empty tag", create(func(r *CreateRequest) { r.Selectors = []Selector{{Tag: ""}} }), "CreateRequest.Selectors[0].Tag"},
		{"Create long tag", create(func(r *CreateRequest) { r.Selectors = []Selector{{Tag: strings.Repeat("t", 21)}} }), "CreateRequest.Selectors[0].Tag"},
		{"Create empty env key", create(func(r *CreateRequest) { r.Selectors = []Selector{{Tag: "t", Env: &SelectorEnv{Value: "v"}}} }), "CreateRequest.Selectors[0].Env.Key"},
		{"Create empty env value", create(func(r *CreateRequest) { r.Selectors = []Selector{{Tag: "t", Env: &SelectorEnv{Key: "k"}}} }), "CreateRequest.Selectors[0].Env.Value"},
		{"Create filter without values", create(func(r *CreateRequest) {
			r.Filters = []Filter{{Field: "f", Values: []string{"v"}, Type: FilterAny}, {Field: "f", Type: FilterAll}}
		}), "CreateRequest.Filters[1].Values"},
		{"Create filter without field", create(func(r *CreateRequest) { r.Filters = []Filter{{Values: []string{"v"}, Type: FilterAny}} }), "CreateRequest.Filters[0].Field"},
		{"Create filter bad type", create(func(r *CreateRequest) { r.Filters = []Filter{{Field: "f", Values: []string{"v"}, Type: "ANY"}} }), "CreateRequest.Filters[0].Type"},
		{"BulkStop no filters", stop(), "filters"},
		{"BulkStop filter without values", stop(StopFilter{Field: StopBySessionID, Type: FilterAny}), "filters[0].Values"},
		{"BulkStop filter empty values", stop(StopFilter{Field: StopBySessionID, Values: []string{}, Type: FilterAny}), "filters[0].Values"},
		{"BulkStop filter without field", stop(StopFilter{Values: []string{"x"}, Type: FilterAny}), "filters[0].Field"},
		{"BulkStop filter without type", stop(StopFilter{Field: StopByRequestID, Values: []string{"x"}}), "filters[0].Type"},
		{"AddUsers no IPs", addUsers(), "ips"},
		{"AddUsers not an IP", addUsers("1.2.3.4", "1.2.3"), "ips[1]"},
		{"RemoveUsers no IPs", removeUsers(), "ips"},
		{"RemoveUsers not an IP", removeUsers("player-1"), "ips[0]"},
		{"List negative page", list(&ListOptions{Page: -1}), "ListOptions.Page"},
		{"List limit 0 is fine but 101 is not", list(&ListOptions{Limit: MaxListLimit + 1}), "ListOptions.Limit"},
		{"List negative limit", list(&ListOptions{Limit: -5}), "ListOptions.Limit"},
		{"WaitReady bad poll interval", func(ctx context.Context, gc *Client) error {
			_, err := gc.Sessions.WaitReady(ctx, sessionID, WithPollInterval(0, time.Second))
			return err
		}, "WithPollInterval first"},
		{"WaitReady poll max below first", func(ctx context.Context, gc *Client) error {
			_, err := gc.Sessions.WaitReady(ctx, sessionID, WithPollInterval(time.Second, time.Millisecond))
			return err
		}, "WithPollInterval max"},
		{"Create bad poll interval", func(ctx context.Context, gc *Client) error {
			_, err := gc.Sessions.Create(ctx, valid(), WithWaitReady(), WithPollInterval(-time.Second, time.Second))
			return err
		}, "WithPollInterval first"},
		{"bad per-call option", func(ctx context.Context, gc *Client) error {
			_, err := gc.Sessions.Get(ctx, sessionID, WithMaxResponseBytes(0))
			return err
		}, "WithMaxResponseBytes"},
	}
	for _, id := range []string{"", ".", ".."} {
		for opID, do := range idMethods() {
			tests = append(tests, struct {
				name     string
				do       func(ctx context.Context, gc *Client) error
				wantName string
			}{opID + " id " + strconv.Quote(id), func(ctx context.Context, gc *Client) error { return do(ctx, gc, id) }, "sessionID"})
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFake(t, ok(`{}`))
			gc := fake.serve(t)
			err := tc.do(t.Context(), gc)
			if !errors.Is(err, ErrInvalidArgument) {
				t.Fatalf("error %v does not match ErrInvalidArgument", err)
			}
			argErr, _ := errors.AsType[*InvalidArgumentError](err)
			if argErr == nil || !strings.HasPrefix(argErr.Name, tc.wantName) {
				t.Errorf("error %v names %q, want %q", err, argErr.Name, tc.wantName)
			}
			if n := len(fake.Calls()); n != 0 {
				t.Errorf("%d requests sent, want none", n)
			}
		})
	}
}

// idMethods are the methods that take a session id, by name.
func idMethods() map[string]func(ctx context.Context, gc *Client, id string) error {
	return map[string]func(ctx context.Context, gc *Client, id string) error{
		"Get": func(ctx context.Context, gc *Client, id string) error {
			_, err := gc.Sessions.Get(ctx, id)
			return err
		},
		"Delete": func(ctx context.Context, gc *Client, id string) error {
			_, err := gc.Sessions.Delete(ctx, id)
			return err
		},
		"DeleteIfExists": func(ctx context.Context, gc *Client, id string) error {
			_, err := gc.Sessions.DeleteIfExists(ctx, id)
			return err
		},
		"Users": func(ctx context.Context, gc *Client, id string) error {
			_, err := gc.Sessions.Users(ctx, id)
			return err
		},
		"AddUsers": func(ctx context.Context, gc *Client, id string) error {
			_, err := gc.Sessions.AddUsers(ctx, id, []string{"203.0.113.7"})
			return err
		},
		"RemoveUsers": func(ctx context.Context, gc *Client, id string) error {
			_, err := gc.Sessions.RemoveUsers(ctx, id, []string{"203.0.113.7"})
			return err
		},
		"WaitReady": func(ctx context.Context, gc *Client, id string) error {
			_, err := gc.Sessions.WaitReady(ctx, id)
			return err
		},
	}
}

// TestSessionIDEscaping sends ids full of URL syntax through every method
// that takes one and checks that each request stays on its route: the
// request target has exactly the route's segments, and the session segment
// unescapes to the id.
func TestSessionIDEscaping(t *testing.T) {
	ids := []string{
		"a/b", "a/../b", "../x", "./x", "x/..", "...", ".x", "x.", "%2e%2e", "%2F", "50%", "x?y=1&z",
		"#frag", "a;b,c", " sp ", "é-ü", "a+b", "~tilde", "\x00\x7f", `\..\`, "//", "?",
	}
	routes := map[string]struct{ method, suffix string }{
		"Get": {http.MethodGet, ""}, "Delete": {http.MethodDelete, ""}, "DeleteIfExists": {http.MethodDelete, ""},
		"Users": {http.MethodGet, "/users"}, "AddUsers": {http.MethodPut, "/users"},
		"RemoveUsers": {http.MethodDelete, "/users"}, "WaitReady": {http.MethodGet, ""},
	}
	for name, do := range idMethods() {
		for _, id := range ids {
			t.Run(name+"/"+url.PathEscape(id), func(t *testing.T) {
				fake := newFake(t)
				var gotID, gotRest string
				fake.route = func(r *http.Request) reply {
					// Split the path as sent, before any unescaping.
					segs := strings.SplitN(strings.TrimPrefix(r.URL.EscapedPath(), "/v1/session/"), "/", 2)
					var err error
					gotID, err = url.PathUnescape(segs[0])
					if err != nil {
						t.Errorf("segment %q does not unescape: %v", segs[0], err)
					}
					if len(segs) == 2 {
						gotRest = "/" + segs[1]
					}
					if r.URL.RawQuery != "" {
						t.Errorf("query %q leaked out of the id", r.URL.RawQuery)
					}
					if gotRest == "/users" {
						return ok(bodyUsers)
					}
					return ok(bodyReady)
				}
				gc := fake.serve(t)
				if err := do(t.Context(), gc, id); err != nil {
					t.Fatalf("error: %v", err)
				}
				calls := fake.Calls()
				if len(calls) != 1 {
					t.Fatalf("%d requests, want 1", len(calls))
				}
				want := routes[name]
				if calls[0].Method != want.method || gotID != id || gotRest != want.suffix {
					t.Errorf("%s reached %s id %q rest %q (target %s); want %s id %q rest %q",
						name, calls[0].Method, gotID, gotRest, calls[0].URI, want.method, id, want.suffix)
				}
				if wantURI := "/v1/session/" + url.PathEscape(id) + want.suffix; calls[0].URI != wantURI {
					t.Errorf("request target %q, want %q", calls[0].URI, wantURI)
				}
			})
		}
	}
}

// TestCheckLatLng checks the coordinate bounds, which are inclusive.
func TestCheckLatLng(t *testing.T) {
	tests := []struct {
		lat, lng float64
		wantErr  string // "" when valid
	}{
		{90, 180, ""},
		{-90, -180, ""},
		{0, 0, ""},
		{math.Nextafter(90, 91), 0, "invalid p.Latitude"},
		{math.Nextafter(-90, -91), 0, "invalid p.Latitude"},
		{0, math.Nextafter(180, 181), "invalid p.Longitude"},
		{0, math.Nextafter(-180, -181), "invalid p.Longitude"},
		{math.NaN(), 0, "invalid p.Latitude"},
		{0, math.NaN(), "invalid p.Longitude"},
	}
	for _, tt := range tests {
		err := checkLatLng("p", tt.lat, tt.lng)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (!errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("checkLatLng(%v, %v) = %v, want %q", tt.lat, tt.lng, err, tt.wantErr)
		}
	}
}

// TestCheckLengthBounds: lengths are counted in code points, and both
// bounds are inclusive, as the API's schema has them (a 20-character tag,
// a 255-character env key, a 1024-character env value are fine).
func TestCheckLengthBounds(t *testing.T) {
	tests := []struct {
		s        string
		min, max int
		ok       bool
	}{
		{strings.Repeat("t", 20), 1, 20, true},
		{strings.Repeat("é", 20), 1, 20, true}, // 40 bytes, 20 code points
		{strings.Repeat("t", 21), 1, 20, false},
		{strings.Repeat("k", 255), 1, 255, true},
		{strings.Repeat("v", 1024), 1, 1024, true},
		{strings.Repeat("v", 1025), 1, 1024, false},
		{"a", 1, 20, true},
		{"", 1, 20, false},
	}
	for _, tt := range tests {
		err := checkLength("x", tt.s, tt.min, tt.max)
		if (err == nil) != tt.ok {
			t.Errorf("checkLength(%d code points, %d, %d) = %v, want ok %v", len([]rune(tt.s)), tt.min, tt.max, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("error %v does not match ErrInvalidArgument", err)
		}
	}
}
