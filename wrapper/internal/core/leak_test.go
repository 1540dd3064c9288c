package core

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// Real-looking credentials that must never show up in any output.
const (
	leakEmail      = "agent@acme.example"
	leakAPIToken   = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv"
	leakPassword   = "Tr0ub4dor&3-horse-battery-staple"
	leakOAuthToken = "ya29.a0AfH6SMBxq-oauth-access-9f8e7d6c5b4a"
	leakGameKey    = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	leakHeaderVal  = "hdr-secret-77ab31c9"
)

// leakNeedles are the secrets and their encodings on the wire.
func leakNeedles() []string {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	return []string{
		leakAPIToken, leakPassword, leakOAuthToken, leakGameKey, leakHeaderVal,
		b64(leakEmail + "/token:" + leakAPIToken), b64(leakEmail + ":" + leakPassword),
		"3-horse-battery", // a fragment, in case of truncation
	}
}

type brokenTokenSource struct{}

func (brokenTokenSource) Token() (*oauth2.Token, error) {
	return nil, errors.New("oauth2: cannot fetch token: 401 Unauthorized")
}

// TestNoSecretsAnywhere configures every credential, drives every error
// path with debug logging on, formats engines, options, authenticators and
// errors with every verb, and checks that no credential appears anywhere.
func TestNoSecretsAnywhere(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/unauthorized":
			w.Header().Set("WWW-Authenticate", `Basic realm="Web Password"`)
			w.Header().Set("Set-Cookie", "_zendesk_session="+leakPassword)
			w.WriteHeader(401)
			fmt.Fprint(w, `{"error":"Couldn't authenticate you"}`)
		case "/limited":
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(429)
			fmt.Fprint(w, `{"errors":[{"code":"TooManyRequests","title":"Too Many Requests"}]}`)
		case "/html":
			w.WriteHeader(502)
			fmt.Fprint(w, "<html><title>Bad Gateway</title></html>")
		case "/slow":
			<-r.Context().Done()
		default:
			fmt.Fprint(w, `not json`)
		}
	}))
	defer srv.Close()

	// A loopback port with nothing listening, for a real connection error.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := ln.Addr().String()
	_ = ln.Close()

	retry := WithRetry(RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, Jitter: -1})
	auths := map[string]Authenticator{
		"api token": ZendeskAPIToken(leakEmail, leakAPIToken),
		"basic":     BasicAuth(leakEmail, leakPassword),
		"oauth":     BearerToken(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: leakOAuthToken})),
		"static":    StaticBearer(leakOAuthToken),
		"game":      HeaderToken("authorization", "token", leakGameKey),
	}

	var outputs []string
	record := func(vs ...any) {
		for _, v := range vs {
			outputs = append(outputs, fmt.Sprintf("%v|%+v|%#v|%s|%q", v, v, v, v, v))
			if e, ok := v.(error); ok && e != nil {
				outputs = append(outputs, e.Error())
				for u := errors.Unwrap(e); u != nil; u = errors.Unwrap(u) {
					outputs = append(outputs, u.Error(), fmt.Sprintf("%#v", u))
				}
				if ae, ok := errors.AsType[*APIError](e); ok {
					outputs = append(outputs, fmt.Sprint(ae.Header), string(ae.Body), ae.URL)
				}
			}
		}
	}

	for name, auth := range auths {
		opts := []Option{WithAuth(auth), WithLogger(logger), retry, WithHeader("X-Extra", leakHeaderVal)}
		record(opts[0], opts[3], auth)
		e, err := NewEngine(Settings{DefaultBaseURL: srv.URL}, opts...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		record(e)
		logger.Debug("engine built", "engine", e, "auth", auth, "option", opts[0])

		call := func(ctx context.Context, path string, callOpts ...Option) error {
			ctx, err := e.Prepare(ctx, callOpts...)
			if err != nil {
				return err
			}
			req, err := http.NewRequestWithContext(ctx, "GET", e.BaseURL()+path, nil)
			if err != nil {
				return err
			}
			resp, err := e.Do(req)
			if err != nil {
				return err
			}
			return DecodeJSON(resp, new(map[string]any))
		}
		short, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
		errs := []error{
			call(t.Context(), "/unauthorized"),
			call(t.Context(), "/limited"),
			call(t.Context(), "/html"),
			call(t.Context(), "/notjson"),
			call(short, "/slow"),
			call(t.Context(), "/x", WithBaseURL("http://"+deadAddr)),
			call(t.Context(), "/x", WithBaseURL("https://"+leakEmail+":"+leakPassword+"@acme.example")),
			call(t.Context(), "/x", WithBaseURL("http://agent:"+leakPassword+"@acme.example/\x7f")),
			call(t.Context(), "/x", WithAuth(BearerToken(brokenTokenSource{}))),
			call(t.Context(), "/x", WithHeader("X-Bad", leakHeaderVal+"\n")),
			call(t.Context(), "/x", WithAuth(HeaderToken("authorization", "token", leakGameKey+"\r\n"))),
		}
		cancel()
		for i, err := range errs {
			if err == nil {
				t.Errorf("%s: error path %d succeeded", name, i)
			}
			logger.Debug("call failed", "error", err)
			record(err)
		}
		e.CloseIdleConnections()
	}

	// Construction errors.
	for _, opts := range [][]Option{
		{WithBaseURL("https://" + leakEmail + ":" + leakPassword + "@acme.zendesk.com")},
		{WithBaseURL(leakEmail + ":" + leakPassword + "@acme")},
		{WithAuth(HeaderToken("bad header", "token", leakGameKey))},
		{WithAuth(BasicAuth("a:"+leakPassword, leakPassword))},
	} {
		_, err := NewEngine(Settings{DefaultBaseURL: "https://acme.zendesk.com"}, opts...)
		if err == nil {
			t.Errorf("NewEngine(%v) succeeded", opts)
		}
		record(err, opts[0])
	}
	record(Secret(leakPassword), WithAuth(nil))

	outputs = append(outputs, logs.String())
	if !strings.Contains(logs.String(), "sessions: retrying") || !strings.Contains(logs.String(), "status=401") {
		t.Errorf("debug log misses the calls:\n%s", logs.String())
	}
	all := strings.Join(outputs, "\n")
	for _, needle := range leakNeedles() {
		if i := strings.Index(all, needle); i >= 0 {
			lo, hi := max(0, i-200), min(len(all), i+len(needle)+50)
			t.Errorf("secret %q leaked:\n%s", needle, all[lo:hi])
		}
	}
	if strings.Contains(all, leakEmail+":") {
		t.Errorf("a user:password pair leaked")
	}
}
