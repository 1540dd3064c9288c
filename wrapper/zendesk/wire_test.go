package zendesk

import (
	"reflect"
	"testing"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/internal/wiretest"
)

// TestWireMatchesGenerated is the regeneration guard: every answer's wire
// type carries exactly the fields of the spec's generated model, under the
// same JSON names and with the same types less the pointers, nested types
// included; SessionResponse's "session" is a oneOf, checked as its two
// alternatives. A field added to or retyped in the spec fails here until
// the wire types follow, and so does a wire type no pair reaches.
func TestWireMatchesGenerated(t *testing.T) {
	pairs := []struct{ gen, wire any }{
		{zgen.Session{}, wireSession{}},
		{zgen.SessionResponse{}, wireSessionResponse{}},
		{zgen.SessionResponse{}, wireSessionArray{}},
		{zgen.SessionsResponse{}, wireSessions{}},
		{zgen.RenewSessionResponse{}, wireRenew{}},
		{zgen.OAuthTokenResponse{}, wireToken{}},
	}
	var checked [][]reflect.Type
	for _, p := range pairs {
		checked = append(checked, wiretest.MatchGenerated(t, p.gen, p.wire))
	}
	wiretest.AllChecked(t, "wire.go", checked...)
}

// TestPublicTypesHaveNoJSONTags: the package's types are its own view of
// the API, decoded through wire.go; none carries a json tag.
func TestPublicTypesHaveNoJSONTags(t *testing.T) {
	wiretest.NoJSONTags(t, ".")
}

// TestPublicTypesRoundTrip: json.Marshal then json.Unmarshal of a Session
// and a page of them, every field set, gives the original back, times
// included.
func TestPublicTypesRoundTrip(t *testing.T) {
	wiretest.RoundTrip(t, wiretest.Filled[Session](t))
	wiretest.RoundTrip(t, wiretest.Filled[Page[Session]](t))
	wiretest.RoundTrip(t, wiretest.Filled[ListOptions](t))
}
