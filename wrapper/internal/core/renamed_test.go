package core

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestRenamedNamesTheOption(t *testing.T) {
	tests := []struct {
		name string
		auth Authenticator
		want string
	}{
		{"static bearer", Renamed("WithOAuthToken", StaticBearer("")), "WithOAuthToken key"},
		{"header token", Renamed("WithAPIToken", HeaderToken("Authorization", "token", "")), "WithAPIToken key"},
		{"api token", Renamed("WithAPIToken", ZendeskAPIToken("", "t")), "WithAPIToken email"},
		{"basic", Renamed("WithBasicAuth", BasicAuth("a@example.com", "")), "WithBasicAuth password"},
		{"bearer", Renamed("WithOAuth", BearerToken(nil)), "WithOAuth token source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewEngine(Settings{DefaultBaseURL: "https://example.com"}, WithAuth(tt.auth))
			var ia *InvalidArgumentError
			if !errors.As(err, &ia) {
				t.Fatalf("got %v, want an *InvalidArgumentError", err)
			}
			if ia.Name != tt.want {
				t.Errorf("Name = %q, want %q (error: %v)", ia.Name, tt.want, err)
			}
			if s := tt.auth.(interface{ String() string }).String(); !strings.Contains(s, "With") || !strings.Contains(s, redacted) {
				t.Errorf("String() = %q, want the option's name and %s", s, redacted)
			}
		})
	}
	// Authenticators built elsewhere pass through unchanged.
	var other Authenticator = foreignAuth{}
	if got := Renamed("WithX", other); got != other {
		t.Errorf("Renamed(foreign) = %v, want it unchanged", got)
	}
}

type foreignAuth struct{}

func (foreignAuth) Authenticate(context.Context, *http.Request) error { return nil }
