package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"go.uber.org/goleak"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
)

func TestMain(m *testing.M) {
	if signal.Ignored(os.Interrupt) {
		// Started with SIGINT ignored (a background job of a script): catch
		// it instead, so that the binaries the tests start get its default
		// disposition, as from a terminal, and not the ignored one.
		signal.Notify(make(chan os.Signal, 1), os.Interrupt)
	}
	code := m.Run()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintf(os.Stderr, "goleak: %v\n", err)
			code = 1
		}
	}
	os.Exit(code)
}

// fixture is a pair of in-process servers seeded with the demo data, and
// the environment a command sees.
type fixture struct {
	zd   *zendesktest.Server
	gs   *gameservertest.Server
	env  map[string]string
	poll time.Duration
	// terminal makes the command believe stderr is a terminal.
	terminal bool
}

// newFixture starts both servers without network (so tests may run under
// synctest), with the demo seeds and extra options.
func newFixture(t *testing.T, zopts []zendesktest.Option, gopts []gameservertest.Option) *fixture {
	t.Helper()
	zd := zendesktest.NewServer(t, append(append(zendeskDemoOptions(time.Now), zendesktest.WithoutNetwork()), zopts...)...)
	gs := gameservertest.NewServer(t, append(append(gameserverDemoOptions(time.Now), gameservertest.WithoutNetwork()), gopts...)...)
	return &fixture{
		zd: zd, gs: gs, poll: time.Millisecond,
		env: map[string]string{
			envZendeskSubdomain: "demo",
			envZendeskEmail:     demoAdminEmail,
			envZendeskAPIToken:  demoZendeskToken,
			envEdgegapAPIToken:  demoEdgegapToken,
		},
	}
}

// result is what a run printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// run runs the command line against the fixture's servers.
func (f *fixture) run(t *testing.T, ctx context.Context, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &app{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		getenv:   func(k string) string { return f.env[k] },
		now:      time.Now,
		terminal: f.terminal,
		// Both servers answer at http://127.0.0.1 without network.
		zendeskHTTP: f.zd.Client(), gameserverHTTP: f.gs.Client(),
		pollInterval: f.poll,
	}
	if !containsDemo(args) {
		args = append(args, "--base-url", f.zd.URL)
	}
	code := a.run(ctx, args)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

func containsDemo(args []string) bool {
	for _, a := range args {
		if a == "--demo" || a == "--help" || a == "-h" || strings.HasPrefix(a, "--base-url") {
			return true
		}
	}
	return false
}

// jsonLines decodes each line of s into a map.
func jsonLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(s) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %q is not a JSON object: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// mustCode fails the test unless r has the exit code.
func mustCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

// TestWatchSignals: signals that follow each other within 250 ms count as
// one Ctrl-C (a terminal delivers SIGINT to the whole process group); one
// that comes 250 ms or more after the one before quits.
func TestWatchSignals(t *testing.T) {
	tests := []struct {
		name string
		gaps []time.Duration // before each signal after the first
		want string
	}{
		{"one signal", nil, "interrupted"},
		{"two at once", []time.Duration{0}, "interrupted"},
		{"a burst, each within 250ms of the one before", []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 249 * time.Millisecond}, "interrupted"},
		{"a later one", []time.Duration{250 * time.Millisecond}, "interrupted, quit after 1"},
		{"a burst, then a later one", []time.Duration{10 * time.Millisecond, time.Second}, "interrupted, quit after 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				sigs := make(chan os.Signal)
				interrupted, quit := false, false
				done := make(chan struct{})
				go func() {
					defer close(done)
					watchSignals(sigs, func(os.Signal) { interrupted = true }, func() { quit = true })
				}()
				sigs <- os.Interrupt
				got := ""
				for i, gap := range tt.gaps {
					time.Sleep(gap)
					sigs <- os.Interrupt
					synctest.Wait()
					if quit {
						got = fmt.Sprintf(", quit after %d", i+1)
						break
					}
				}
				synctest.Wait()
				if interrupted {
					got = "interrupted" + got
				}
				if got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
				if !quit {
					close(sigs)
				}
				<-done
			})
		})
	}
}
