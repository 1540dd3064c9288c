package gameserver

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/wiretest"
)

// TestWireMatchesGenerated is the regeneration guard: every answer's wire
// type carries exactly the fields of the spec's generated model, under the
// same JSON names and with the same types less the pointers, nested types
// included; a field added to or retyped in the spec fails here until the
// wire types follow, and so does a wire type no pair reaches.
func TestWireMatchesGenerated(t *testing.T) {
	wiretest.MatchFile(t, "wire.go",
		wiretest.Pair{Gen: ggen.SessionGet{}, Wire: wireSession{}},
		wiretest.Pair{Gen: ggen.Sessions{}, Wire: wireSessions{}},
		wiretest.Pair{Gen: ggen.SessionRequest{}, Wire: wireCreated{}},
		wiretest.Pair{Gen: ggen.SessionDelete{}, Wire: wireDeleted{}},
		wiretest.Pair{Gen: ggen.SessionUserContext{}, Wire: wireUsers{}},
		wiretest.Pair{Gen: ggen.SessionBulkStopResponse{}, Wire: wireBulkStop{}},
	)
}

// TestPublicTypesHaveNoJSONTags: the package's types are its own view of
// the API, decoded through wire.go; none carries a json tag.
func TestPublicTypesHaveNoJSONTags(t *testing.T) {
	wiretest.NoJSONTags(t, ".")
}

// TestPublicTypesRoundTrip: json.Marshal then json.Unmarshal of every
// session type, every field set, gives the original back.
func TestPublicTypesRoundTrip(t *testing.T) {
	wiretest.RoundTrip(t, wiretest.Filled[Session](t))
	wiretest.RoundTrip(t, wiretest.Filled[SessionSummary](t))
	wiretest.RoundTrip(t, wiretest.Filled[CreatedSession](t))
	wiretest.RoundTrip(t, wiretest.Filled[DeletedSession](t))
	wiretest.RoundTrip(t, wiretest.Filled[User](t))
	wiretest.RoundTrip(t, wiretest.Filled[Deployment](t))
	wiretest.RoundTrip(t, wiretest.Filled[SessionEvent](t))
	wiretest.RoundTrip(t, wiretest.Filled[CreateRequest](t))
	wiretest.RoundTrip(t, wiretest.Filled[StopFilter](t))
	wiretest.RoundTrip(t, wiretest.Filled[Page[SessionSummary]](t))
}

// TestOptFloat decodes a user's coordinates: a number is present, null or
// absence is not, and anything else is an error naming the field.
func TestOptFloat(t *testing.T) {
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
		var w wireUsers
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
		if diff := cmp.Diff(tt.want, usersFromWire(w.SessionUsers)); diff != "" {
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
	var w wireSession
	if err := json.Unmarshal([]byte(`{"deployment":{"request_id":"r","ports":{"game":null,"web":{"external":443}}}}`), &w); err != nil {
		t.Fatal(err)
	}
	want := map[string]Port{"game": {}, "web": {External: 443}}
	if diff := cmp.Diff(want, sessionFromWire(&w).Deployment.Ports); diff != "" {
		t.Errorf("ports (-want +got):\n%s", diff)
	}
}
