package main

// End-to-end tests of the built binary against "sessions mock": each runs
// the command as a user would and judges it by the mock's end state
// (GET /__mock/state) and request log (GET /__mock/requests), not only by
// what it printed.

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/mockserver"
	"github.com/sessionkit/sessions/api/zendesktest"
	ggen "github.com/sessionkit/sessions/gen/gameserver"
	zgen "github.com/sessionkit/sessions/gen/zendesk"
)

// runTimeout bounds one run of the binary: a run that hangs is killed and
// fails its test instead of the whole package.
const runTimeout = 30 * time.Second

// cliRun is a finished run of the binary.
type cliRun struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// command returns the binary with args, its environment pointing at the
// mock, with env's overrides ("" removes a variable).
func (p *mockProc) command(ctx context.Context, env map[string]string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, p.bin, args...)
	for _, kv := range p.env() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := env[k]; !ok {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for k, v := range env {
		if v != "" {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	return cmd
}

// run runs the binary to its end.
func (p *mockProc) run(t *testing.T, stdin io.Reader, args ...string) cliRun {
	t.Helper()
	return p.runEnv(t, nil, stdin, args...)
}

// runEnv runs the binary to its end with env's overrides.
func (p *mockProc) runEnv(t *testing.T, env map[string]string, stdin io.Reader, args ...string) cliRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := p.command(ctx, env, args...)
	var out, errOut strings.Builder
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &out, &errOut
	start := time.Now()
	err := cmd.Run()
	r := cliRun{stdout: out.String(), stderr: errOut.String(), took: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("sessions %s: still running after %s; killed\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), runTimeout, r.stdout, r.stderr)
	}
	if _, ok := errors.AsType[*exec.ExitError](err); err != nil && !ok {
		t.Fatal(err)
	}
	r.code = cmd.ProcessState.ExitCode()
	if r.code != 0 {
		t.Logf("sessions %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// cliProc is a running binary whose output the test reads line by line.
type cliProc struct {
	cmd      *exec.Cmd
	stdout   chan string // each line, then closed
	stderr   chan string
	outLines []string // every stdout line read, once the process has ended
	errLines []string
	readers  sync.WaitGroup
}

// start starts the binary with the mock's environment. With ignoreSIGINT
// it starts with SIGINT ignored, as a background job of a script does.
func (p *mockProc) start(t *testing.T, ignoreSIGINT bool, stdin string, args ...string) *cliProc {
	t.Helper()
	cmd := p.command(context.Background(), nil, args...)
	if ignoreSIGINT {
		// sh sets SIGINT to ignored and execs the binary, which inherits it.
		shell := exec.Command("sh", append([]string{"-c", `trap '' INT; exec "$0" "$@"`, p.bin}, args...)...)
		shell.Env = cmd.Env
		cmd = shell
	}
	cmd.Stdin = strings.NewReader(stdin)
	c := &cliProc{cmd: cmd, stdout: make(chan string, 1000), stderr: make(chan string, 1000)}
	read := func(r io.Reader, ch chan string, all *[]string) {
		defer close(ch)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			*all = append(*all, sc.Text())
			ch <- sc.Text()
		}
	}
	for _, s := range []struct {
		pipe func() (io.ReadCloser, error)
		ch   chan string
		all  *[]string
	}{{cmd.StdoutPipe, c.stdout, &c.outLines}, {cmd.StderrPipe, c.stderr, &c.errLines}} {
		r, err := s.pipe()
		if err != nil {
			t.Fatal(err)
		}
		c.readers.Go(func() { read(r, s.ch, s.all) })
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			c.readers.Wait()
			_ = cmd.Wait()
		}
	})
	return c
}

// awaitLine reads ch until a line contains s; it fails the test when the
// output ends first or nothing comes for runTimeout.
func awaitLine(t *testing.T, ch <-chan string, s string) string {
	t.Helper()
	timeout := time.After(runTimeout)
	for {
		select {
		case line, ok := <-ch:
			if !ok {
				t.Fatalf("the output ended without a line containing %q", s)
			}
			if strings.Contains(line, s) {
				return line
			}
		case <-timeout:
			t.Fatalf("no line containing %q within %s", s, runTimeout)
		}
	}
}

// signal sends sig to the process.
func (c *cliProc) signal(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := c.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// wait waits for the process to end and returns what it printed.
func (c *cliProc) wait(t *testing.T) cliRun {
	t.Helper()
	ended := make(chan struct{})
	go func() {
		for range c.stdout {
		}
		for range c.stderr {
		}
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(runTimeout):
		_ = c.cmd.Process.Kill()
		<-ended
		t.Fatalf("still running after %s; killed", runTimeout)
	}
	c.readers.Wait()
	err := c.cmd.Wait()
	if _, ok := errors.AsType[*exec.ExitError](err); err != nil && !ok {
		t.Fatal(err)
	}
	return cliRun{stdout: strings.Join(c.outLines, "\n"), stderr: strings.Join(c.errLines, "\n"), code: c.cmd.ProcessState.ExitCode()}
}

// csvTricky is the seeded game-server session's custom id: a CSV field
// that needs RFC 4180 quoting.
const csvTricky = "lobby \"7\", eu\nwest"

// e2eSeed writes the seed of the end-to-end tests: the admin (user 1, one
// active session 101) and users 2 to 7, each with an idle session (U01)
// and an active one (U02); on the game server, an app and a ready session
// on a deployment, created at a time with microseconds.
func e2eSeed(t *testing.T) string {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Second)
	idle, active := now.Add(-60*24*time.Hour), now.Add(-time.Minute)
	st := mockserver.State{
		Zendesk: mockserver.ZendeskState{
			Users:    []zendesktest.User{{ID: 1, Email: "admin@example.com", Role: "admin", APIToken: "e2e-token"}},
			Sessions: []zendesktest.Session{{ID: 101, UserID: 1, AuthenticatedAt: active.Add(-time.Hour), LastSeenAt: active}},
		},
		Gameserver: mockserver.GameserverState{
			APITokens:   []string{"e2e-edgegap"},
			Apps:        []gameservertest.App{{Name: "e2e-game", Versions: []gameservertest.AppVersion{{Name: "v1"}}}},
			Deployments: []gameservertest.Deployment{{RequestID: "d1", Tags: []string{"eu"}}},
			Sessions: []gameservertest.Session{{ID: "seeded-S", CustomID: csvTricky, App: "e2e-game", Version: "v1", Users: []gameservertest.User{{IP: "198.51.100.50"}},
				DeploymentRequestID: "d1", Ready: true, CreateTime: time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)}},
		},
	}
	for u := int64(2); u <= 7; u++ {
		st.Zendesk.Users = append(st.Zendesk.Users, zendesktest.User{ID: u, Email: fmt.Sprintf("user%d@example.com", u)})
		st.Zendesk.Sessions = append(st.Zendesk.Sessions,
			zendesktest.Session{ID: u*100 + 1, UserID: u, AuthenticatedAt: idle.Add(-time.Hour), LastSeenAt: idle},
			zendesktest.Session{ID: u*100 + 2, UserID: u, AuthenticatedAt: active.Add(-time.Hour)}) // never seen since: last_seen_at null
	}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// startE2E builds the binary (once) and starts a mock seeded by e2eSeed,
// with extra mock flags.
func startE2E(t *testing.T, flags ...string) *mockProc {
	t.Helper()
	return startMock(t, buildSessions(t), append([]string{"--state", e2eSeed(t)}, flags...)...)
}

// fault queues a fault on the mock at base.
func (p *mockProc) fault(t *testing.T, base, fault string) {
	t.Helper()
	if code := p.control(t, base, "POST", "/faults", fault, nil); code != http.StatusCreated {
		t.Fatalf("POST /__mock/faults %s: %d", fault, code)
	}
}

// loggedRequest is an entry of the mock's request log.
type loggedRequest struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Status int    `json:"status"` // 0 while (or when never) answered
	Fault  bool   `json:"fault"`
}

// requests is the request log of one operation of the mock at base.
func (p *mockProc) requests(t *testing.T, base, operation string) []loggedRequest {
	t.Helper()
	var log []loggedRequest
	if code := p.control(t, base, "GET", "/requests?operation="+operation, "", &log); code != http.StatusOK {
		t.Fatalf("GET /__mock/requests: %d", code)
	}
	return log
}

// clearRequests empties the request log of both mocks.
func (p *mockProc) clearRequests(t *testing.T) {
	t.Helper()
	for _, base := range []string{p.info.ZendeskURL, p.info.GameserverURL} {
		if code := p.control(t, base, "DELETE", "/requests", "", nil); code != http.StatusNoContent {
			t.Fatalf("DELETE /__mock/requests: %d", code)
		}
	}
}

// untilLogged polls the request log of operation until ok says it holds
// what the test waits for.
func (p *mockProc) untilLogged(t *testing.T, base, operation string, ok func([]loggedRequest) bool) {
	t.Helper()
	deadline := time.Now().Add(runTimeout)
	for {
		log := p.requests(t, base, operation)
		if ok(log) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("request log of %s: %+v", operation, log)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// counted reports whether log holds answered requests with these statuses
// and pending ones still unanswered.
func counted(answered, pending int) func([]loggedRequest) bool {
	return func(log []loggedRequest) bool {
		a, p := 0, 0
		for _, r := range log {
			if r.Status == 0 {
				p++
			} else {
				a++
			}
		}
		return a == answered && p == pending
	}
}

// stateOf dumps the state of the mock at base.
func stateOf[S any](t *testing.T, p *mockProc, base string) S {
	t.Helper()
	var st S
	if code := p.control(t, base, "GET", "/state", "", &st); code != http.StatusOK {
		t.Fatalf("GET %s/__mock/state: %d", base, code)
	}
	return st
}

// gameserverState dumps the game-server mock's state.
func (p *mockProc) gameserverState(t *testing.T) mockserver.GameserverState {
	t.Helper()
	return stateOf[mockserver.GameserverState](t, p, p.info.GameserverURL)
}

// zendeskState dumps the Zendesk mock's state.
func (p *mockProc) zendeskState(t *testing.T) mockserver.ZendeskState {
	t.Helper()
	return stateOf[mockserver.ZendeskState](t, p, p.info.ZendeskURL)
}

// Keys name the items of a Zendesk bulk job the same way in its output,
// the request log and the state: "U" for a user (delete-all), "U/S" for a
// session (delete -).

// zendeskPath matches the paths of the bulk jobs' requests.
var zendeskPath = regexp.MustCompile(`^/api/v2/users/(\d+)/sessions(?:/(\d+))?$`)

// keyOfPath is the key of a request's path.
func keyOfPath(t *testing.T, path string) string {
	t.Helper()
	m := zendeskPath.FindStringSubmatch(path)
	if m == nil {
		t.Fatalf("request path %q is not a bulk job's", path)
	}
	if m[2] == "" {
		return m[1]
	}
	return m[1] + "/" + m[2]
}

// report is what a bulk job's JSON lines say of each item, by key.
type report struct {
	OK, Failed, Unconfirmed, Skipped []string
}

// sorted returns r with each list sorted, for comparison.
func (r report) sorted() report {
	for _, l := range []*[]string{&r.OK, &r.Failed, &r.Unconfirmed, &r.Skipped} {
		slices.Sort(*l)
	}
	return r
}

// parseReport reads a Zendesk bulk job's JSON lines; every line must be an
// item's, and each item comes once.
func parseReport(t *testing.T, stdout string) (report, []string) {
	t.Helper()
	var r report
	var lines []string // the "ok": false lines, to pipe back in
	seen := map[string]bool{}
	for line := range strings.Lines(stdout) {
		var item struct {
			ID          int64 `json:"id"`
			UserID      int64 `json:"user_id"`
			OK          bool  `json:"ok"`
			Skipped     bool  `json:"skipped"`
			Unconfirmed bool  `json:"unconfirmed"`
		}
		dec := json.NewDecoder(strings.NewReader(line))
		if err := dec.Decode(&item); err != nil || item.ID == 0 {
			t.Fatalf("line %q is not an item's result (%v)", line, err)
		}
		key := strconv.FormatInt(item.ID, 10)
		if item.UserID != 0 {
			key = fmt.Sprintf("%d/%d", item.UserID, item.ID)
		}
		if seen[key] {
			t.Errorf("item %s reported twice", key)
		}
		seen[key] = true
		switch {
		case item.OK:
			r.OK = append(r.OK, key)
		case item.Skipped:
			r.Skipped = append(r.Skipped, key)
		case item.Unconfirmed:
			r.Unconfirmed = append(r.Unconfirmed, key)
		default:
			r.Failed = append(r.Failed, key)
		}
		if !item.OK {
			lines = append(lines, strings.TrimSpace(line))
		}
	}
	return r.sorted(), lines
}

// zendeskBulk is a Zendesk bulk command of the tests, with the keys of the
// items it is given and of those gone from a state.
type zendeskBulk struct {
	name      string
	operation string   // the operationId of its requests
	args      []string // after "zendesk"
	stdin     string
	items     []string
}

// zendeskBulks are delete-all of users 2 to 7, and delete - of their idle
// sessions, read as "list --idle 720h --json" prints them.
func zendeskBulks() []zendeskBulk {
	var users, sessions, lines []string
	for u := 2; u <= 7; u++ {
		users = append(users, strconv.Itoa(u))
		sessions = append(sessions, fmt.Sprintf("%d/%d", u, u*100+1))
		lines = append(lines, fmt.Sprintf(`{"id":%d,"user_id":%d,"authenticated_at":null,"last_seen_at":null,"url":""}`, u*100+1, u))
	}
	return []zendeskBulk{
		{name: "delete-all", operation: "BulkDeleteSessionsByUserId", args: []string{"delete-all", "-"}, stdin: strings.Join(users, "\n"), items: users},
		{name: "delete -", operation: "DeleteSession", args: []string{"delete", "-"}, stdin: strings.Join(lines, "\n"), items: sessions},
	}
}

// gone lists the job's items the state no longer has: users without a
// session, sessions deleted.
func (b zendeskBulk) gone(st mockserver.ZendeskState) []string {
	have := map[string]bool{}
	for _, s := range st.Sessions {
		have[strconv.FormatInt(s.UserID, 10)] = true
		have[fmt.Sprintf("%d/%d", s.UserID, s.ID)] = true
	}
	var out []string
	for _, it := range b.items {
		if !have[it] {
			out = append(out, it)
		}
	}
	slices.Sort(out)
	return out
}

// resume pipes the "ok": false lines of a run back into the command (args)
// and checks that exactly the items want are requested again, once each,
// that they are reported done, and that every item of the job is gone at
// the end. It returns the end state and the resumed run's output.
func (b zendeskBulk) resume(t *testing.T, p *mockProc, args, lines, want []string) (mockserver.ZendeskState, string) {
	t.Helper()
	p.clearRequests(t)
	r := p.run(t, strings.NewReader(strings.Join(lines, "\n")+"\n"), args...)
	if r.code != exitOK {
		t.Fatalf("resumed run: exit %d\n%s", r.code, r.stderr)
	}
	var requested []string
	for _, req := range p.requests(t, p.info.ZendeskURL, b.operation) {
		requested = append(requested, keyOfPath(t, req.Path))
	}
	slices.Sort(requested)
	want = slices.Sorted(slices.Values(want))
	if diff := cmp.Diff(want, requested); diff != "" {
		t.Errorf("requests of the resumed run (-want +requested):\n%s", diff)
	}
	if got, _ := parseReport(t, r.stdout); !cmp.Equal(got, report{OK: want}) {
		t.Errorf("resumed run reports %+v, want %v ok", got, want)
	}
	st := p.zendeskState(t)
	if diff := cmp.Diff(b.items, b.gone(st)); diff != "" {
		t.Errorf("gone at the end (-want +got):\n%s", diff)
	}
	return st, r.stdout
}

// deleteDirectly deletes an item of a bulk job over the Zendesk API, as
// the mock's admin: a request the job cut short that went through after
// all.
func (p *mockProc) deleteDirectly(t *testing.T, key string) {
	t.Helper()
	user, session, _ := strings.Cut(key, "/")
	path := "/api/v2/users/" + user + "/sessions"
	if session != "" {
		path += "/" + session
	}
	req, err := http.NewRequest(http.MethodDelete, p.info.ZendeskURL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(p.info.Env[envZendeskEmail]+"/token", p.info.Env[envZendeskAPIToken])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE %s: %d", path, resp.StatusCode)
	}
}

// TestBinaryInterrupt: SIGINT to a bulk job whose requests hang. The first
// one starts nothing new and announces the grace; the requests in flight
// that finish within it are reported done, the rest are cut short at its
// end and reported "ok": false, unconfirmed; the items not started are
// reported "ok": false, skipped; exit 130. The server's end state shows the
// report is true: "ok": true for exactly the items gone; the "ok": false
// lines piped back in do the rest, and only the rest, and count a session
// cut short that went through after all as done. A second SIGINT
// during the grace quits at once (130), leaving the rest undone. Both hold
// for a binary started with SIGINT at its default disposition and with it
// ignored (a background job of a script).
func TestBinaryInterrupt(t *testing.T) {
	t.Parallel()
	for _, ignored := range []bool{false, true} {
		disposition := "default"
		if ignored {
			disposition = "ignored"
		}
		for _, job := range zendeskBulks() {
			if ignored && job.name != "delete-all" {
				continue // the disposition does not depend on the command
			}
			t.Run(disposition+" disposition/"+job.name+"/grace, then cut short", func(t *testing.T) {
				t.Parallel()
				p := startE2E(t)
				z := p.info.ZendeskURL
				// The first two requests are answered at once, the third hangs,
				// the fourth answers within the grace; two users are left.
				p.fault(t, z, `{"operation": "`+job.operation+`", "delay": "1ms", "times": 2}`)
				p.fault(t, z, `{"operation": "`+job.operation+`", "delay": "1h", "times": 1}`)
				p.fault(t, z, `{"operation": "`+job.operation+`", "delay": "1500ms", "times": 1}`)
				c := p.start(t, ignored, job.stdin, append([]string{"--base-url", z, "--json", "zendesk"}, append(job.args, "--concurrency", "2")...)...)
				awaitLine(t, c.stdout, `"ok":true`)
				awaitLine(t, c.stdout, `"ok":true`)
				p.untilLogged(t, z, job.operation, counted(2, 2))
				c.signal(t, os.Interrupt)
				awaitLine(t, c.stderr, "sessions: interrupted: starting nothing new; requests in flight have 2s to finish")
				r := c.wait(t)
				if r.code != exitSignal {
					t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, exitSignal, r.stdout, r.stderr)
				}
				got, notOK := parseReport(t, r.stdout)

				// What the server did: the answered requests' items are gone,
				// the one cut short is not, nothing else was asked.
				var want report
				requested := map[string]bool{}
				for _, req := range p.requests(t, z, job.operation) {
					key := keyOfPath(t, req.Path)
					requested[key] = true
					if req.Status == 0 {
						want.Unconfirmed = append(want.Unconfirmed, key)
					} else {
						want.OK = append(want.OK, key)
					}
				}
				for _, it := range job.items {
					if !requested[it] {
						want.Skipped = append(want.Skipped, it)
					}
				}
				want = want.sorted()
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("report against the request log (-server +report):\n%s", diff)
				}
				if diff := cmp.Diff(job.gone(p.zendeskState(t)), got.OK); diff != "" {
					t.Errorf(`items gone from the state against those reported "ok": true (-state +report):\n%s`, diff)
				}
				if len(got.OK) != 3 || len(got.Unconfirmed) != 1 || len(got.Skipped) != 2 {
					t.Errorf("report %+v: want 3 done (one within the grace), 1 cut short, 2 not started", got)
				}
				if want := "unconfirmed (sent, no answer; may have been done): " + strings.Join(got.Unconfirmed, " "); !strings.Contains(r.stderr, want) {
					t.Errorf("summary lacks %q:\n%s", want, r.stderr)
				}
				// The request cut short went through after all; the "ok": false
				// lines piped back in cover the rest, and count the one gone by
				// then as done.
				for _, key := range got.Unconfirmed {
					p.deleteDirectly(t, key)
				}
				_, out := job.resume(t, p, append([]string{"--base-url", z, "--json", "zendesk"}, job.args...), notOK, append(got.Unconfirmed, got.Skipped...))
				if job.name == "delete -" && !strings.Contains(out, `"detail":"already gone: the earlier, unanswered request went through"`) {
					t.Errorf("the resumed run does not say the cut-short session was gone already:\n%s", out)
				}
			})
		}
		t.Run(disposition+" disposition/second SIGINT quits at once", func(t *testing.T) {
			t.Parallel()
			p := startE2E(t)
			z := p.info.ZendeskURL
			p.fault(t, z, `{"operation": "BulkDeleteSessionsByUserId", "delay": "1h"}`)
			before := p.zendeskState(t)
			c := p.start(t, ignored, "", "--base-url", z, "--json", "zendesk", "delete-all", "--concurrency", "2", "2", "3", "4", "5")
			p.untilLogged(t, z, "BulkDeleteSessionsByUserId", counted(0, 2))
			c.signal(t, os.Interrupt)
			awaitLine(t, c.stderr, "Ctrl-C again quits at once")
			time.Sleep(2 * oneCtrlC) // closer, it would count as the same Ctrl-C
			c.signal(t, os.Interrupt)
			r := c.wait(t)
			if r.code != exitSignal {
				t.Fatalf("exit %d, want %d\nstderr:\n%s", r.code, exitSignal, r.stderr)
			}
			// At once: the grace was not waited out, so neither the cut-short
			// lines nor the summary came.
			if r.stdout != "" || strings.Contains(r.stderr, "delete-all: interrupted") || !strings.Contains(r.stderr, "sessions: interrupted again: quitting at once") {
				t.Errorf("stdout %q, stderr:\n%s\nwant no result lines, no summary, the quitting notice", r.stdout, r.stderr)
			}
			if diff := cmp.Diff(before, p.zendeskState(t)); diff != "" {
				t.Errorf("state (-before +after):\n%s", diff)
			}
		})
	}
}

// TestBinarySIGINTBurst: two SIGINTs at once (a terminal, or "timeout -s
// INT", signals the whole process group) count as one Ctrl-C: the job
// stops as after one, lets the requests in flight use the grace, reports
// every item and its summary, and exits 130; nothing it did not report is
// gone from the server.
func TestBinarySIGINTBurst(t *testing.T) {
	t.Parallel()
	p := startE2E(t)
	z := p.info.ZendeskURL
	p.fault(t, z, `{"operation": "BulkDeleteSessionsByUserId", "delay": "1h"}`)
	before := p.zendeskState(t)
	c := p.start(t, false, "", "--base-url", z, "--json", "zendesk", "delete-all", "--concurrency", "2", "2", "3", "4", "5")
	p.untilLogged(t, z, "BulkDeleteSessionsByUserId", counted(0, 2))
	c.signal(t, os.Interrupt)
	c.signal(t, os.Interrupt)
	r := c.wait(t)
	if r.code != exitSignal {
		t.Fatalf("exit %d, want %d\nstderr:\n%s", r.code, exitSignal, r.stderr)
	}
	if strings.Contains(r.stderr, "interrupted again") || !strings.Contains(r.stderr, "delete-all: interrupted: 2 of 4 done: 0 ok, 2 failed (2 of them unconfirmed), 2 not started") {
		t.Errorf("stderr does not report the job as after one Ctrl-C:\n%s", r.stderr)
	}
	got, _ := parseReport(t, r.stdout)
	if diff := cmp.Diff(report{Unconfirmed: []string{"2", "3"}, Skipped: []string{"4", "5"}}, got); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, p.zendeskState(t)); diff != "" {
		t.Errorf("state (-before +after):\n%s", diff)
	}
}

