package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/mockserver"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// TestBinaryProxy runs the built binary between the CLI and a Zendesk fake
// standing in for the real service, whose answer to ShowSession is broken
// on purpose (user_id a string): the traffic passes unchanged, the report
// names exactly that field, no credential or email shows in the proxy's
// output or recording, and the recording seeds "sessions mock --state"
// with the sessions the answers showed.
func TestBinaryProxy(t *testing.T) {
	t.Parallel()
	const (
		email = "leaver.secret@acme.example"
		token = "proxy-e2e-api-token-9f8e7d"
	)
	at := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	fake := zendesktest.NewServer(t,
		zendesktest.WithUsers(zendesktest.User{ID: 7, Email: email, Role: zendesktest.RoleAdmin, APIToken: token}, zendesktest.User{ID: 8, Email: "other@acme.example"}),
		zendesktest.WithSessions(zendesktest.Session{ID: 701, UserID: 7, AuthenticatedAt: at, LastSeenAt: at.Add(time.Hour)},
			zendesktest.Session{ID: 801, UserID: 8, AuthenticatedAt: at.Add(-time.Hour)}))
	target, err := url.Parse(fake.URL)
	if err != nil {
		t.Fatal(err)
	}
	broken := regexp.MustCompile(`"user_id":(\d+)`)
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.ModifyResponse = func(resp *http.Response) error {
		if !strings.HasPrefix(resp.Request.URL.Path, "/api/v2/users/8/sessions/") {
			return nil
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		b = broken.ReplaceAll(b, []byte(`"user_id":"$1"`))
		resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
		resp.Header.Set("Content-Length", strconv.Itoa(len(b)))
		return nil
	}
	upstream := httptest.NewServer(rp)
	t.Cleanup(upstream.Close)

	bin := buildSessions(t)
	recording := filepath.Join(t.TempDir(), "recorded.json")
	proxy := exec.Command(bin, "proxy", "--api", "zendesk", "--upstream", upstream.URL, "--listen", "127.0.0.1:0", "--record", recording)
	var stdout bytes.Buffer
	proxy.Stdout = &stdout
	stderrPipe, err := proxy.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := proxy.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = proxy.Process.Kill() })
	stderr := bufio.NewReader(stderrPipe)
	first, err := stderr.ReadString('\n')
	if err != nil {
		t.Fatalf("the proxy's first line: %v", err)
	}
	addr := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(first)
	if addr == "" {
		t.Fatalf("no address in %q", first)
	}
	restErr := make(chan string, 1)
	go func() { b, _ := io.ReadAll(stderr); restErr <- string(b) }()

	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, append([]string{"--base-url", addr, "--json", "zendesk"}, args...)...)
		cmd.Env = append(os.Environ(), "ZENDESK_SUBDOMAIN=acme", "ZENDESK_EMAIL="+email, "ZENDESK_API_TOKEN="+token)
		out, _ := cmd.Output()
		return string(out), cmd.ProcessState.ExitCode()
	}
	if out, code := run("list"); code != exitOK || strings.Count(out, "\n") != 2 {
		t.Fatalf("list through the proxy: exit %d\n%s", code, out)
	}
	if out, code := run("show", "7", "701"); code != exitOK || !strings.Contains(out, `"id":701`) {
		t.Fatalf("show 7 701 through the proxy: exit %d\n%s", code, out)
	}
	if _, code := run("show", "8", "801"); code != exitAPI {
		t.Errorf("show 8 801 (broken answer): exit %d, want %d", code, exitAPI)
	}

	if err := proxy.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := proxy.Wait(); err != nil {
		t.Fatalf("the proxy: %v\n%s", err, <-restErr)
	}
	errText := first + <-restErr
	type violation struct {
		Operation, In, Field, Rule string
		Seen                       any
	}
	var got []violation
	for line := range strings.Lines(stdout.String()) {
		var v violation
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("report line %q: %v", line, err)
		}
		v.Rule = "" // the validator's wording
		got = append(got, v)
	}
	want := []violation{{Operation: "ShowSession", In: "response", Field: "/session/user_id", Seen: "8"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s\nstderr:\n%s", diff, errText)
	}
	if !strings.Contains(errText, "ShowSession response /session/user_id") {
		t.Errorf("stderr does not name the violation:\n%s", errText)
	}
	rec, err := os.ReadFile(recording)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"stdout": stdout.String(), "stderr": errText, "recording": string(rec)} {
		for _, secret := range []string{token, email, "other@acme.example"} {
			if strings.Contains(text, secret) {
				t.Errorf("the proxy's %s holds %q", name, secret)
			}
		}
	}

	mock := startMock(t, bin, "--state", recording)
	st := mock.zendeskState(t)
	var sessions []zendesktest.Session
	for _, s := range st.Sessions {
		sessions = append(sessions, zendesktest.Session{ID: s.ID, UserID: s.UserID, AuthenticatedAt: s.AuthenticatedAt, LastSeenAt: s.LastSeenAt})
	}
	wantSessions := []zendesktest.Session{{ID: 701, UserID: 7, AuthenticatedAt: at, LastSeenAt: at.Add(time.Hour)}, {ID: 801, UserID: 8, AuthenticatedAt: at.Add(-time.Hour)}}
	if diff := cmp.Diff(wantSessions, sessions); diff != "" {
		t.Errorf("the replayed mock's sessions (-want +got):\n%s", diff)
	}
	if _, err := mockserver.ParseState(bytes.NewReader(rec)); err != nil {
		t.Errorf("the recording is not a state file: %v", err)
	}
}
