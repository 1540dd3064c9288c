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

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Real-looking credentials that must never show up in any output.
const (
	leakEmail      = "agent@acme.example"
	leakAPIToken   = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv"
	leakPassword   = "Tr0ub4dor&3-horse-battery-staple"
	leakOAuthToken = "ya29.a0AfH6SMBxq-oauth-access-9f8e7d6c5b4a"
	leakGameKey    = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	leakHeaderVal  = "hdr-secret-77ab31c9"
	leakQueryToken = "qry-secret-5d2c81aa"
)

// leakNeedles are the secrets and their encodings on the wire.
func leakNeedles() []string {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	return []string{
		leakAPIToken, leakPassword, leakOAuthToken, leakGameKey, leakHeaderVal, leakQueryToken,
		b64(leakEmail + "/token:" + leakAPIToken), b64(leakEmail + ":" + leakPassword),
		"3-horse-battery", // a fragment, in case of truncation
	}
}

// brokenMinter fails every mint.
type brokenMinter struct{}

func (brokenMinter) Mint(context.Context, *Call) (Token, error) {
	return Token{}, errors.New("cannot fetch token: 401 Unauthorized")
}

// TestNoSecretsAnywhere configures every credential, drives every error
// path with debug logging on, formats engines, options, authenticators and
// errors with every verb, and checks that no credential appears anywhere.
func TestNoSecretsAnywhere(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the other origin got a request: %s %s", r.Method, r.URL)
	}))
	defer other.Close()
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
			fmt.Fprint(w, `{"error":"TooManyRequests","description":"Too Many Requests"}`)
		case "/html":
			w.WriteHeader(502)
			fmt.Fprint(w, "<html><title>Bad Gateway</title></html>")
		case "/slow":
			<-r.Context().Done()
		case "/away":
			http.Redirect(w, r, other.URL+"/x", http.StatusTemporaryRedirect)
		case "/reset":
			conn, buf, _ := w.(http.Hijacker).Hijack()
			_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"x")
			_ = buf.Flush()
			_ = conn.Close()
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

	retry := Retry(sessionkit.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, Jitter: -1})
	auths := map[string]Option{
		"api token": Auth("WithAPIToken", Basic(leakEmail+"/token", leakAPIToken)),
		"basic":     Auth("WithBasicAuth", Basic(leakEmail, leakPassword)),
		"minted":    minted("WithClientCredentials", staticMinter(leakOAuthToken), time.Minute, time.Second),
		"static":    Auth("WithOAuthToken", StaticHeader("Authorization", "Bearer", leakOAuthToken)),
		"game":      Auth("WithAPIToken", StaticHeader("authorization", "token", leakGameKey)),
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
				if ae, ok := errors.AsType[*sessionkit.APIError](e); ok {
					outputs = append(outputs, fmt.Sprint(ae.Header), string(ae.Body), ae.URL)
				}
				if re, ok := errors.AsType[*sessionkit.RedirectError](e); ok {
					outputs = append(outputs, re.Location, re.Reason)
				}
			}
		}
	}

	for name, authOpt := range auths {
		opts := []Option{authOpt, Logger(logger), retry, Header("X-Extra", leakHeaderVal)}
		record(opts[0], opts[3])
		engine := func(base string, extra ...Option) *Engine {
			e, err := newEngine(API{Name: "test", DefaultBaseURL: base, ErrorBody: testErrorBody}, append(opts, extra...)...)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			t.Cleanup(e.CloseIdleConnections)
			record(e.Describe("test.Client"))
			logger.Debug("engine built", "engine", e.Describe("test.Client"), "option", opts[0])
			return e
		}
		e := engine(srv.URL)
		dead := engine("http://" + deadAddr)
		send := func(ctx context.Context, e *Engine, path string, callOpts ...Option) error {
			req, err := http.NewRequest("GET", e.BaseURL()+path, nil)
			if err != nil {
				return err
			}
			return call(t, e, ctx, opFor("GET"), req, new(map[string]any), callOpts...)
		}
		short, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
		errs := []error{
			send(t.Context(), e, "/unauthorized?token="+leakQueryToken),
			send(t.Context(), e, "/limited?access_token="+leakQueryToken),
			send(t.Context(), e, "/html"),
			send(t.Context(), e, "/notjson"),
			send(short, e, "/slow"),
			send(t.Context(), e, "/away"),
			send(t.Context(), e, "/reset"),
			send(t.Context(), dead, "/x"),
			send(t.Context(), e, "/reset"),
			send(t.Context(), e, "/x", Header("X-Bad", leakHeaderVal+"\n")),
		}
		cancel()
		for i, err := range errs {
			if err == nil {
				t.Errorf("%s: error path %d succeeded", name, i)
			}
			logger.Debug("call failed", "error", err)
			record(err)
		}
	}

	// Construction errors and failing credentials.
	for _, opts := range [][]Option{
		{BaseURL("https://" + leakEmail + ":" + leakPassword + "@acme.zendesk.com")},
		{BaseURL(leakEmail + ":" + leakPassword + "@acme")},
		{BaseURL("http://agent:" + leakPassword + "@acme.example/\x7f")},
		{Auth("WithAPIToken", StaticHeader("bad header", "token", leakGameKey))},
		{Auth("WithAPIToken", StaticHeader("authorization", "token", leakGameKey+"\r\n"))},
		{Auth("WithBasicAuth", Basic("a:"+leakPassword, leakPassword))},
		{Auth("WithAPIToken", Basic(leakEmail, leakPassword)), Auth("WithOAuthToken", StaticHeader("Authorization", "Bearer", leakOAuthToken))},
	} {
		_, err := newEngine(API{Name: "test", DefaultBaseURL: "https://acme.zendesk.com"}, opts...)
		if err == nil {
			t.Errorf("newEngine(%v) succeeded", opts)
		}
		record(err, opts[0])
	}
	broken, err := newEngine(API{Name: "test", DefaultBaseURL: srv.URL}, minted("WithClientCredentials", brokenMinter{}, time.Minute, time.Second), Logger(logger))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", broken.BaseURL()+"/x", nil)
	err = call(t, broken, t.Context(), opFor("GET"), req, nil)
	if err == nil {
		t.Error("a failing token source succeeded")
	}
	record(err, Secret(leakPassword), Auth("WithAuth", nil))

	outputs = append(outputs, logs.String())
	if !strings.Contains(logs.String(), "test: retrying") || !strings.Contains(logs.String(), "status=401") {
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
