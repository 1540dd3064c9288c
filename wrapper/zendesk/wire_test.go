package zendesk

import (
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
	wiretest.MatchFile(t, "wire.go",
		wiretest.Pair{Gen: zgen.Session{}, Wire: wireSession{}},
		wiretest.Pair{Gen: zgen.SessionResponse{}, Wire: wireSessionResponse{}},
		wiretest.Pair{Gen: zgen.SessionResponse{}, Wire: wireSessionArray{}},
		wiretest.Pair{Gen: zgen.SessionsResponse{}, Wire: wireSessions{}},
		wiretest.Pair{Gen: zgen.RenewSessionResponse{}, Wire: wireRenew{}},
		wiretest.Pair{Gen: zgen.OAuthTokenResponse{}, Wire: wireToken{}},
	)
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