// TestBinaryResume: a bulk job where some items fail (403, twice) exits 3;
// its "ok": false lines piped back in retry exactly the failed items, once
// each, and at the end every item is gone. For delete -, the active
// sessions of the same users stay.
func TestBinaryResume(t *testing.T) {
	t.Parallel()
	for _, job := range zendeskBulks() {
		t.Run(job.name, func(t *testing.T) {
			t.Parallel()
			p := startE2E(t)
			z := p.info.ZendeskURL
			seed := p.zendeskState(t)
			p.fault(t, z, `{"operation": "`+job.operation+`", "status": 403, "times": 2}`)
			args := append([]string{"--base-url", z, "--json", "zendesk"}, append(job.args, "--concurrency", "3")...)
			first := p.run(t, strings.NewReader(job.stdin), args...)
			if first.code != exitPartial {
				t.Fatalf("first run: exit %d, want %d\n%s", first.code, exitPartial, first.stderr)
			}
			got, failedLines := parseReport(t, first.stdout)
			if len(got.Failed) != 2 || len(got.OK) != len(job.items)-2 || got.Skipped != nil || got.Unconfirmed != nil {
				t.Fatalf("first run: %+v; want 2 failed, the rest ok", got)
			}
			var wantGone []string
			for _, it := range job.items {
				if !slices.Contains(got.Failed, it) {
					wantGone = append(wantGone, it)
				}
			}
			if diff := cmp.Diff(wantGone, job.gone(p.zendeskState(t))); diff != "" {
				t.Errorf("gone after the first run (-want +got):\n%s", diff)
			}

			st, _ := job.resume(t, p, args, failedLines, got.Failed)
			// What is left is what the job was not about: the admin's
			// session, and for delete - the users' active sessions.
			var left, wantLeft []int64
			for _, s := range st.Sessions {
				left = append(left, s.ID)
			}
			for _, s := range seed.Sessions {
				if s.UserID == 1 || job.name == "delete -" && s.ID%100 == 2 {
					wantLeft = append(wantLeft, s.ID)
				}
			}
			if diff := cmp.Diff(wantLeft, left); diff != "" {
				t.Errorf("sessions left (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBinaryWaitFails: a wait that fails, from create --wait and from
// wait, by --timeout (exit 1) or by SIGINT (exit 130), names the session
// and the command that deletes it; the server still holds exactly that
// session, and the command named deletes it. With --delete-on-failure the
// session is deleted instead.
func TestBinaryWaitFails(t *testing.T) {
	t.Parallel()
	for _, wait := range []string{"create --wait", "wait"} {
		for _, interrupt := range []bool{false, true} {
			for _, deleteOnFailure := range []bool{false, true} {
				name := wait
				if interrupt {
					name += ", SIGINT"
				}
				if deleteOnFailure {
					name += ", --delete-on-failure"
				}
				t.Run(name, func(t *testing.T) { waitFails(t, wait, interrupt, deleteOnFailure) })
			}
		}
	}
}

// waitFails is a case of TestBinaryWaitFails.
func waitFails(t *testing.T, wait string, interrupt, deleteOnFailure bool) {
	t.Parallel()
	p := startE2E(t, "--ready-after-polls", "0", "--ready-after", "1h") // never ready in time
	g := p.info.GameserverURL
	create := []string{"--base-url", g, "--json", "gameserver", "create", "--app", "e2e-game", "--ip", "198.51.100.60"}
	timeout, code, why := []string{"--timeout", "300ms"}, exitAPI, "timed out after --timeout 300ms"
	if interrupt {
		timeout, code, why = nil, exitSignal, "interrupted"
	}
	args := append(append(create, "--wait"), timeout...)
	var id string
	if wait == "wait" {
		r := p.run(t, nil, create...)
		var created struct {
			ID string `json:"session_id"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &created); r.code != 0 || err != nil {
			t.Fatalf("create: exit %d: %q (%v)", r.code, r.stdout, err)
		}
		id = created.ID
		args = append([]string{"--base-url", g, "--json", "gameserver", "wait", id}, timeout...)
	}
	if deleteOnFailure {
		args = append(args, "--delete-on-failure")
	}
	var r cliRun
	if interrupt {
		c := p.start(t, false, "", args...)
		p.untilLogged(t, g, "get-session", func(log []loggedRequest) bool { return len(log) > 0 && log[0].Status != 0 }) // waiting
		c.signal(t, os.Interrupt)
		r = c.wait(t)
	} else {
		r = p.run(t, nil, args...)
	}
	if r.code != code || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q; want %d and nothing on stdout\nstderr:\n%s", r.code, r.stdout, code, r.stderr)
	}
	if id == "" {
		m := regexp.MustCompile(`created session (\S+) `).FindStringSubmatch(r.stderr)
		if m == nil {
			t.Fatalf("stderr names no created session:\n%s", r.stderr)
		}
		id = m[1]
	}
	if want := "session " + id + " is not ready: " + why; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	var held []string
	for _, s := range p.gameserverState(t).Sessions {
		if s.ID != "seeded-S" {
			held = append(held, s.ID)
		}
	}
	if deleteOnFailure {
		if held != nil || !strings.Contains(r.stderr, "deleted session "+id+" (--delete-on-failure)") {
			t.Errorf("sessions held %v after --delete-on-failure; stderr:\n%s", held, r.stderr)
		}
		return
	}
	if diff := cmp.Diff([]string{id}, held); diff != "" {
		t.Errorf("sessions the server holds (-named +held):\n%s", diff)
	}
	m := regexp.MustCompile(`delete it with: sessions (gameserver delete \S+)`).FindStringSubmatch(r.stderr)
	if m == nil || m[1] != "gameserver delete "+id {
		t.Fatalf("stderr names no delete command for %s:\n%s", id, r.stderr)
	}
	if d := p.run(t, nil, append([]string{"--base-url", g}, strings.Fields(m[1])...)...); d.code != 0 {
		t.Fatalf("the named command: exit %d: %s", d.code, d.stderr)
	}
	if st := p.gameserverState(t); len(st.Sessions) != 1 {
		t.Errorf("after the named command the server holds %+v, want only the seeded session", st.Sessions)
	}
}

// TestBinaryWaitRidesOutBlips: with four 503s queued on get-session,
// "create --wait --timeout 2m" goes on polling through them and ends with
// the session ready, as the server holds it; the request log shows the
// failed polls and the one that found it ready.
func TestBinaryWaitRidesOutBlips(t *testing.T) {
	t.Parallel()
	p := startE2E(t)
	g := p.info.GameserverURL
	p.fault(t, g, `{"operation": "get-session", "status": 503, "times": 4}`)
	r := p.run(t, nil, "--base-url", g, "--json", "gameserver", "create", "--app", "e2e-game", "--ip", "198.51.100.61", "--wait", "--timeout", "2m")
	if r.code != exitOK {
		t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	var out struct {
		ID      string `json:"session_id"`
		Session *struct {
			Ready bool `json:"ready"`
		} `json:"session"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || out.Session == nil || !out.Session.Ready {
		t.Fatalf("printed %q (%v), want the ready session", r.stdout, err)
	}
	var held *gameservertest.Session
	for _, s := range p.gameserverState(t).Sessions {
		if s.ID == out.ID {
			held = &s
		}
	}
	if held == nil || !held.Ready {
		t.Fatalf("the server holds %+v for session %s, want it ready", held, out.ID)
	}
	var statuses []int
	for _, req := range p.requests(t, g, "get-session") {
		statuses = append(statuses, req.Status)
	}
	if n := len(statuses); n < 5 || !slices.Equal(statuses[:4], []int{503, 503, 503, 503}) || statuses[n-1] != 200 {
		t.Errorf("get-session answered %v, want four 503s and then 200s", statuses)
	}

	// Failing polls until the deadline: the message counts them and
	// quotes the last failure; the session is still held, and named.
	p.fault(t, g, `{"operation": "get-session", "status": 503}`)
	r = p.run(t, nil, "--base-url", g, "gameserver", "wait", out.ID, "--timeout", "2s")
	if r.code != exitAPI {
		t.Fatalf("exit %d, want %d\nstderr:\n%s", r.code, exitAPI, r.stderr)
	}
	if m := regexp.MustCompile(`session \S+ is not ready: timed out after --timeout 2s \(\d+ polls?, (\d+) failed, the last with: gameserver: GET \S+: 503 `).FindStringSubmatch(r.stderr); m == nil || m[1] == "0" {
		t.Errorf("stderr does not count the failed polls and quote the last:\n%s", r.stderr)
	}
}

// TestBinaryBoundedWaits: a bulk job never waits past its bounds. A server
// asking for a wait longer than --max-wait (a Retry-After or a rate-limit
// reset of a year, or past a short --max-wait) stops the job at once: it
// reports what was done, what failed and what was not started, exits 3
// within seconds, and the server saw no request after the one that asked.
// A server that never answers fails each request after --request-timeout.
func TestBinaryBoundedWaits(t *testing.T) {
	t.Parallel()
	year := `"retry_after": 31536000`
	spent := `"headers": {"ratelimit-limit": "700", "ratelimit-remaining": "0", "ratelimit-reset": "31536000"}`
	tests := []struct {
		name      string
		operation string
		fault     string // the fields after the operation
		args      []string
		stdin     string
		want      report
		statuses  []int  // of the operation's requests
		summary   string // a regexp that matches a line of stderr
	}{
		{
			name: "delete-all, Retry-After of a year", operation: "BulkDeleteSessionsByUserId",
			fault: `"status": 429, "times": 1, ` + year, args: []string{"zendesk", "delete-all", "2", "3", "4", "5"},
			want:     report{Failed: []string{"2"}, Skipped: []string{"3", "4", "5"}},
			statuses: []int{429},
			summary:  regexp.QuoteMeta("delete-all: stopped: the API asks to wait 8760h0m0s (Retry-After), more than --max-wait 1h0m0s: 1 of 4 done: 0 ok, 1 failed, 3 not started"),
		},
		{
			name: "delete -, a 429 whose rate-limit reset is a year away", operation: "DeleteSession",
			fault: `"status": 429, "times": 1, ` + spent, args: []string{"zendesk", "delete", "-"}, stdin: "2 201\n3 301\n4 401\n",
			// The SDK does not wait a reset beyond its MaxBackoff: it
			// returns the 429 with the reset as RetryAfter, too long a wait.
			want:     report{Failed: []string{"2/201"}, Skipped: []string{"3/301", "4/401"}},
			statuses: []int{429},
			summary: regexp.QuoteMeta("delete: stopped: the API asks to wait 8760h0m0s (rate-limit reset), " +
				"more than --max-wait 1h0m0s: 1 of 3 done: 0 ok, 1 failed, 2 not started"),
		},
		{
			name: "delete-all, Retry-After past a short --max-wait", operation: "BulkDeleteSessionsByUserId",
			fault: `"status": 429, "times": 1, "retry_after": 5`, args: []string{"zendesk", "delete-all", "--max-wait", "1s", "2", "3"},
			want:     report{Failed: []string{"2"}, Skipped: []string{"3"}},
			statuses: []int{429},
			summary:  regexp.QuoteMeta("delete-all: stopped: the API asks to wait 5s (Retry-After), more than --max-wait 1s: 1 of 2 done: 0 ok, 1 failed, 1 not started"),
		},
		{
			name: "delete-all, a server that never answers", operation: "BulkDeleteSessionsByUserId",
			fault: `"delay": "1h", "times": 2`, args: []string{"zendesk", "delete-all", "--request-timeout", "200ms", "2", "3"},
			want:     report{Unconfirmed: []string{"2", "3"}},
			statuses: []int{0, 0}, // never answered
			summary:  regexp.QuoteMeta("delete-all: 2 of 2 done: 0 ok, 2 failed (2 of them unconfirmed)"),
		},
		{
			name: "bulk-stop, Retry-After of a year", operation: "sessions-bulk-stop",
			fault: `"status": 429, "times": 1, ` + year, args: []string{"gameserver", "bulk-stop", "--field", "session_id", "--type", "any", "seeded-S"},
			statuses: []int{429},
			summary:  regexp.QuoteMeta("sessions: bulk-stop: not done: the API asks to wait 8760h0m0s (Retry-After), more than --max-wait 1h0m0s"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := startE2E(t)
			base := p.info.ZendeskURL
			if tt.args[0] == "gameserver" {
				base = p.info.GameserverURL
			}
			zBefore, gBefore := p.zendeskState(t), p.gameserverState(t)
			p.fault(t, base, `{"operation": "`+tt.operation+`", `+tt.fault+`}`)
			r := p.run(t, strings.NewReader(tt.stdin), append([]string{"--base-url", base, "--json"}, append(tt.args, "--concurrency", "1")...)...)
			if r.code != exitPartial {
				t.Fatalf("exit %d, want %d\n%s", r.code, exitPartial, r.stderr)
			}
			if r.took > 10*time.Second {
				t.Errorf("took %s: it waited", r.took)
			}
			if !regexp.MustCompile(tt.summary).MatchString(r.stderr) {
				t.Errorf("stderr does not match %q:\n%s", tt.summary, r.stderr)
			}
			var statuses []int
			for _, req := range p.requests(t, base, tt.operation) {
				statuses = append(statuses, req.Status)
			}
			if diff := cmp.Diff(tt.statuses, statuses); diff != "" {
				t.Errorf("statuses of the requests (-want +got):\n%s", diff)
			}
			if tt.args[0] == "gameserver" {
				if r.stdout != "" {
					t.Errorf("stdout %q, want nothing stopped", r.stdout)
				}
				if diff := cmp.Diff(gBefore, p.gameserverState(t)); diff != "" {
					t.Errorf("game-server state (-before +after):\n%s", diff)
				}
				return
			}
			got, _ := parseReport(t, r.stdout)
			if diff := cmp.Diff(tt.want.sorted(), got); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
			// Only what is reported done is gone.
			var left []int64
			for _, s := range p.zendeskState(t).Sessions {
				left = append(left, s.ID)
			}
			var wantLeft []int64
			for _, s := range zBefore.Sessions {
				if !slices.Contains(got.OK, fmt.Sprintf("%d/%d", s.UserID, s.ID)) {
					wantLeft = append(wantLeft, s.ID)
				}
			}
			if diff := cmp.Diff(wantLeft, left); diff != "" {
				t.Errorf("sessions left (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBinaryJSONTimes: every timestamp of zendesk list, show and current
// and of gameserver get, wait and create --wait in --json output is
// RFC 3339 in UTC and equals the server's (the mock's state): seconds on
// Zendesk, microseconds on the game server, null where the server has none.
func TestBinaryJSONTimes(t *testing.T) {
	t.Parallel()
	p := startE2E(t)
	z, g := p.info.ZendeskURL, p.info.GameserverURL
	// parse checks one JSON timestamp and returns it; null is the zero time.
	parse := func(t *testing.T, v string) time.Time {
		t.Helper()
		if v == "" {
			return time.Time{}
		}
		ts, err := time.Parse(time.RFC3339, v)
		if err != nil || !strings.HasSuffix(v, "Z") {
			t.Errorf("timestamp %q is not RFC 3339 in UTC (%v)", v, err)
		}
		return ts
	}
	jsonLinesOf := func(t *testing.T, args ...string) []string {
		t.Helper()
		r := p.run(t, nil, args...)
		if r.code != 0 {
			t.Fatalf("sessions %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
		return strings.Split(strings.TrimSpace(r.stdout), "\n")
	}

	t.Run("zendesk", func(t *testing.T) {
		type times struct{ Authenticated, LastSeen time.Time }
		want := map[int64]times{}
		for _, s := range p.zendeskState(t).Sessions {
			want[s.ID] = times{s.AuthenticatedAt, s.LastSeenAt}
		}
		lines := jsonLinesOf(t, "--base-url", z, "--json", "zendesk", "list")
		lines = append(lines, jsonLinesOf(t, "--base-url", z, "--json", "zendesk", "show", "4", "402")...) // last_seen_at null
		lines = append(lines, jsonLinesOf(t, "--base-url", z, "--json", "zendesk", "current")...)
		got := map[int64]times{}
		shown := 0
		for _, line := range lines {
			var s zgen.Session
			if err := json.Unmarshal([]byte(line), &s); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			ts := times{parse(t, s.AuthenticatedAt), parse(t, s.LastSeenAt)}
			if prev, ok := got[s.Id]; ok && prev != ts {
				t.Errorf("session %d printed with %v and %v", s.Id, prev, ts)
			}
			got[s.Id] = ts
			shown++
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("session times (-state +printed):\n%s", diff)
		}
		if shown != len(want)+2 {
			t.Errorf("%d lines, want %d listed, one shown, one current", shown, len(want))
		}
	})

	t.Run("gameserver", func(t *testing.T) {
		created := jsonLinesOf(t, "--base-url", g, "--json", "gameserver", "create", "--app", "e2e-game", "--ip", "198.51.100.70", "--wait")
		var c gsCreated
		if err := json.Unmarshal([]byte(created[0]), &c); err != nil || c.Session == nil {
			t.Fatalf("create --wait printed %q (%v)", created, err)
		}
		got := map[string][]time.Time{c.SessionID: {parse(t, c.Session.CreateTime)}}
		for _, args := range [][]string{{"get", "seeded-S"}, {"get", c.SessionID}, {"wait", "seeded-S"}} {
			for _, line := range jsonLinesOf(t, append([]string{"--base-url", g, "--json", "gameserver"}, args...)...) {
				var s ggen.SessionGet
				if err := json.Unmarshal([]byte(line), &s); err != nil {
					t.Fatalf("%q: %v", line, err)
				}
				got[s.SessionID] = append(got[s.SessionID], parse(t, s.CreateTime))
			}
		}
		want := map[string][]time.Time{}
		for _, s := range p.gameserverState(t).Sessions {
			want[s.ID] = []time.Time{s.CreateTime, s.CreateTime} // create --wait and get, or get and wait
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("create_time (-state +printed):\n%s", diff)
		}
		if ct := want["seeded-S"]; len(ct) == 0 || ct[0].Nanosecond() != 123456000 {
			t.Errorf("the seeded session's create_time %v lost its microseconds", ct)
		}
	})
}

// TestBinaryExitCodes runs the binary into each exit code (130 is
// TestBinaryInterrupt's) and checks the message on stderr; a failed
// command prints nothing on stdout, and a usage error sends nothing.
func TestBinaryExitCodes(t *testing.T) {
	t.Parallel()
	p := startE2E(t)
	z, g := p.info.ZendeskURL, p.info.GameserverURL
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() // nothing listens there once closed
	l.Close()
	host := strings.TrimPrefix(z, "http://")
	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stderr []string // each on stderr
		stdout string   // on stdout
		absent string   // never on stderr: a secret, or a hint that would mislead
	}{
		{name: "ok", args: []string{"--base-url", z, "zendesk", "list"}, code: exitOK},
		{name: "wrong --base-url", args: []string{"--base-url", g, "zendesk", "list"}, code: exitAPI, stderr: []string{
			"sessions: zendesk: GET " + g + "/api/v2/sessions?page%5Bsize%5D=100: 404 Not Found",
			"sessions: hint: requests went to --base-url " + g + ": is that the API's base URL?",
		}},
		{name: "nothing listening", args: []string{"--base-url", closed, "zendesk", "list"}, code: exitAPI, stderr: []string{
			"sessions: zendesk: Sessions.List page 1: GET " + closed + "/api/v2/sessions?page%5Bsize%5D=100: connection failed",
			"sessions: hint: requests went to --base-url " + closed,
		}},
		{name: "API error", args: []string{"--base-url", z, "zendesk", "show", "2", "999"}, code: exitAPI, stderr: []string{
			"sessions: zendesk: GET " + z + "/api/v2/users/2/sessions/999: 404 Not Found: RecordNotFound: Not found (request id ",
		}},
		{name: "a game-server command at the Zendesk mock", args: []string{"--base-url", z, "gameserver", "get", "seeded-S"}, code: exitAPI, stderr: []string{
			"sessions: gameserver: GET " + z + "/v1/session/seeded-S: 404 Not Found",
			"sessions: hint: requests went to --base-url " + z,
		}},
		{name: "no such session: the API's answer, no hint", args: []string{"--base-url", g, "gameserver", "get", "nosuch-S"}, code: exitAPI,
			stderr: []string{"sessions: gameserver: GET " + g + "/v1/session/nosuch-S: 404 Not Found: Session nosuch-S not found"}, absent: "hint"},
		{name: "unknown command", args: []string{"zendesk", "lisst"}, code: exitUsage, stderr: []string{`unknown command "lisst" for "sessions zendesk" (did you mean "list"?)`}},
		{name: "an id the SDK rejects", args: []string{"--base-url", g, "gameserver", "get", ".."}, code: exitUsage, stderr: []string{`invalid sessionID ".."`}},
		{name: "a non-numeric id", args: []string{"--base-url", z, "zendesk", "show", "two", "201"}, code: exitUsage, stderr: []string{`USER "two" is not a numeric id`}},
		{name: "no credentials", env: map[string]string{envZendeskAPIToken: ""}, args: []string{"--base-url", z, "zendesk", "list"}, code: exitUsage,
			stderr: []string{"no Zendesk credentials: set ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET (an OAuth client), or ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL and ZENDESK_API_TOKEN"}},
		{name: "a secret as a flag value", args: []string{"--base-url", g, "gameserver", "list", "--token", "hunter2"}, code: exitUsage,
			stderr: []string{"--token takes no value on the command line"}, absent: "hunter2"},
		{name: "credentials in --base-url", args: []string{"--base-url", "http://bob:hunter2@" + host, "zendesk", "list"}, code: exitUsage,
			stderr: []string{"must not contain userinfo"}, absent: "hunter2"},
		{name: "bad --concurrency", args: []string{"--base-url", z, "zendesk", "delete-all", "--concurrency", "0", "2"}, code: exitUsage,
			stderr: []string{"--concurrency 0: must be from 1 to 64"}},
		{name: "partial bulk job", args: []string{"--base-url", z, "zendesk", "delete-all", "2", "999"}, code: exitPartial,
			stdout: "FAILED  999  404 RecordNotFound: Not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.clearRequests(t)
			r := p.runEnv(t, tt.env, nil, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstderr:\n%s", r.code, tt.code, r.stderr)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			if tt.absent != "" && strings.Contains(r.stderr, tt.absent) {
				t.Errorf("stderr shows %q:\n%s", tt.absent, r.stderr)
			}
			switch tt.code {
			case exitOK, exitPartial:
				if !strings.Contains(r.stdout, tt.stdout) || r.stdout == "" {
					t.Errorf("stdout lacks %q:\n%s", tt.stdout, r.stdout)
				}
			default:
				if r.stdout != "" {
					t.Errorf("stdout %q, want nothing", r.stdout)
				}
			}
			if tt.code == exitUsage {
				for _, base := range []string{z, g} {
					var log []loggedRequest
					p.control(t, base, "GET", "/requests", "", &log)
					if len(log) != 0 {
						t.Errorf("a usage error sent %+v", log)
					}
				}
			}
		})
	}
}

// TestBinaryDeleteAllRefusesSessions: "list --idle 720h --json | delete-all -"
// would log the listed sessions' users out of every session, the active
// ones included. delete-all refuses such lines: exit 2, nothing sent, and
// the message points to "delete -"; every session is still there.
func TestBinaryDeleteAllRefusesSessions(t *testing.T) {
	t.Parallel()
	p := startE2E(t)
	z := p.info.ZendeskURL
	before := p.zendeskState(t)
	list := p.run(t, nil, "--base-url", z, "--json", "zendesk", "list", "--idle", "720h")
	if list.code != exitOK || list.stdout == "" {
		t.Fatalf("list: exit %d, %q", list.code, list.stdout)
	}
	p.clearRequests(t)
	r := p.run(t, strings.NewReader(list.stdout), "--base-url", z, "zendesk", "delete-all", "-")
	if r.code != exitUsage {
		t.Fatalf("exit %d, want %d\nstderr:\n%s", r.code, exitUsage, r.stderr)
	}
	if want := `stdin line 1: names a session`; !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, `"sessions zendesk delete -"`) {
		t.Errorf("stderr lacks %q and the pointer to delete -:\n%s", want, r.stderr)
	}
	var log []loggedRequest
	p.control(t, z, "GET", "/requests", "", &log)
	if len(log) != 0 {
		t.Errorf("requests sent: %+v", log)
	}
	if diff := cmp.Diff(before, p.zendeskState(t)); diff != "" {
		t.Errorf("state (-before +after):\n%s", diff)
	}
}

// TestBinaryCSV: --csv on the listing commands prints a header row with the
// fields of --json and one record per item, times RFC 3339 in UTC, fields
// quoted as RFC 4180 says; judged against the mock's state. --idle takes
// days as well as Go durations.
func TestBinaryCSV(t *testing.T) {
	t.Parallel()
	p := startE2E(t)
	z, g := p.info.ZendeskURL, p.info.GameserverURL
	records := func(t *testing.T, args ...string) (header []string, rows []map[string]string, raw string) {
		t.Helper()
		r := p.run(t, nil, args...)
		if r.code != exitOK {
			t.Fatalf("sessions %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
		all, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil || len(all) == 0 {
			t.Fatalf("not CSV with a header (%v):\n%s", err, r.stdout)
		}
		for _, rec := range all[1:] {
			m := map[string]string{}
			for i, f := range all[0] {
				m[f] = rec[i]
			}
			rows = append(rows, m)
		}
		return all[0], rows, r.stdout
	}
	// jsonKeys are the fields the JSON lines of a command can carry (those
	// of its line type, the generated model of lineType), after checking
	// that each line printed by args carries only those: a line leaves out
	// an optional field it has no value for.
	jsonKeys := func(t *testing.T, lineType reflect.Type, args ...string) []string {
		t.Helper()
		var fields []string
		for f := range lineType.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			fields = append(fields, name)
		}
		r := p.run(t, nil, args...)
		for line := range strings.Lines(r.stdout) {
			var obj map[string]json.RawMessage
			if err := json.Unmarshal([]byte(line), &obj); err != nil {
				t.Fatal(err)
			}
			for k := range obj {
				if !slices.Contains(fields, k) {
					t.Errorf("%s: field %q is not one of %s's", line, k, lineType)
				}
			}
		}
		return slices.Sorted(slices.Values(fields))
	}
	rfc := func(ts time.Time) string {
		if ts.IsZero() {
			return ""
		}
		return ts.UTC().Format(time.RFC3339Nano)
	}

	t.Run("zendesk list", func(t *testing.T) {
		header, rows, _ := records(t, "--base-url", z, "zendesk", "list", "--csv")
		if diff := cmp.Diff(jsonKeys(t, reflect.TypeFor[zgen.Session](), "--base-url", z, "--json", "zendesk", "list"), slices.Sorted(slices.Values(header))); diff != "" {
			t.Errorf("CSV header against the --json fields (-json +csv):\n%s", diff)
		}
		want := map[string][2]string{}
		for _, s := range p.zendeskState(t).Sessions {
			want[strconv.FormatInt(s.ID, 10)] = [2]string{rfc(s.AuthenticatedAt), rfc(s.LastSeenAt)}
		}
		got := map[string][2]string{}
		for _, r := range rows {
			got[r["id"]] = [2]string{r["authenticated_at"], r["last_seen_at"]}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sessions (-state +csv):\n%s", diff)
		}
		_, days, _ := records(t, "--base-url", z, "zendesk", "list", "--csv", "--idle", "30d")
		_, hours, _ := records(t, "--base-url", z, "zendesk", "list", "--csv", "--idle", "720h")
		if len(days) != 6 || !cmp.Equal(days, hours) {
			t.Errorf("--idle 30d listed %v, --idle 720h %v; want the 6 idle sessions both times", days, hours)
		}
	})

	t.Run("gameserver list", func(t *testing.T) {
		header, rows, raw := records(t, "--base-url", g, "gameserver", "list", "--csv")
		if diff := cmp.Diff(jsonKeys(t, reflect.TypeFor[ggen.SessionContext](), "--base-url", g, "--json", "gameserver", "list"), slices.Sorted(slices.Values(header))); diff != "" {
			t.Errorf("CSV header against the --json fields (-json +csv):\n%s", diff)
		}
		if len(rows) != 1 || rows[0]["session_id"] != "seeded-S" || rows[0]["custom_id"] != csvTricky {
			t.Errorf("rows %q, want seeded-S with custom id %q", rows, csvTricky)
		}
		if quoted := `"lobby ""7"", eu` + "\nwest\""; !strings.Contains(raw, quoted) {
			t.Errorf("the custom id is not quoted as RFC 4180 says (%q):\n%s", quoted, raw)
		}
	})

	t.Run("gameserver users", func(t *testing.T) {
		_, rows, _ := records(t, "--base-url", g, "gameserver", "users", "seeded-S", "--csv")
		if len(rows) != 1 || rows[0]["ip"] != "198.51.100.50" {
			t.Errorf("rows %q, want the seeded player", rows)
		}
	})

	t.Run("--csv with --json", func(t *testing.T) {
		p.clearRequests(t)
		r := p.run(t, nil, "--base-url", z, "--json", "zendesk", "list", "--csv")
		if r.code != exitUsage || !strings.Contains(r.stderr, "--csv and --json") {
			t.Errorf("exit %d, stderr %q; want a usage error", r.code, r.stderr)
		}
	})
}

// TestBinaryClientCredentials: with ZENDESK_CLIENT_ID and
// ZENDESK_CLIENT_SECRET (as "sessions mock" exports them, beside an API
// token, which they win over) a command mints one token, whatever its
// number of requests and workers, and mints again when a request is
// refused with invalid_token; the secret shows nowhere, -v included. The
// secret may come from --client-secret-file - (stdin). A secret the token
// endpoint refuses is exit 1, the refusal named, nothing else sent.
func TestBinaryClientCredentials(t *testing.T) {
	t.Parallel()
	p := startMock(t, buildSessions(t))
	z := p.info.ZendeskURL
	secret := p.info.Env[envZendeskClientSecret]
	if p.info.Env[envZendeskClientID] == "" || secret == "" {
		t.Fatalf("the mock exports no client credentials: %v", p.info.Env)
	}
	mints := func(t *testing.T) int {
		t.Helper()
		return len(p.requests(t, z, "CreateOAuthToken"))
	}
	noSecret := func(t *testing.T, r cliRun, secrets ...string) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(r.stdout+r.stderr, s) {
				t.Errorf("the output shows the secret %q:\nstdout:\n%s\nstderr:\n%s", s, r.stdout, r.stderr)
			}
		}
	}

	t.Run("one token for a bulk command", func(t *testing.T) {
		p.clearRequests(t)
		r := p.run(t, nil, "--base-url", z, "-v", "--json", "zendesk", "delete-all", "--concurrency", "4", "2", "3", "4")
		if r.code != exitOK {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if n := mints(t); n != 1 {
			t.Errorf("%d POST /oauth/tokens, want 1", n)
		}
		for _, s := range p.zendeskState(t).Sessions {
			if s.UserID >= 2 && s.UserID <= 4 {
				t.Errorf("user %d still has session %d", s.UserID, s.ID)
			}
		}
		noSecret(t, r, secret)
	})

	t.Run("a refused token is minted again", func(t *testing.T) {
		p.clearRequests(t)
		p.fault(t, z, `{"operation": "ShowCurrentlyAuthenticatedSession", "status": 401, "times": 1, "body": "{\"error\": \"invalid_token\", \"error_description\": \"The access token provided is expired, revoked, malformed or invalid for other reasons.\"}"}`)
		r := p.run(t, nil, "--base-url", z, "--json", "zendesk", "current")
		if r.code != exitOK {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if n := mints(t); n != 2 {
			t.Errorf("%d POST /oauth/tokens, want 2 (the first token refused)", n)
		}
	})

	t.Run("an expired token is minted again", func(t *testing.T) {
		if code := p.control(t, z, "POST", "/reset", "", nil); code != http.StatusOK {
			t.Fatalf("POST /__mock/reset: %d", code)
		}
		for _, u := range []int64{2, 3} {
			if !slices.ContainsFunc(p.zendeskState(t).Sessions, func(s zendesktest.Session) bool { return s.UserID == u }) {
				t.Fatalf("the seed has no session of user %d", u)
			}
		}
		defer p.control(t, z, "PUT", "/clock", `{"offset": "0s"}`, nil)
		// The first delete is held a second; meanwhile the server's clock
		// jumps past the token's life, so the next one is refused.
		p.fault(t, z, `{"operation": "BulkDeleteSessionsByUserId", "delay": "1s", "times": 1}`)
		c := p.start(t, false, "", "--base-url", z, "--json", "zendesk", "delete-all", "--concurrency", "1", "2", "3")
		p.untilLogged(t, z, "BulkDeleteSessionsByUserId", counted(0, 1))
		if code := p.control(t, z, "PUT", "/clock", `{"offset": "3h"}`, nil); code != http.StatusOK {
			t.Fatalf("PUT /__mock/clock: %d", code)
		}
		r := c.wait(t)
		if r.code != exitOK {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if n := mints(t); n != 2 {
			t.Errorf("%d POST /oauth/tokens, want 2 (the first token expired)", n)
		}
		for _, s := range p.zendeskState(t).Sessions {
			if s.UserID == 2 || s.UserID == 3 {
				t.Errorf("user %d still has session %d", s.UserID, s.ID)
			}
		}
	})

	t.Run("the secret from stdin", func(t *testing.T) {
		p.clearRequests(t)
		r := p.runEnv(t, map[string]string{envZendeskClientSecret: "", envZendeskAPIToken: "", envZendeskClientID: ""}, strings.NewReader(secret+"\n"),
			"--base-url", z, "-v", "zendesk", "current", "--client-id", p.info.Env[envZendeskClientID], "--client-secret-file", "-")
		if r.code != exitOK {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if n := mints(t); n != 1 {
			t.Errorf("%d POST /oauth/tokens, want 1", n)
		}
		noSecret(t, r, secret)
	})

	t.Run("a refused secret", func(t *testing.T) {
		p.clearRequests(t)
		const wrong = "not-the-secret-7f3a"
		r := p.runEnv(t, map[string]string{envZendeskClientSecret: wrong}, nil, "--base-url", z, "-v", "zendesk", "list")
		if r.code != exitAPI || r.stdout != "" {
			t.Fatalf("exit %d, stdout %q; want 1 and nothing\n%s", r.code, r.stdout, r.stderr)
		}
		if !strings.Contains(r.stderr, "401 Unauthorized: invalid_client") || !strings.Contains(r.stderr, `the token endpoint refused the OAuth client "mock-client"`) {
			t.Errorf("stderr does not name the refusal:\n%s", r.stderr)
		}
		noSecret(t, r, wrong, secret)
		var log []loggedRequest
		p.control(t, z, "GET", "/requests", "", &log)
		for _, req := range log {
			if req.Path != "/oauth/tokens" {
				t.Errorf("sent %s %s without a token", req.Method, req.Path)
			}
		}
	})
}
