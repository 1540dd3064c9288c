package zendesk_test

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestNewClientSubdomain checks the subdomain's validation and the base URL
// it gives, before any request.
func TestNewClientSubdomain(t *testing.T) {
	tests := []struct {
		subdomain string
		want      string // base URL, or a substring of the error
		ok        bool
	}{
		{"acme", "https://acme.zendesk.com", true},
		{"Acme-Support2", "https://acme-support2.zendesk.com", true},
		{"a", "https://a.zendesk.com", true},
		{"a-zA-Z0-9", "https://a-za-z0-9.zendesk.com", true},
		{strings.Repeat("a", 63), "https://" + strings.Repeat("a", 63) + ".zendesk.com", true},
		{"", `invalid subdomain "": must not be empty`, false},
		{"acme.zendesk.com", `invalid subdomain "acme.zendesk.com": must be the subdomain alone`, false},
		{"https://acme.zendesk.com", "must be the subdomain alone", false},
		{"acme/evil", "must be the subdomain alone", false},
		{"acme:443", "must be the subdomain alone", false},
		{"ac me", "may contain only letters, digits and hyphens", false},
		{"acme?x=1", "may contain only letters, digits and hyphens", false},
		{"acmé", "may contain only letters, digits and hyphens", false},
		// The characters next to each range that is allowed.
		{"a`b", "may contain only letters, digits and hyphens", false},
		{"a{b", "may contain only letters, digits and hyphens", false},
		{"a@b", "may contain only letters, digits and hyphens", false},
		{"a[b", "may contain only letters, digits and hyphens", false},
		{"a+b", "may contain only letters, digits and hyphens", false},
		{"a;b", "may contain only letters, digits and hyphens", false},
		{"-acme", "must not start or end with a hyphen", false},
		{"acme-", "must not start or end with a hyphen", false},
		{strings.Repeat("a", 64), "at most 63 characters", false},
	}
	for _, tc := range tests {
		t.Run(tc.subdomain, func(t *testing.T) {
			zc, err := zendesk.NewClient(tc.subdomain, zendesk.WithHTTPClient(noIO(t)))
			if !tc.ok {
				if !errors.Is(err, zendesk.ErrInvalidArgument) || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("err = %v, want an invalid-argument error containing %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := zc.BaseURL(); got != tc.want {
				t.Errorf("BaseURL = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBaseURLs checks where requests go: the account by default, a proxy
// with a path prefix, and that http:// needs loopback or WithInsecureHTTP.
func TestBaseURLs(t *testing.T) {
	var got []string
	rec := doerFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.URL.String()+" "+r.Header.Get("User-Agent"))
		return respond(r, 204, ""), nil
	})
	zc, err := zendesk.NewClient("acme", zendesk.WithHTTPClient(rec), zendesk.WithOAuthToken(testOAuth), zendesk.WithUserAgent("myjob/1.0"))
	if err != nil {
		t.Fatal(err)
	}
	if err := zc.Sessions.Logout(t.Context()); err != nil {
		t.Fatal(err)
	}
	// The base URL is a client setting: a proxy with a path prefix is
	// another client.
	viaProxy, err := zendesk.NewClient("acme", zendesk.WithHTTPClient(rec), zendesk.WithOAuthToken(testOAuth),
		zendesk.WithUserAgent("myjob/1.0"), zendesk.WithBaseURL("https://proxy.example/zendesk"))
	if err != nil {
		t.Fatal(err)
	}
	if err := viaProxy.Sessions.Logout(t.Context()); err != nil {
		t.Fatal(err)
	}
	proxied, err := zendesk.NewClient("acme", zendesk.WithHTTPClient(rec), zendesk.WithBaseURL("http://zendesk.internal:8080/z/"), zendesk.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	if err := proxied.Sessions.DeleteAllForUser(t.Context(), 5); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"https://acme.zendesk.com/api/v2/users/me/logout myjob/1.0 sessionkit-go-zendesk/0.1",
		"https://proxy.example/zendesk/api/v2/users/me/logout myjob/1.0 sessionkit-go-zendesk/0.1",
		"http://zendesk.internal:8080/z/api/v2/users/5/sessions sessionkit-go-zendesk/0.1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"http://zendesk.internal", "https://user:pw@acme.zendesk.com", "acme.zendesk.com"} {
		if _, err := zendesk.NewClient("acme", zendesk.WithBaseURL(bad)); !errors.Is(err, zendesk.ErrInvalidArgument) {
			t.Errorf("WithBaseURL(%q): err = %v, want ErrInvalidArgument", bad, err)
		}
	}
}

// TestAuthentication checks the Authorization header of every auth option
// against a recording server, then that the spec server accepts it.
func TestAuthentication(t *testing.T) {
	basic := func(user, pw string) string {
		r, _ := http.NewRequest("GET", "/", nil)
		r.SetBasicAuth(user, pw)
		return r.Header.Get("Authorization")
	}
	tests := []struct {
		name string
		opt  zendesk.Option
		want string
	}{
		{"WithAPIToken", zendesk.WithAPIToken(testEmail, testAPIToken), basic(testEmail+"/token", testAPIToken)},
		{"WithBasicAuth", zendesk.WithBasicAuth(testEmail, testPassword), basic(testEmail, testPassword)},
		{"WithOAuth", zendesk.WithOAuth(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: testOAuth})), "Bearer " + testOAuth},
		{"WithOAuthToken", zendesk.WithOAuthToken(testOAuth), "Bearer " + testOAuth},
	}
	srv := zendesktest.NewServer(t, zendesktest.WithUsers(
		zendesktest.User{ID: adminID, Email: "admin@acme.example", Role: zendesktest.RoleAdmin, OAuthToken: testOAuth},
		zendesktest.User{ID: endUserID, Email: testEmail, APIToken: testAPIToken, Password: testPassword},
	), zendesktest.WithSessions(zendesktest.Session{ID: 1, UserID: adminID}, zendesktest.Session{ID: 2, UserID: endUserID}))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, reply{status: 204})
			zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(f.URL), zendesk.WithHTTPClient(f.Client()), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if err := zc.Sessions.Logout(t.Context()); err != nil {
				t.Fatal(err)
			}
			if got := f.requests()[0].Auth; got != tc.want {
				t.Errorf("Authorization = %q, want %q", got, tc.want)
			}
			real, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := real.Sessions.Current(t.Context()); err != nil {
				t.Errorf("the server refused %s: %v", tc.name, err)
			}
		})
	}
	t.Run("no credentials", func(t *testing.T) {
		anon, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := anon.Sessions.Current(t.Context()); !errors.Is(err, zendesk.ErrUnauthorized) {
			t.Errorf("err = %v, want ErrUnauthorized", err)
		}
	})
	for _, opt := range []zendesk.Option{
		zendesk.WithAPIToken("", testAPIToken), zendesk.WithAPIToken(testEmail, ""),
		zendesk.WithBasicAuth(testEmail, ""), zendesk.WithOAuth(nil), zendesk.WithOAuthToken(""), zendesk.WithAuth(nil),
	} {
		if _, err := zendesk.NewClient("acme", opt); !errors.Is(err, zendesk.ErrInvalidArgument) {
			t.Errorf("%v: err = %v, want ErrInvalidArgument", opt, err)
		}
	}
}

