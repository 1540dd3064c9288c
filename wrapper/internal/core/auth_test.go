package core

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

func TestAuthenticators(t *testing.T) {
	basic := func(user, pw string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))
	}
	tests := []struct {
		name   string
		auth   sessionkit.Authenticator
		header string
		want   string
	}{
		{"zendesk api token", Basic("agent@acme.com/token", "tok123"), "Authorization", basic("agent@acme.com/token", "tok123")},
		{"basic", Basic("agent@acme.com", "pw"), "Authorization", basic("agent@acme.com", "pw")},
		{"static bearer", StaticHeader("Authorization", "Bearer", "abc"), "Authorization", "Bearer abc"},
		{"game server", StaticHeader("authorization", "token", "key-1"), "Authorization", "token key-1"},
		{"bare header", StaticHeader("X-Api-Key", "", "k"), "X-Api-Key", "k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{handle: always(200, nil, "{}")}
			e := testEngine(t, rec, Auth("WithTest", tt.auth))
			for range 2 { // the second call uses the value built once
				if err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil); err != nil {
					t.Fatal(err)
				}
			}
			for n := 1; n <= 2; n++ {
				if got := rec.header(n).Values(tt.header); len(got) != 1 || got[0] != tt.want {
					t.Errorf("request %d: %s = %q, want [%q]", n, tt.header, got, tt.want)
				}
			}
		})
	}
}

func TestAuthenticatorValidation(t *testing.T) {
	tests := []struct {
		name     string
		option   string
		auth     sessionkit.Authenticator
		wantName string // the InvalidArgumentError's Name
	}{
		{"nil", "WithAuth", nil, "WithAuth"},
		{"empty api token", "WithAPIToken", Basic("a@b.c/token", ""), "WithAPIToken password"},
		{"empty basic user", "WithBasicAuth", Basic("", "pw"), "WithBasicAuth username"},
		{"blank basic user", "WithBasicAuth", Basic(" ", "pw"), "WithBasicAuth username"},
		{"colon in user", "WithBasicAuth", Basic("a:b", "pw"), "WithBasicAuth username"},
		{"empty password", "WithBasicAuth", Basic("a@example.com", ""), "WithBasicAuth password"},
		{"newline in user", "WithBasicAuth", Basic("a\nb", "pw"), "WithBasicAuth key"},
		{"empty bearer", "WithOAuthToken", StaticHeader("Authorization", "Bearer", ""), "WithOAuthToken key"},
		{"empty game key", "WithAPIToken", StaticHeader("Authorization", "token", ""), "WithAPIToken key"},
		{"bad header", "WithAPIToken", StaticHeader("bad header", "token", "k"), "WithAPIToken header"},
		{"bad scheme", "WithAPIToken", StaticHeader("Authorization", "to ken", "k"), "WithAPIToken scheme"},
		{"newline in key", "WithAPIToken", StaticHeader("Authorization", "token", "k\r\nX-Evil: 1"), "WithAPIToken key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(what string, err error) {
				t.Helper()
				ia, ok := errors.AsType[*sessionkit.InvalidArgumentError](err)
				if !ok || !errors.Is(err, sessionkit.ErrInvalidArgument) {
					t.Fatalf("%s err = %v, want an *InvalidArgumentError", what, err)
				}
				if ia.Name != tt.wantName || ia.API != "test" {
					t.Errorf("%s: Name %q API %q, want %q of test (error: %v)", what, ia.Name, ia.API, tt.wantName, err)
				}
			}
			_, err := newEngine(API{Name: "test", DefaultBaseURL: "https://x.example"}, Auth(tt.option, tt.auth))
			check("NewEngine", err)
			e, _ := newEngine(API{Name: "test", DefaultBaseURL: "https://x.example"})
			_, err = callOf(e, Auth(tt.option, tt.auth))
			if ia, ok := errors.AsType[*sessionkit.InvalidArgumentError](err); !ok || ia.Name != tt.option || !strings.Contains(ia.Reason, "client option") {
				t.Errorf("per call: err = %v, want a client option refused naming %s", err, tt.option)
			}
		})
	}
}

// TestAuthPrintsTheOption: an authentication option and its authenticator
// print the option's name and never the secret.
func TestAuthPrintsTheOption(t *testing.T) {
	for _, a := range []sessionkit.Authenticator{Basic("u", "hunter2"), StaticHeader("Authorization", "token", "hunter2"),
		&tokenCache{spec: minterSpec{m: staticMinter("hunter2")}}} {
		o := Auth("WithAPIToken", a)
		if got := o.String(); got != "WithAPIToken([REDACTED])" {
			t.Errorf("the option prints %q", got)
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			if got := fmt.Sprintf(verb, a); strings.Contains(got, "hunter2") || !strings.Contains(got, redacted) {
				t.Errorf("%s of %T = %q", verb, a, got)
			}
		}
	}
}

// customAuth is a user-defined Authenticator.
type customAuth struct{ key string }

func (a customAuth) Authenticate(_ context.Context, req *http.Request) error {
	req.Header.Set("X-Custom", a.key)
	return nil
}

func TestCustomAuthenticator(t *testing.T) {
	rec := &recorder{handle: always(200, nil, "{}")}
	e := testEngine(t, rec, Auth("WithAuth", customAuth{key: "k"}))
	if err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil); err != nil {
		t.Fatal(err)
	}
	if rec.header(1).Get("X-Custom") != "k" {
		t.Error("custom authenticator not applied")
	}
}
