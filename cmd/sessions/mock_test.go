package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/mockserver"
)

// mockProc is a "sessions mock" process, and the binary it runs.
type mockProc struct {
	bin    string
	cmd    *exec.Cmd
	info   mockInfo
	stderr *bytes.Buffer
	waited chan error
}

// built is the binary, built once per package run by buildSessions and
// removed by TestMain.
var built struct {
	once     sync.Once
	dir, bin string
	out      []byte
	err      error
}

// buildSessions builds the command, once per package run, and returns the
// binary's path.
func buildSessions(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "sessions-e2e-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "sessions")
		built.out, built.err = exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return built.bin
}

// startMock starts the binary's mock and reads what it prints once it
// listens. It is stopped with SIGTERM when the test ends.
func startMock(t *testing.T, bin string, args ...string) *mockProc {
	t.Helper()
	p := &mockProc{bin: bin, cmd: exec.Command(bin, append([]string{"--json", "mock"}, args...)...), stderr: new(bytes.Buffer), waited: make(chan error, 1)}
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.waited <- p.cmd.Wait() }()
	t.Cleanup(func() { _ = p.stop(syscall.SIGTERM) })
	line, err := bufio.NewReader(stdout).ReadBytes('\n')
	if err != nil {
		t.Fatalf("reading the mock's first line: %v (stderr: %s)", err, p.stderr)
	}
	if err := json.Unmarshal(line, &p.info); err != nil {
		t.Fatalf("the mock's first line %q: %v", line, err)
	}
	return p
}

// stop signals the mock and waits for it to exit.
func (p *mockProc) stop(sig os.Signal) error {
	if p.cmd.ProcessState != nil {
		return nil
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case err := <-p.waited:
		return err
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		return errors.New("the mock did not stop within 20s")
	}
}

// env is the environment that points the command at the mock.
func (p *mockProc) env() []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range p.info.Env {
		env = append(env, k+"="+v)
	}
	return env
}

// control calls the mock's control API and decodes its JSON answer into out.
func (p *mockProc) control(t *testing.T, base, method, path, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, base+mockserver.ControlPrefix+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json") // the control API takes JSON only
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return resp.StatusCode
}

// zendeskSessions dumps the Zendesk mock's sessions, by user.
func (p *mockProc) zendeskSessions(t *testing.T) map[int64][]int64 {
	t.Helper()
	out := make(map[int64][]int64)
	for _, s := range p.zendeskState(t).Sessions {
		out[s.UserID] = append(out[s.UserID], s.ID)
	}
	return out
}

