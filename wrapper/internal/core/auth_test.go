package core

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/oauth2"
)

func TestAuthenticators(t *testing.T) {
	basic := func(user, pw string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))
	}
	tests := []struct {
		name   string
		auth   Authenticator
		header string
		want   string
	}{
		{"zendesk api token", ZendeskAPIToken("agent@acme.com", "tok123"), "Authorization", basic("agent@acme.com/token", "tok123")},
		{"basic", BasicAuth("agent@acme.com", "pw"), "Authorization", basic("agent@acme.com", "pw")},
		{"static bearer", StaticBearer("abc"), "Authorization", "Bearer abc"},
		{"oauth", BearerToken(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "oat"})), "Authorization", "Bearer oat"},
		{"game server", HeaderToken("authorization", "token", "key-1"), "Authorization", "token key-1"},
		{"bare header", HeaderToken("X-Api-Key", "", "k"), "X-Api-Key", "k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{handle: always(200, nil, "{}")}
			e := testEngine(t, rec, WithAuth(tt.auth))
			req := newRequest(t, t.Context(), e, "GET", "/x", "", true)
			resp, err := e.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			Discard(resp)
			if got := rec.reqs[0].Header.Get(tt.header); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.header, got, tt.want)
			}
			if req.Header.Get(tt.header) != "" {
				t.Error("the caller's request was modified")
			}
		})
	}
}

func TestAuthenticatorValidation(t *testing.T) {
	tests := []struct {
		name string
		auth Authenticator
	}{
		{"nil", nil},
		{"nil token source", BearerToken(nil)},
		{"empty api token", ZendeskAPIToken("a@b.c", "")},
		{"empty email", ZendeskAPIToken(" ", "t")},
		{"empty basic user", BasicAuth("", "pw")},
		{"colon in user", BasicAuth("a:b", "pw")},
		{"empty password", BasicAuth("u", "")},
		{"empty bearer", StaticBearer("")},
		{"bad header", HeaderToken("bad header", "token", "k")},
		{"bad scheme", HeaderToken("Authorization", "to ken", "k")},
		{"newline in key", HeaderToken("Authorization", "token", "k\r\nX-Evil: 1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewEngine(Settings{DefaultBaseURL: "https://x.example"}, WithAuth(tt.auth))
			if !errors.Is(err, ErrInvalidArgument) {
				t.Errorf("NewEngine err = %v, want ErrInvalidArgument", err)
			}
			e, _ := NewEngine(Settings{DefaultBaseURL: "https://x.example"})
			if _, err := e.Prepare(t.Context(), WithAuth(tt.auth)); !errors.Is(err, ErrInvalidArgument) {
				t.Errorf("Prepare err = %v, want ErrInvalidArgument", err)
			}
		})
	}
}

// countingSource hands out a new token, valid for a minute, on each call.
type countingSource struct{ n atomic.Int32 }

func (s *countingSource) Token() (*oauth2.Token, error) {
	n := s.n.Add(1)
	return &oauth2.Token{AccessToken: "tok-" + string(rune('0'+n)), Expiry: time.Now().Add(time.Minute)}, nil
}

func TestBearerTokenRefreshes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		src := &countingSource{}
		rec := &recorder{handle: always(200, nil, "{}")}
		e := testEngine(t, rec, WithAuth(BearerToken(src)))
		call := func() string {
			resp, err := e.Do(newRequest(t, t.Context(), e, "GET", "/x", "", true))
			if err != nil {
				t.Fatal(err)
			}
			Discard(resp)
			return rec.reqs[len(rec.reqs)-1].Header.Get("Authorization")
		}
		if got := call(); got != "Bearer tok-1" {
			t.Errorf("first = %q", got)
		}
		if got := call(); got != "Bearer tok-1" {
			t.Errorf("cached = %q", got)
		}
		time.Sleep(2 * time.Minute)
		if got := call(); got != "Bearer tok-2" {
			t.Errorf("after expiry = %q, want a refreshed token", got)
		}
	})
}

type failingSource struct{}

func (failingSource) Token() (*oauth2.Token, error) { return nil, errors.New("token endpoint down") }

type emptySource struct{}

func (emptySource) Token() (*oauth2.Token, error) { return &oauth2.Token{}, nil }

func TestBearerTokenErrors(t *testing.T) {
	for _, src := range []oauth2.TokenSource{failingSource{}, emptySource{}} {
		rec := &recorder{handle: always(200, nil, "{}")}
		e := testEngine(t, rec, WithAuth(BearerToken(src)))
		_, err := e.Do(newRequest(t, t.Context(), e, "POST", "/x", "{}", true))
		if err == nil || rec.calls() != 0 {
			t.Errorf("%T: err = %v, calls = %d; want an error before sending", src, err, rec.calls())
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
	e := testEngine(t, rec, WithAuth(customAuth{key: "k"}))
	resp, err := e.Do(newRequest(t, t.Context(), e, "GET", "/x", "", true))
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
	if rec.reqs[0].Header.Get("X-Custom") != "k" {
		t.Error("custom authenticator not applied")
	}
}
