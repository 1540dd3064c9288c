package zendesk_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// tokenSteps is an oauth2.TokenSource answering each call with the next
// step. Its tokens are already expired, so that WithOAuth's caching source
// asks it again for every request.
type tokenSteps struct {
	steps []tokenStep
	n     int
}

// tokenStep is one answer of a tokenSteps.
type tokenStep struct {
	access, typ string
	err         error
	none        bool // neither a token nor an error
}

func (s *tokenSteps) Token() (*oauth2.Token, error) {
	st := s.steps[min(s.n, len(s.steps)-1)]
	s.n++
	if st.err != nil || st.none {
		return nil, st.err
	}
	return &oauth2.Token{AccessToken: st.access, TokenType: st.typ, Expiry: time.Unix(1, 0)}, nil
}

// TestWithOAuthTokenSource makes one call per token the source gives and
// checks what each call sent: the current token, every time it changes,
// or nothing and an error naming the fault when the source fails.
func TestWithOAuthTokenSource(t *testing.T) {
	errSource := errors.New("token source down")
	tests := []struct {
		name  string
		steps []tokenStep
		auth  []string // the Authorization each call sent, in order
		fails []string // per call, a substring of its error; "" when it succeeds
		is    error    // every failing call's error matches it, when set
	}{
		{
			name:  "a rotating token is sent as it changes",
			steps: []tokenStep{{access: "tok-a"}, {access: "tok-a"}, {access: "tok-b"}, {access: "tok-a"}},
			auth:  []string{"Bearer tok-a", "Bearer tok-a", "Bearer tok-b", "Bearer tok-a"},
			fails: []string{"", "", "", ""},
		},
		{
			name:  "the token's own type",
			steps: []tokenStep{{access: "tok-a", typ: "bearer"}, {access: "tok-m", typ: "MAC"}},
			auth:  []string{"Bearer tok-a", "MAC tok-m"},
			fails: []string{"", ""},
		},
		{
			name:  "an empty first token is refused",
			steps: []tokenStep{{access: ""}, {access: "tok-a"}},
			auth:  []string{"Bearer tok-a"},
			fails: []string{"WithOAuth: the WithOAuth token source returned a token that cannot be sent: the access token is empty", ""},
		},
		{
			name:  "a bad token after a good one is refused, not replaced by the old one",
			steps: []tokenStep{{access: "tok-a"}, {access: "two words"}, {access: "tok-a"}},
			auth:  []string{"Bearer tok-a", "Bearer tok-a"},
			fails: []string{"", "returned a token that cannot be sent: the access token has characters not allowed in a header", ""},
		},
		{
			name:  "neither a token nor an error fails the call unsent, and the next token goes",
			steps: []tokenStep{{none: true}, {access: "tok-a"}},
			auth:  []string{"Bearer tok-a"},
			fails: []string{"WithOAuth: getting a token: the token source returned neither a token nor an error", ""},
		},
		{
			name:  "the source's error",
			steps: []tokenStep{{err: errSource}},
			fails: []string{"WithOAuth: getting a token: token source down"},
			is:    errSource,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, reply{status: 204})
			zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(f.URL), zendesk.WithHTTPClient(f.Client()),
				zendesk.WithOAuth(&tokenSteps{steps: tc.steps}), zendesk.WithoutRetries())
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range tc.fails {
				err := zc.Sessions.Logout(t.Context())
				switch {
				case want == "" && err != nil:
					t.Errorf("call %d: %v", i+1, err)
				case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
					t.Errorf("call %d: err = %v, want one containing %q", i+1, err, want)
				case want != "" && tc.is != nil && !errors.Is(err, tc.is):
					t.Errorf("call %d: err = %v, want one matching %v", i+1, err, tc.is)
				}
			}
			var got []string
			for _, r := range f.requests() {
				got = append(got, r.Auth)
			}
			if diff := cmp.Diff(tc.auth, got); diff != "" {
				t.Errorf("Authorization sent (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWithOAuthCache: WithOAuth shares the engine's token cache with
// WithClientCredentials: a token without an expiry is kept across calls
// (the source is asked once), and a call answered 401 drops it, asks the
// source again and goes once more with the new token.
func TestWithOAuthCache(t *testing.T) {
	f := newFake(t, reply{status: 204}, reply{status: 204}, reply{status: 401, body: `{"error":"invalid_token"}`}, reply{status: 204})
	src := &countingSource{tokens: []string{"tok-a", "tok-b"}}
	zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(f.URL), zendesk.WithHTTPClient(f.Client()),
		zendesk.WithOAuth(src), zendesk.WithoutRetries())
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := zc.Sessions.Logout(t.Context()); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
	}
	var got []string
	for _, r := range f.requests() {
		got = append(got, r.Auth)
	}
	if diff := cmp.Diff([]string{"Bearer tok-a", "Bearer tok-a", "Bearer tok-a", "Bearer tok-b"}, got); diff != "" {
		t.Errorf("Authorization sent (-want +got):\n%s", diff)
	}
	if src.n != 2 {
		t.Errorf("the source was asked %d times, want 2", src.n)
	}
}

// countingSource hands out its tokens in turn, without an expiry.
type countingSource struct {
	tokens []string
	n      int
}

func (s *countingSource) Token() (*oauth2.Token, error) {
	tok := s.tokens[min(s.n, len(s.tokens)-1)]
	s.n++
	return &oauth2.Token{AccessToken: tok}, nil
}
