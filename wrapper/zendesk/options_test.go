package zendesk_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/oauth2"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestConflictingCredentials gives a client two credential options, of
// every pair, and checks that NewClient refuses it with an
// *InvalidArgumentError naming both options, without showing a secret and
// without sending anything.
func TestConflictingCredentials(t *testing.T) {
	creds := []struct {
		name string
		opt  zendesk.Option
	}{
		{"WithAPIToken", zendesk.WithAPIToken(testEmail, testAPIToken)},
		{"WithBasicAuth", zendesk.WithBasicAuth(testEmail, testPassword)},
		{"WithOAuth", zendesk.WithOAuth(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: testOAuth}))},
		{"WithOAuthToken", zendesk.WithOAuthToken(testOAuth)},
		{"WithAuth", zendesk.WithAuth(headerAuth{"X-Session-Cookie", testPassword})},
	}
	for _, first := range creds {
		for _, second := range creds {
			if first.name == second.name {
				continue
			}
			t.Run(first.name+"+"+second.name, func(t *testing.T) {
				_, err := zendesk.NewClient("acme", first.opt, zendesk.Option{}, zendesk.WithHTTPClient(noIO(t)), second.opt)
				e, ok := errors.AsType[*zendesk.InvalidArgumentError](err)
				if !ok || !errors.Is(err, zendesk.ErrInvalidArgument) {
					t.Fatalf("err = %v (%T), want an *InvalidArgumentError", err, err)
				}
				if e.API != "zendesk" || !strings.HasPrefix(err.Error(), "zendesk: ") {
					t.Errorf("err = %q (API %q), want it to be the zendesk client's", err, e.API)
				}
				msg := err.Error()
				if !strings.Contains(msg, first.name) || !strings.Contains(msg, second.name) {
					t.Errorf("err = %q, want it to name %s and %s", msg, first.name, second.name)
				}
				for _, secret := range []string{testAPIToken, testPassword, testOAuth} {
					if strings.Contains(msg, secret) {
						t.Errorf("err shows a secret: %q", msg)
					}
				}
			})
		}
	}
	t.Run("the same option twice", func(t *testing.T) {
		opt := zendesk.WithOAuthToken(testOAuth)
		if _, err := zendesk.NewClient("acme", opt, opt); !errors.Is(err, zendesk.ErrInvalidArgument) || !strings.Contains(err.Error(), "WithOAuthToken") {
			t.Errorf("err = %v, want ErrInvalidArgument naming WithOAuthToken", err)
		}
	})
	t.Run("one credential and other options", func(t *testing.T) {
		if _, err := zendesk.NewClient("acme", zendesk.WithOAuthToken(testOAuth), zendesk.WithHeader("X-A", "1"),
			zendesk.WithUserAgent("job/1"), zendesk.WithHTTPClient(noIO(t))); err != nil {
			t.Errorf("err = %v, want nil", err)
		}
	})
}

// headerAuth is a custom Authenticator that sets one header.
type headerAuth struct{ key, value string }

func (h headerAuth) Authenticate(_ context.Context, r *http.Request) error {
	r.Header.Set(h.key, h.value)
	return nil
}

