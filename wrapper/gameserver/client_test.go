package gameserver

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestNewClientDefaults checks the default base URL and that a client sends
// its API key as "authorization: token <key>".
func TestNewClientDefaults(t *testing.T) {
	var got *http.Request
	doer := sessionkit.DoerFunc(func(r *http.Request) (*http.Response, error) {
		got = r
		return fail(http.StatusNotFound, "nope").response(r), nil
	})
	gc, err := NewClient(WithAPIToken(testKey), WithHTTPClient(doer))
	if err != nil {
		t.Fatal(err)
	}
	_, err = gc.Sessions.Get(t.Context(), sessionID)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get: %v, want ErrNotFound", err)
	}
	if u := got.URL.String(); u != "https://api.edgegap.com/v1/session/950dd2eaff09-S" {
		t.Errorf("URL %s, want the default base URL", u)
	}
	if a := got.Header.Get("Authorization"); a != "token "+testKey {
		t.Errorf("authorization %q", a)
	}
}

// TestWithAPIToken accepts the key with or without its "token " prefix.
func TestWithAPIToken(t *testing.T) {
	tests := []struct {
		key, want string
		wantErr   bool
	}{
		{key: "abc-123", want: "token abc-123"},
		{key: "token abc-123", want: "token abc-123"},
		{key: "Token abc-123", want: "token abc-123"},
		{key: "TOKEN   abc-123 ", want: "token abc-123"},
		{key: " abc-123\n", want: "token abc-123"},
		{key: "tokenabc", want: "token tokenabc"},
		{key: "", wantErr: true},
		{key: "   ", wantErr: true},
		{key: "token ", wantErr: true},
		{key: "token\tabc", want: "token abc"},
		{key: "abc\r\nX-Evil: 1", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			fake := newFake(t, ok(bodyReady))
			gc, err := NewClient(WithAPIToken(tc.key), WithHTTPClient(sessionkit.DoerFunc(func(r *http.Request) (*http.Response, error) {
				fake.record(r)
				return ok(bodyReady).response(r), nil
			})))
			if tc.wantErr {
				if !errors.Is(err, ErrInvalidArgument) {
					t.Fatalf("NewClient: %v, want ErrInvalidArgument", err)
				}
				if strings.Contains(err.Error(), "abc") {
					t.Errorf("error %q shows the key", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			if _, err := gc.Sessions.Get(t.Context(), sessionID); err != nil {
				t.Fatal(err)
			}
			if got := fake.Calls()[0].Auth; got != tc.want {
				t.Errorf("authorization %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNoSecretInOutput prints the client, its options and its errors in
// every way and looks for the key.
func TestNoSecretInOutput(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opt := WithAPIToken(testKey)
	fake := newFake(t, fail(http.StatusUnauthorized, "Invalid authentication token"))
	gc := fake.serve(t, WithLogger(logger)) // serve authenticates with opt's key, testKey
	_, err := gc.Sessions.Get(t.Context(), sessionID)
	var out strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		fmt.Fprintf(&out, verb+"\n", gc)
		fmt.Fprintf(&out, verb+"\n", opt)
		fmt.Fprintf(&out, verb+"\n", err)
		fmt.Fprintf(&out, verb+"\n", gc.Sessions)
	}
	logger.Info("client", "client", gc, "option", opt, "err", err)
	out.Write(logs.Bytes())
	if strings.Contains(out.String(), testKey) {
		t.Errorf("the API key leaked:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "gameserver.Client{baseURL: ") {
		t.Errorf("the client does not describe itself:\n%s", out.String())
	}
}

// TestNewClientRejects checks that bad client options fail at NewClient.
func TestNewClientRejects(t *testing.T) {
	tests := []struct {
		name     string
		opts     []Option
		wantName string
	}{
		{"http base URL", []Option{WithBaseURL("http://api.example.com")}, ""},
		{"nil HTTP client", []Option{WithHTTPClient(nil)}, "WithHTTPClient"},
		{"poll interval", []Option{WithPollInterval(0, 0)}, "WithPollInterval first"},
		{"poll max", []Option{WithPollInterval(2, 1)}, "WithPollInterval max"},
		{"user agent", []Option{WithUserAgent("a\nb")}, "WithUserAgent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gc, err := NewClient(tc.opts...)
			if gc != nil || !errors.Is(err, ErrInvalidArgument) {
				t.Fatalf("NewClient = %v, %v; want ErrInvalidArgument", gc, err)
			}
			if argErr, _ := errors.AsType[*InvalidArgumentError](err); tc.wantName != "" && !strings.HasPrefix(argErr.Name, tc.wantName) {
				t.Errorf("error names %q, want %q", argErr.Name, tc.wantName)
			}
		})
	}
	if gc, err := NewClient(WithBaseURL("http://api.example.com"), WithInsecureHTTP()); err != nil || gc == nil {
		t.Errorf("NewClient with WithInsecureHTTP: %v", err)
	}
}

// TestPerCallOptions checks that options given to one call apply to it
// only: a header, a base URL, a user agent.
func TestPerCallOptions(t *testing.T) {
	var seen []http.Header
	var hosts []string
	doer := sessionkit.DoerFunc(func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Header.Clone())
		hosts = append(hosts, r.URL.Host+r.URL.EscapedPath())
		return ok(bodyReady).response(r), nil
	})
	gc, err := NewClient(WithAPIToken(testKey), WithHTTPClient(doer), WithHeader("X-Client", "c"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gc.Sessions.Get(t.Context(), sessionID, WithHeader("X-Call", "1"), WithUserAgent("tool/2")); err != nil {
		t.Fatal(err)
	}
	if _, err := gc.Sessions.Get(t.Context(), sessionID); err != nil {
		t.Fatal(err)
	}
	wantHosts := []string{"api.edgegap.com/v1/session/950dd2eaff09-S", "api.edgegap.com/v1/session/950dd2eaff09-S"}
	if diff := cmp.Diff(wantHosts, hosts); diff != "" {
		t.Errorf("hosts (-want +got):\n%s", diff)
	}
	if seen[0].Get("X-Call") != "1" || seen[0].Get("X-Client") != "c" || !strings.HasPrefix(seen[0].Get("User-Agent"), "tool/2 ") {
		t.Errorf("first call headers %v", seen[0])
	}
	if seen[1].Get("X-Call") != "" || seen[1].Get("X-Client") != "c" || strings.Contains(seen[1].Get("User-Agent"), "tool/2") {
		t.Errorf("second call headers %v: per-call options leaked", seen[1])
	}
}

// TestZeroClient checks that a Client not made by NewClient prints,
// closes and reports its base URL safely, and so does a nil one.
func TestZeroClient(t *testing.T) {
	var gc Client
	gc.CloseIdleConnections()
	if got, base := fmt.Sprint(&gc), gc.BaseURL(); got != "gameserver.Client(nil)" || base != "" {
		t.Errorf("zero client prints %q, base URL %q", got, base)
	}
	var nilClient *Client
	nilClient.CloseIdleConnections()
	if got, base := fmt.Sprint(nilClient), nilClient.BaseURL(); got != "gameserver.Client(nil)" || base != "" {
		t.Errorf("nil client prints %q, base URL %q", got, base)
	}
}