// mockSeedFile writes a seed: the admin (user 1, one active session),
// user 2 with an idle and an active session, users 3 and 4 with active
// ones only.
func mockSeedFile(t *testing.T, now time.Time) string {
	t.Helper()
	idle, active := now.Add(-60*24*time.Hour).UTC().Format(time.RFC3339), now.Add(-time.Minute).UTC().Format(time.RFC3339)
	seed := fmt.Sprintf(`{
  "zendesk": {
    "users": [
      {"id": 1, "email": "admin@example.com", "role": "admin", "api_token": "e2e-token"},
      {"id": 2, "email": "two@example.com"}, {"id": 3, "email": "three@example.com"}, {"id": 4, "email": "four@example.com"}
    ],
    "sessions": [
      {"id": 101, "user_id": 1, "authenticated_at": %[2]q, "last_seen_at": %[2]q},
      {"id": 201, "user_id": 2, "authenticated_at": %[1]q, "last_seen_at": %[1]q},
      {"id": 202, "user_id": 2, "authenticated_at": %[2]q, "last_seen_at": %[2]q},
      {"id": 301, "user_id": 3, "authenticated_at": %[2]q, "last_seen_at": %[2]q},
      {"id": 401, "user_id": 4, "authenticated_at": %[2]q},
      {"id": 402, "user_id": 4, "authenticated_at": %[2]q, "last_seen_at": %[2]q}
    ]
  },
  "gameserver": {"api_tokens": ["e2e-edgegap"], "apps": [{"name": "e2e-game"}]}
}`, idle, active)
	path := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(path, []byte(seed), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMockEndToEnd builds the command, serves the mock from it and drives
// it with the command itself (across processes) and with net/http, judging
// each task by the mock's state.
func TestMockEndToEnd(t *testing.T) {
	bin := buildSessions(t)
	p := startMock(t, bin, "--state", mockSeedFile(t, time.Now()))
	if diff := cmp.Diff(map[string]string{
		envZendeskSubdomain: mockSubdomain, envZendeskEmail: "admin@example.com", envZendeskAPIToken: "e2e-token",
		envEdgegapAPIToken: "e2e-edgegap", envMockZendeskURL: p.info.ZendeskURL, envMockGameserverURL: p.info.GameserverURL,
	}, p.info.Env); diff != "" {
		t.Fatalf("printed environment (-want +got):\n%s", diff)
	}
	run := func(t *testing.T, stdin io.Reader, args ...string) (string, int) {
		t.Helper()
		r := p.run(t, stdin, args...)
		return r.stdout, r.code
	}
	reset := func(t *testing.T) {
		t.Helper()
		for _, base := range []string{p.info.ZendeskURL, p.info.GameserverURL} {
			if code := p.control(t, base, "POST", "/reset", "", nil); code != http.StatusOK {
				t.Fatalf("POST %s/__mock/reset: %d", base, code)
			}
		}
	}

	t.Run("idle revocation pipeline", func(t *testing.T) {
		reset(t)
		// list --idle | delete -, two processes joined by a pipe: only the
		// idle session of user 2 goes; the active one of the same user, and
		// every other session, stay.
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		list := exec.Command(bin, "--base-url", p.info.ZendeskURL, "zendesk", "list", "--idle", "720h", "--json")
		list.Env, list.Stdout = p.env(), w
		var listErr bytes.Buffer
		list.Stderr = &listErr
		if err := list.Start(); err != nil {
			t.Fatal(err)
		}
		w.Close()
		out, code := run(t, r, "--base-url", p.info.ZendeskURL, "zendesk", "delete", "--json", "-")
		r.Close()
		if err := list.Wait(); err != nil {
			t.Fatalf("list: %v: %s", err, listErr.String())
		}
		if code != 0 {
			t.Fatalf("delete -: exit %d: %s", code, out)
		}
		var rows []struct {
			UserID int64 `json:"user_id"`
			ID     int64 `json:"id"`
			OK     bool  `json:"ok"`
		}
		for line := range strings.Lines(out) {
			var row struct {
				UserID int64 `json:"user_id"`
				ID     int64 `json:"id"`
				OK     bool  `json:"ok"`
			}
			if err := json.Unmarshal([]byte(line), &row); err != nil {
				t.Fatalf("delete - printed %q: %v", line, err)
			}
			rows = append(rows, row)
		}
		if len(rows) != 1 || rows[0].UserID != 2 || rows[0].ID != 201 || !rows[0].OK {
			t.Errorf("delete - rows = %+v, want one ok row for user 2 session 201", rows)
		}
		want := map[int64][]int64{1: {101}, 2: {202}, 3: {301}, 4: {401, 402}}
		if diff := cmp.Diff(want, p.zendeskSessions(t)); diff != "" {
			t.Errorf("sessions after the pipeline (-want +got):\n%s", diff)
		}
	})

	t.Run("bulk job with an injected 429", func(t *testing.T) {
		reset(t)
		fault := `{"operation": "BulkDeleteSessionsByUserId", "status": 429, "retry_after": 1, "times": 1}`
		if code := p.control(t, p.info.ZendeskURL, "POST", "/faults", fault, nil); code != http.StatusCreated {
			t.Fatalf("POST /__mock/faults: %d", code)
		}
		out, code := run(t, nil, "--base-url", p.info.ZendeskURL, "zendesk", "delete-all", "--json", "--concurrency", "1", "3", "4")
		if code != 0 {
			t.Fatalf("delete-all: exit %d: %s", code, out)
		}
		if diff := cmp.Diff(map[int64][]int64{1: {101}, 2: {201, 202}}, p.zendeskSessions(t)); diff != "" {
			t.Errorf("sessions after the bulk job (-want +got):\n%s", diff)
		}
		var log []struct {
			Path   string `json:"path"`
			Status int    `json:"status"`
			Fault  bool   `json:"fault"`
		}
		p.control(t, p.info.ZendeskURL, "GET", "/requests?operation=BulkDeleteSessionsByUserId", "", &log)
		var got []string
		for _, e := range log {
			got = append(got, fmt.Sprintf("%s %d %v", e.Path, e.Status, e.Fault))
		}
		want := []string{"/api/v2/users/3/sessions 429 true", "/api/v2/users/3/sessions 204 false", "/api/v2/users/4/sessions 204 false"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("request log (-want +got):\n%s", diff)
		}
	})

	t.Run("game-server create --wait and bulk-stop through a 429", func(t *testing.T) {
		reset(t)
		gs := p.info.GameserverURL
		var ids []string
		for _, ip := range []string{"198.51.100.20", "198.51.100.21"} {
			out, code := run(t, nil, "--base-url", gs, "--json", "gameserver", "create", "--app", "e2e-game", "--ip", ip, "--wait")
			var created struct {
				ID    string `json:"session_id"`
				Ready bool   `json:"ready"`
			}
			if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &created); code != 0 || err != nil || created.ID == "" {
				t.Fatalf("create: exit %d: %q (%v)", code, out, err)
			}
			ids = append(ids, created.ID)
		}
		fault := `{"operation": "sessions-bulk-stop", "status": 429, "retry_after": "1", "times": 1}`
		if code := p.control(t, gs, "POST", "/faults", fault, nil); code != http.StatusCreated {
			t.Fatalf("POST /__mock/faults: %d", code)
		}
		if out, code := run(t, nil, "--base-url", gs, "--json", "gameserver", "bulk-stop", "--field", "session_id", "--type", "any", ids[0], ids[1]); code != 0 {
			t.Fatalf("bulk-stop: exit %d: %s", code, out)
		}
		st := p.gameserverState(t)
		var got []string
		for _, s := range st.Sessions {
			got = append(got, fmt.Sprintf("%s ready=%v terminated=%v", s.ID, s.Ready, s.Terminated))
		}
		want := []string{ids[0] + " ready=true terminated=true", ids[1] + " ready=true terminated=true"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("game-server sessions after bulk-stop (-want +got):\n%s", diff)
		}
		var log []struct {
			Status int  `json:"status"`
			Fault  bool `json:"fault"`
		}
		p.control(t, gs, "GET", "/requests?operation=sessions-bulk-stop", "", &log)
		if diff := cmp.Diff(`[{429 true} {200 false}]`, fmt.Sprint(log)); diff != "" {
			t.Errorf("bulk-stop requests (-want +got):\n%s", diff)
		}
	})

	t.Run("plain net/http", func(t *testing.T) {
		reset(t)
		do := func(method, url, auth, body string) (int, []byte) {
			t.Helper()
			req, err := http.NewRequest(method, url, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", auth)
			if body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, b
		}
		basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("admin@example.com/token:e2e-token"))
		if code, body := do("DELETE", p.info.ZendeskURL+"/api/v2/users/4/sessions/401", basic, ""); code != http.StatusNoContent {
			t.Fatalf("DELETE a session: %d %s", code, body)
		}
		if diff := cmp.Diff(map[int64][]int64{1: {101}, 2: {201, 202}, 3: {301}, 4: {402}}, p.zendeskSessions(t)); diff != "" {
			t.Errorf("sessions after DELETE (-want +got):\n%s", diff)
		}
		code, body := do("POST", p.info.GameserverURL+"/v1/session", "token e2e-edgegap", `{"app_name": "e2e-game", "ip_list": ["198.51.100.7"]}`)
		var created struct {
			SessionID string `json:"session_id"`
		}
		if err := json.Unmarshal(body, &created); code != http.StatusOK || err != nil || created.SessionID == "" {
			t.Fatalf("POST /v1/session: %d %s (%v)", code, body, err)
		}
		st := p.gameserverState(t)
		var ids []string
		for _, s := range st.Sessions {
			ids = append(ids, s.ID+" "+s.App+" "+s.Users[0].IP)
		}
		if diff := cmp.Diff([]string{created.SessionID + " e2e-game 198.51.100.7"}, ids); diff != "" {
			t.Errorf("game-server sessions (-want +got):\n%s", diff)
		}
		if code, body := do("GET", p.info.GameserverURL+"/v1/session/"+created.SessionID, "token wrong", ""); code != http.StatusUnauthorized {
			t.Errorf("a wrong key: %d %s", code, body)
		}
	})

	if err := p.stop(syscall.SIGTERM); err != nil {
		t.Errorf("SIGTERM: %v (stderr: %s)", err, p.stderr)
	}
	if !strings.Contains(p.stderr.String(), "sessions mock: stopped") {
		t.Errorf("stderr after SIGTERM: %q", p.stderr)
	}
}

// TestMockStopsOnInterrupt: Ctrl-C (SIGINT) stops the mock cleanly, with
// exit 0 and its listeners closed.
func TestMockStopsOnInterrupt(t *testing.T) {
	bin := buildSessions(t)
	p := startMock(t, bin, "--users", "1")
	if err := p.stop(syscall.SIGINT); err != nil {
		t.Fatalf("SIGINT: %v (stderr: %s)", err, p.stderr)
	}
	if _, err := http.Get(p.info.ZendeskURL + mockserver.ControlPrefix); err == nil {
		t.Error("the Zendesk mock still answers after SIGINT")
	}
	if !slices.Contains(strings.Split(strings.TrimSpace(p.stderr.String()), "\n"), "sessions mock: stopped") {
		t.Errorf("stderr: %q", p.stderr)
	}
}

// TestMockUsage: bad flags and bad state files are usage errors (exit 2)
// naming what is wrong, and nothing is left listening.
func TestMockUsage(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"state and seed flags", []string{"--state", write("ok.json", "{}"), "--users", "2"}, "--state and --users"},
		{"missing file", []string{"--state", filepath.Join(dir, "none.json")}, "--state: open"},
		{"unknown field", []string{"--state", write("bad.json", `{"zendesk": {"users": [{"id": 1, "mail": "x"}]}}`)}, `unknown field "mail"`},
		{"bad seed", []string{"--state", write("seed.json", `{"zendesk": {"sessions": [{"user_id": 7}]}}`)}, "unknown user 7"},
		{"bad address", []string{"--zendesk", "127.0.0.1:99999"}, `zendesk address "127.0.0.1:99999"`},
		{"idle above sessions", []string{"--sessions-per-user", "1", "--idle-sessions", "2"}, "--idle-sessions 2"},
		{"negative rate limit", []string{"--rate-limit", "-1"}, "--rate-limit -1"},
		{"argument", []string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, now: time.Now}
			code := a.run(t.Context(), append([]string{"mock"}, tt.args...))
			if code != exitUsage || !strings.Contains(errOut.String(), tt.want) || out.Len() != 0 {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, out.String(), errOut.String(), tt.want)
			}
		})
	}
}

