package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions/api/zendesktest"
)

// TestDemo runs "sessions demo": every step passes, a 429 is retried and a
// typed error shown, exit code 0.
func TestDemo(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"demo"}, strings.NewReader(""), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, out.String(), errOut.String())
	}
	for _, s := range []string{
		"list (several pages)", "list by user", "show", "current", "renew", "delete all for a user", "logout",
		"429 with Retry-After: 1, waited 1s, then 200", "*zendesk.APIError, errors.Is(err, zendesk.ErrNotFound): status 404",
		"create, wait until ready", "users add", "users list", "users remove", "delete if exists", "bulk stop",
		"23 steps, 0 failed",
	} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("demo output lacks %q:\n%s", s, out.String())
		}
	}
	if strings.Contains(out.String(), "FAIL") {
		t.Errorf("a step failed:\n%s", out.String())
	}
}

// TestDemoFlag runs subcommands with --demo: no credentials needed.
func TestDemoFlag(t *testing.T) {
	f := newFixture(t, nil, nil)
	f.env = map[string]string{}
	r := f.run(t, context.Background(), "", "zendesk", "list", "--demo", "--json")
	mustCode(t, r, 0)
	if n := len(jsonLines(t, r.stdout)); n != 1+demoUsers*demoSessionsPerUser {
		t.Errorf("%d sessions, want the demo's %d", n, 1+demoUsers*demoSessionsPerUser)
	}
	r = f.run(t, context.Background(), "", "gameserver", "create", "--demo", "--app", demoApp, "--ip", "192.0.2.1", "--wait")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "is ready on ") {
		t.Errorf("create --wait --demo:\n%s", r.stdout)
	}
}

// TestVerbose logs each attempt — method, URL, status, duration, retries —
// and never a credential.
func TestVerbose(t *testing.T) {
	f := newFixture(t, []zendesktest.Option{
		zendesktest.WithFault(zendesktest.OpShowCurrentlyAuthenticatedSession, zendesktest.Fault{Status: 503, RetryAfter: "0", Times: 1}),
	}, nil)
	r := f.run(t, context.Background(), "", "zendesk", "current", "--verbose")
	mustCode(t, r, 0)
	for _, s := range []string{"method=GET", "/api/v2/users/me/session", "status=503", "status=200", "elapsed=", "retrying", "wait="} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("verbose log lacks %q:\n%s", s, r.stderr)
		}
	}
	basic := base64.StdEncoding.EncodeToString([]byte(demoAdminEmail + "/token:" + demoZendeskToken))
	for _, secret := range []string{demoZendeskToken, basic} {
		if strings.Contains(r.stderr, secret) || strings.Contains(r.stdout, secret) {
			t.Errorf("a credential was printed:\n%s", r.stderr)
		}
	}
}

// TestProgressOnTerminal draws the progress line when stderr is a terminal,
// and erases it at the end.
func TestProgressOnTerminal(t *testing.T) {
	f := newFixture(t, nil, nil)
	f.terminal = true
	r := f.run(t, context.Background(), "", "zendesk", "delete-all", "1001", "1002", "999")
	mustCode(t, r, 3)
	for _, s := range []string{"\r\x1b[Kdelete-all: 0/3 done, 0 failed", "delete-all: 3/3 done, 1 failed"} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("progress lacks %q: %q", s, r.stderr)
		}
	}
	if !strings.HasSuffix(r.stderr, "\r\x1b[K") {
		t.Errorf("progress line not erased at the end: %q", r.stderr)
	}
	f.terminal = false
	r = f.run(t, context.Background(), "", "zendesk", "delete-all", "1003")
	if r.stderr != "" {
		t.Errorf("progress drawn without a terminal: %q", r.stderr)
	}
}

// TestRunFromEnvironment runs run itself, as main does: credentials from
// the environment, a server on loopback reached through --base-url.
func TestRunFromEnvironment(t *testing.T) {
	srv := zendesktest.NewServer(t, zendeskDemoOptions(time.Now)...)
	t.Setenv(envZendeskSubdomain, "demo")
	t.Setenv(envZendeskEmail, "")
	t.Setenv(envZendeskAPIToken, "")
	t.Setenv(envZendeskOAuthToken, "")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"zendesk", "current", "--base-url", srv.URL}, strings.NewReader(""), &out, &errOut)
	if code != exitUsage || !strings.Contains(errOut.String(), "ZENDESK_API_TOKEN") {
		t.Fatalf("without credentials: exit %d, stderr %q", code, errOut.String())
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent without credentials", n)
	}
	t.Setenv(envZendeskEmail, demoAdminEmail)
	t.Setenv(envZendeskAPIToken, demoZendeskToken)
	out.Reset()
	errOut.Reset()
	code = run(context.Background(), []string{"zendesk", "current", "--base-url", srv.URL, "--json"}, strings.NewReader(""), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), `"id":10000000010`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].AuthScheme != "Basic" || reqs[0].Method != http.MethodGet {
		t.Errorf("requests: %+v", reqs)
	}
}
