package core

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestEchoedCredentialNeverInHeaders: a gateway that echoes what the
// client sent, under any header name, never gets a credential or a
// WithHeader value into ResponseInfo.Header or APIError.Header; the other
// headers stay.
func TestEchoedCredentialNeverInHeaders(t *testing.T) {
	const (
		key    = "k3y-Sup3rS3cret-0001"
		tenant = "tenant-private-777"
	)
	auths := []struct {
		name string
		auth sessionkit.Authenticator
	}{
		{"StaticHeader X-Api-Key", StaticHeader("X-Api-Key", "", Secret(key))},
		{"StaticHeader Authorization token", StaticHeader("Authorization", "token", Secret(key))},
		{"Basic", Basic("agent", Secret(key))},
	}
	for _, a := range auths {
		for _, status := range []int{200, 500} {
			t.Run(a.name+"/"+http.StatusText(status), func(t *testing.T) {
				doer := sessionkit.DoerFunc(func(req *http.Request) (*http.Response, error) {
					h := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req-1"}}
					for k, vs := range req.Header {
						h["X-Echo-"+k] = vs // every request header under another name
					}
					if v := req.Header.Get("X-Api-Key"); v != "" {
						h.Set("X-Api-Key", v)
					}
					if v := req.Header.Get("Authorization"); v != "" {
						h.Set("X-Debug", "seen token="+v[strings.LastIndexByte(v, ' ')+1:]) // the token alone, inside text
					}
					h.Set("X-Tenant-Copy", tenant)
					return fakeResponse(req, status, h, `{}`), nil
				})
				e := testEngine(t, doer, Auth("WithAuth", a.auth), Header("X-Tenant", tenant), NoRetries())
				var info sessionkit.ResponseInfo
				err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil, ResponseInfo(&info))
				got := info.Header
				if status >= 400 {
					ae, ok := errors.AsType[*sessionkit.APIError](err)
					if !ok {
						t.Fatalf("err = %v, want an *APIError", err)
					}
					got = ae.Header
				} else if err != nil {
					t.Fatal(err)
				}
				for k, vs := range got {
					for _, v := range vs {
						if strings.Contains(v, key) || strings.Contains(v, tenant) || (a.name == "Basic" && strings.Contains(v, "YWdlbnQ6")) {
							t.Errorf("header %s: %q carries a credential", k, v)
						}
					}
				}
				want := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req-1"},
					"X-Echo-User-Agent": {"sessionkit-test/1"}}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("header (-want +got):\n%s", d)
				}
			})
		}
	}
}

// TestSafeHeaderEchoBounds: a sent value (or the token of a "scheme token"
// value) of at least minSecretEcho bytes is looked for inside every
// response header value; a shorter one drops only a value equal to it.
func TestSafeHeaderEchoBounds(t *testing.T) {
	tests := []struct {
		name       string
		sent, resp string // a header value of each
		dropped    bool
	}{
		{"whole value", "Bearer abc", "Bearer abc", true},
		{"short token alone is kept", "Bearer abc", "abc", false},
		{"token of minSecretEcho inside text", "Bearer abcdefgh", "seen abcdefgh!", true},
		{"shorter token inside text is kept", "Bearer abcdefg", "seen abcdefg!", false},
		{"key of minSecretEcho inside text", "abcdefgh", "key=abcdefgh", true},
		{"shorter key inside text is kept", "abcdefg", "key=abcdefg", false},
		{"shorter key alone", "abcdefg", "abcdefg", true},
		{"several spaces: the last word", "a b cdefghij", "x cdefghij", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := safeHeader(http.Header{"X-Echo": {tt.resp}, "X-Other": {"1"}}, http.Header{"X-Key": {tt.sent}})
			want := http.Header{"X-Echo": {tt.resp}, "X-Other": {"1"}}
			if tt.dropped {
				delete(want, "X-Echo")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("safeHeader (-want +got):\n%s", diff)
			}
		})
	}
}