// TestNoSecretsPrinted formats clients, options and errors with every
// common verb and in slog output, and checks that no credential shows.
func TestNoSecretsPrinted(t *testing.T) {
	opts := []zendesk.Option{
		zendesk.WithAPIToken(testEmail, testAPIToken), zendesk.WithBasicAuth(testEmail, testPassword),
		zendesk.WithOAuthToken(testOAuth), zendesk.WithHeader("X-Secret", testPassword),
	}
	var out strings.Builder
	values := anySlice(opts)
	// One client per credential option (two on one client are an error).
	for _, cred := range opts[:3] {
		zc, err := zendesk.NewClient("acme", cred, opts[3], zendesk.WithHTTPClient(noIO(t)))
		if err != nil {
			t.Fatal(err)
		}
		values = append(values, zc, *zc.Sessions)
		slog.New(slog.NewTextHandler(&out, nil)).Info("client", "client", zc, "opts", opts)
	}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			fmt.Fprintf(&out, verb+"\n", v)
		}
	}
	_, err := zendesk.NewClient("acme.zendesk.com", opts...)
	fmt.Fprintf(&out, "%+v\n", err)
	_, err = zendesk.NewClient("acme", opts...) // conflicting credentials
	fmt.Fprintf(&out, "%+v\n", err)
	for _, secret := range []string{testAPIToken, testPassword, testOAuth, apiTokenAuth()[6:]} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("output shows %q:\n%s", secret, out.String())
		}
	}
	if !strings.Contains(out.String(), "zendesk.Client{baseURL: https://acme.zendesk.com") {
		t.Errorf("client prints as:\n%s", out.String())
	}
}

func anySlice[T any](s []T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// TestBadClientOptions checks that NewClient validates options.
func TestBadClientOptions(t *testing.T) {
	for _, opt := range []zendesk.Option{
		zendesk.WithRetry(zendesk.RetryPolicy{MaxAttempts: -1}), zendesk.WithRateLimit(0), zendesk.WithHTTPClient(nil),
		zendesk.WithLogger(nil), zendesk.WithMaxResponseBytes(0), zendesk.WithHeader("Host", "x"), zendesk.WithUserAgent(""),
	} {
		if _, err := zendesk.NewClient("acme", opt); !errors.Is(err, zendesk.ErrInvalidArgument) {
			t.Errorf("%v: err = %v, want ErrInvalidArgument", opt, err)
		}
	}
	if _, err := zendesk.NewClient("acme", zendesk.Option{}, zendesk.WithoutRetries()); err != nil {
		t.Errorf("a zero option: %v", err)
	}
}