// TestWithResponseInfo checks that WithResponseInfo fills in the final
// response's metadata on success, for that call only, and leaves it alone
// when the call fails.
func TestWithResponseInfo(t *testing.T) {
	wantRL := zendesk.RateLimit{Limit: 700, Remaining: 699, Present: true}
	ignoreHeader := cmpopts.IgnoreFields(zendesk.ResponseInfo{}, "Header")

	t.Run("Get", func(t *testing.T) {
		f := newFake(t, reply{status: 200, body: bodySessionObject, header: http.Header{"Set-Cookie": {"_zendesk_session=" + testPassword}}})
		zc := f.client(t)
		var info zendesk.ResponseInfo
		s, err := zc.Sessions.Get(t.Context(), 12884901888, 8589934592, zendesk.WithResponseInfo(&info))
		if err != nil || s.ID != 8589934592 {
			t.Fatalf("Get = %v, %v", s, err)
		}
		want := zendesk.ResponseInfo{StatusCode: 200, RequestID: "8e7c5d3a5c4b1e2f-IAD", RateLimit: wantRL, Attempts: 1}
		if diff := cmp.Diff(want, info, ignoreHeader); diff != "" {
			t.Errorf("ResponseInfo (-want +got):\n%s", diff)
		}
		if info.Header.Get("X-Zendesk-Request-Id") != "8e7c5d3a5c4b1e2f-IAD" || info.Header.Get("Content-Type") == "" {
			t.Errorf("Header = %v", info.Header)
		}
		if v := info.Header.Values("Set-Cookie"); len(v) != 0 {
			t.Errorf("Header keeps Set-Cookie %q", v)
		}
		// A call without the option does not touch it.
		info.StatusCode = -1
		if _, err := zc.Sessions.Get(t.Context(), 12884901888, 8589934592); err != nil {
			t.Fatal(err)
		}
		if info.StatusCode != -1 {
			t.Errorf("a later call without WithResponseInfo changed it: %+v", info)
		}
	})

	t.Run("Delete 204", func(t *testing.T) {
		f := newFake(t, reply{status: 204})
		var info zendesk.ResponseInfo
		if err := f.client(t).Sessions.Delete(t.Context(), 1, 2, zendesk.WithResponseInfo(&info)); err != nil {
			t.Fatal(err)
		}
		want := zendesk.ResponseInfo{StatusCode: 204, RequestID: "8e7c5d3a5c4b1e2f-IAD", RateLimit: wantRL, Attempts: 1}
		if diff := cmp.Diff(want, info, ignoreHeader); diff != "" {
			t.Errorf("ResponseInfo (-want +got):\n%s", diff)
		}
	})

	t.Run("after retries", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			srv, zc := newZendesk(t, true, nil)
			if _, err := srv.AddSession(zendesktest.Session{ID: 9, UserID: endUserID}); err != nil {
				t.Fatal(err)
			}
			srv.InjectFault(zendesktest.OpShowSession, zendesktest.Fault{Status: 503, Times: 2})
			var info zendesk.ResponseInfo
			if _, err := zc.Sessions.Get(t.Context(), endUserID, 9, zendesk.WithResponseInfo(&info)); err != nil {
				t.Fatal(err)
			}
			if info.StatusCode != 200 || info.Attempts != 3 {
				t.Errorf("ResponseInfo = %+v, want status 200 after 3 attempts", info)
			}
		})
	})

	t.Run("failure leaves it alone", func(t *testing.T) {
		f := newFake(t, reply{status: 404, body: errClassic404})
		info := zendesk.ResponseInfo{StatusCode: -1}
		_, err := f.client(t).Sessions.Get(t.Context(), 1, 2, zendesk.WithResponseInfo(&info))
		if !errors.Is(err, zendesk.ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
		if diff := cmp.Diff(zendesk.ResponseInfo{StatusCode: -1}, info); diff != "" {
			t.Errorf("ResponseInfo changed by a failed call (-want +got):\n%s", diff)
		}
	})

	t.Run("decode failure leaves it alone", func(t *testing.T) {
		f := newFake(t, reply{status: 200, body: `{"session":null}`})
		info := zendesk.ResponseInfo{StatusCode: -1}
		_, err := f.client(t).Sessions.Current(t.Context(), zendesk.WithResponseInfo(&info))
		if _, ok := errors.AsType[*zendesk.DecodeError](err); !ok {
			t.Fatalf("err = %v, want a *DecodeError", err)
		}
		if info.StatusCode != -1 {
			t.Errorf("ResponseInfo changed by a failed decode: %+v", info)
		}
	})

	t.Run("each page of a listing", func(t *testing.T) {
		f := newFake(t,
			reply{status: 200, body: `{"sessions":[{"id":1}],"meta":{"has_more":true,"after_cursor":"c1"}}`},
			reply{status: 200, body: `{"sessions":[{"id":2}],"meta":{"has_more":false}}`, header: http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"5"}}})
		var info zendesk.ResponseInfo
		var remaining []int
		for _, err := range f.client(t).Sessions.List(nil, zendesk.WithResponseInfo(&info)).Pages(t.Context()) {
			if err != nil {
				t.Fatal(err)
			}
			remaining = append(remaining, info.RateLimit.Remaining)
		}
		if diff := cmp.Diff([]int{699, 5}, remaining); diff != "" {
			t.Errorf("RateLimit.Remaining per page (-want +got):\n%s", diff)
		}
	})
}

// TestOptionsWhereTheyMean: an option given where it has no meaning — a
// client's option to one call, a call's option to NewClient — is an
// *InvalidArgumentError of package zendesk naming it, and nothing is sent.
func TestOptionsWhereTheyMean(t *testing.T) {
	zc, err := zendesk.NewClient("acme", zendesk.WithHTTPClient(noIO(t)), zendesk.WithOAuthToken(testOAuth))
	if err != nil {
		t.Fatal(err)
	}
	var info zendesk.ResponseInfo
	tests := []struct {
		name   string
		call   func() error
		option string
	}{
		{"WithRateLimit per call", func() error {
			_, err := zc.Sessions.Get(t.Context(), 1, 2, zendesk.WithRateLimit(10))
			return err
		}, "WithRateLimit"},
		{"WithBaseURL per call", func() error { return zc.Sessions.Logout(t.Context(), zendesk.WithBaseURL("https://other.example")) }, "WithBaseURL"},
		{"credentials per call", func() error {
			_, err := zc.Sessions.Current(t.Context(), zendesk.WithClientCredentials("id", "secret"))
			return err
		}, "WithClientCredentials"},
		{"a token per call", func() error { return zc.Sessions.Delete(t.Context(), 1, 2, zendesk.WithOAuthToken("t")) }, "WithOAuthToken"},
		{"WithTokenLifetime per call", func() error {
			_, err := zc.Sessions.List(nil, zendesk.WithTokenLifetime(time.Hour)).Collect(t.Context())
			return err
		}, "WithTokenLifetime"},
		{"WithResponseInfo to NewClient", func() error {
			_, err := zendesk.NewClient("acme", zendesk.WithResponseInfo(&info))
			return err
		}, "WithResponseInfo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			e, ok := errors.AsType[*zendesk.InvalidArgumentError](err)
			if !ok || e.API != "zendesk" || e.Name != tt.option {
				t.Errorf("err = %v, want an *InvalidArgumentError of zendesk naming %s", err, tt.option)
			}
		})
	}
}
