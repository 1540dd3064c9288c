package gameserver

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	ggen "github.com/sessionkit/sessions/gen/gameserver"
)

// TestUserLocation decodes a user's coordinates: a number is present, null
// or absence is not, and anything else is an error naming the field.
func TestUserLocation(t *testing.T) {
	tests := []struct {
		body    string
		want    []User
		wantErr string
	}{
		{`{"session_users":[{"ip":"a","latitude":45.5,"longitude":-73.5}]}`, []User{{IP: "a", Location: &Location{45.5, -73.5}}}, ""},
		{`{"session_users":[{"ip":"a","latitude":0,"longitude":0}]}`, []User{{IP: "a", Location: &Location{}}}, ""},
		{`{"session_users":[{"ip":"a","latitude":1}]}`, []User{{IP: "a", Location: &Location{Latitude: 1}}}, ""},
		{`{"session_users":[{"ip":"a","latitude":null,"longitude":null},{"ip":"b"}]}`, []User{{IP: "a"}, {IP: "b"}}, ""},
		{`{"session_users":[{"ip":"a"},{"ip":"b","longitude":2},{"ip":"c","latitude":3}]}`,
			[]User{{IP: "a"}, {IP: "b", Location: &Location{Longitude: 2}}, {IP: "c", Location: &Location{Latitude: 3}}}, ""},
		{`{"session_users":[{"ip":"a","latitude":"45.5"}]}`, nil, "session_users.latitude"},
		{`{"session_users":[{"ip":"a","latitude":true}]}`, nil, "bool"},
		{`{"session_users":[{"ip":"a","latitude":{}}]}`, nil, "object"},
		{`{"session_users":[{"ip":"a","latitude":[]}]}`, nil, "array"},
		{`{"session_users":[{"ip":"a","latitude":1e999}]}`, nil, "number 1e999"},
	}
	for _, tt := range tests {
		var w ggen.SessionUserContext
		err := json.Unmarshal([]byte(tt.body), &w)
		if tt.wantErr != "" {
			te, ok := errors.AsType[*json.UnmarshalTypeError](err)
			if !ok || !containsAll(err.Error(), tt.wantErr) || te.Type.Kind() != reflect.Float64 {
				t.Errorf("%s: err = %v, want a *json.UnmarshalTypeError mentioning %q", tt.body, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		if diff := cmp.Diff(tt.want, first(usersFromGen(w.SessionUsers, nil))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.body, diff)
		}
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// TestNullPort: a port the API sends as null is a port with nothing known,
// under its name.
func TestNullPort(t *testing.T) {
	var w ggen.SessionGet
	if err := json.Unmarshal([]byte(`{"deployment":{"request_id":"r","ports":{"game":null,"web":{"external":443}}}}`), &w); err != nil {
		t.Fatal(err)
	}
	want := map[string]Port{"game": {}, "web": {External: 443}}
	if diff := cmp.Diff(want, sessionFromGen(&w).Deployment.Ports); diff != "" {
		t.Errorf("ports (-want +got):\n%s", diff)
	}
}

// first returns its first argument.
func first[T any](v, _ T) T { return v }

// TestUsersShareNoTail: session_users and session_ips share one
// allocation, yet appending to one list never overwrites the other.
func TestUsersShareNoTail(t *testing.T) {
	var w ggen.SessionGet
	body := `{"session_users":[{"ip":"a","latitude":1,"longitude":2}],"session_ips":[{"ip":"b"},{"ip":"c","longitude":3}]}`
	if err := json.Unmarshal([]byte(body), &w); err != nil {
		t.Fatal(err)
	}
	s := sessionFromGen(&w)
	_ = append(s.Users, User{IP: "x"})
	want := Session{
		Users: []User{{IP: "a", Location: &Location{1, 2}}},
		IPs:   []User{{IP: "b"}, {IP: "c", Location: &Location{Longitude: 3}}},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("session (-want +got):\n%s", diff)
	}
	if u, ips := usersFromGen(nil, nil); u != nil || ips != nil {
		t.Errorf("absent lists = %v, %v, want nil", u, ips)
	}
}