// TestMockNamesWhatACommandNeeds: the default mock exports its OAuth client
// (ZENDESK_CLIENT_ID, ZENDESK_CLIENT_SECRET) beside the rest, and its banner
// and --json name the game app a create needs; a create of that app, with
// the printed environment, is a session the mock holds.
func TestMockNamesWhatACommandNeeds(t *testing.T) {
	bin := buildSessions(t)
	p := startMock(t, bin)
	if p.info.Env[envZendeskClientID] != mockOAuthClientID || p.info.Env[envZendeskClientSecret] != mockOAuthSecret {
		t.Errorf("--json environment %v lacks the OAuth client", p.info.Env)
	}
	if len(p.info.Apps) != 1 || len(p.info.Apps[0].Versions) == 0 {
		t.Fatalf("--json apps %+v, want the seeded app", p.info.Apps)
	}
	app := p.info.Apps[0].Name
	r := p.run(t, nil, "--base-url", p.info.GameserverURL, "--json", "gameserver", "create", "--app", app, "--ip", "198.51.100.7")
	var created struct {
		ID string `json:"session_id"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &created); r.code != exitOK || err != nil {
		t.Fatalf("create --app %s: exit %d, %q (%v)", app, r.code, r.stdout, err)
	}
	if got := p.gameserverState(t).Sessions; len(got) != 1 || got[0].ID != created.ID || got[0].App != app {
		t.Errorf("the mock holds %+v, want session %s of %s", got, created.ID, app)
	}

	// The banner, for people.
	cmd := exec.Command(bin, "mock")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	var banner strings.Builder
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		banner.WriteString(sc.Text() + "\n")
		if strings.HasPrefix(sc.Text(), "# Stop with Ctrl-C") {
			break
		}
	}
	for _, want := range []string{
		"export " + envZendeskClientID + "='" + mockOAuthClientID + "'\n",
		"export " + envZendeskClientSecret + "='" + mockOAuthSecret + "'\n",
		"  app " + app + ": ",
		"gameserver create --app '" + app + "' --ip ",
	} {
		if !strings.Contains(banner.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, banner.String())
		}
	}
}

// TestREADMEMockRecipe runs the README's mock recipe with the built binary
// on PATH, as "go install" puts it there: the idle sessions are revoked,
// and "kill $mock" stops the mock itself — nothing serves on its port once
// the recipe ends.
func TestREADMEMockRecipe(t *testing.T) {
	bin := buildSessions(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var recipe string
	for _, block := range strings.Split(string(readme), "```sh\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		if strings.Contains(block, "sessions mock > /tmp/mock.out &") {
			recipe = block
		}
	}
	if recipe == "" || !strings.Contains(recipe, "kill $mock") {
		t.Fatalf("the README has no mock recipe that stops its mock:\n%s", recipe)
	}
	recipe = strings.ReplaceAll(recipe, "/tmp/mock.out", filepath.Join(t.TempDir(), "mock.out"))
	recipe += "wait $mock\necho \"mock ended; url $SESSIONS_MOCK_ZENDESK_URL\"\n"
	cmd := exec.Command("bash", "-e", "-c", recipe)
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	done := make(chan struct{})
	var out []byte
	go func() { defer close(done); out, err = cmd.CombinedOutput() }()
	select {
	case <-done:
	case <-time.After(runTimeout):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the recipe still runs after %s:\n%s", runTimeout, out)
	}
	if err != nil && !strings.Contains(string(out), "mock ended") {
		t.Fatalf("the recipe failed: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`delete: (\d+) of \d+ done: \d+ ok, 0 failed`).Match(out) {
		t.Errorf("the recipe revoked nothing:\n%s", out)
	}
	m := regexp.MustCompile(`mock ended; url (\S+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("the recipe did not end its mock:\n%s", out)
	}
	if resp, err := http.Get(string(m[1]) + mockserver.ControlPrefix + "/state"); err == nil {
		resp.Body.Close()
		t.Errorf("the mock still serves at %s after the recipe", m[1])
	}
}
