package main

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
)

// TestGameserverCommands runs every game-server subcommand against the
// seeded server and checks its output and exit code.
func TestGameserverCommands(t *testing.T) {
	first, second := demoGSSessionID(1), demoGSSessionID(2)
	tests := []struct {
		name  string
		args  []string
		code  int
		check func(t *testing.T, r result, srv *gameservertest.Server)
	}{
		{"create", []string{"create", "--app", demoApp, "--ip", "162.254.103.13", "--json"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			m := jsonLines(t, r.stdout)[0]
			if m["app"] != demoApp || m["version"] != "v1" || m["session_id"] == "" || m["session"] != nil {
				t.Errorf("create: %v", m)
			}
		}},
		{"create and wait", []string{"create", "--app", demoApp, "--version", "v2", "--ip", "162.254.103.13", "--ip", "198.12.116.39", "--wait", "--timeout", "1m"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			for _, s := range []string{"created session ", "(app my-game, version v2)"} {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			for _, s := range []string{" is ready on ", ".pr.edgegap.net", "gameport: ", " UDP (internal 7777)"} {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
		}},
		{"create and wait, json", []string{"create", "--app", demoApp, "--ip", "162.254.103.13", "--wait", "--json"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			m := jsonLines(t, r.stdout)[0]
			s, _ := m["session"].(map[string]any)
			dep, _ := s["deployment"].(map[string]any)
			ports, _ := dep["ports"].(map[string]any) // by name, as get-session writes them
			if s["ready"] != true || dep["fqdn"] == "" || len(ports) != 1 {
				t.Errorf("create --wait --json: %v", m)
			}
		}},
		{"get", []string{"get", first}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			for _, s := range []string{first, "Ready", "deployment", demoDeployEU, "port gameport"} {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
		}},
		{"get json", []string{"get", first, "--json"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			m := jsonLines(t, r.stdout)[0]
			dep := m["deployment"].(map[string]any)
			if diff := cmp.Diff([]any{"eu", "ranked"}, dep["tags"]); diff != "" || m["session_id"] != first {
				t.Errorf("get --json: %v %s", m, diff)
			}
		}},
		{"wait", []string{"wait", first, "--json"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			if m := jsonLines(t, r.stdout)[0]; m["ready"] != true {
				t.Errorf("wait: %v", m)
			}
		}},
		{"delete", []string{"delete", first, "--json"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			m := jsonLines(t, r.stdout)[0]
			if m["deleted"] != true || !strings.Contains(m["message"].(string), first) {
				t.Errorf("delete: %v", m)
			}
		}},
		{"delete missing", []string{"delete", "000000000bad-S"}, 1, func(t *testing.T, r result, _ *gameservertest.Server) {
			if !strings.Contains(r.stderr, "404") {
				t.Errorf("stderr: %q", r.stderr)
			}
		}},
		{"delete missing, if exists", []string{"delete", "000000000bad-S", "--if-exists"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			if r.stdout != "session 000000000bad-S was already gone\n" {
				t.Errorf("stdout: %q", r.stdout)
			}
		}},
		{"list", []string{"list"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
			if len(lines) != demoGSSessions+1 || !strings.HasPrefix(lines[0], "ID ") {
				t.Errorf("want a header and %d rows (three pages of 5), got:\n%s", demoGSSessions, r.stdout)
			}
		}},
		{"list limit json", []string{"list", "--limit", "7", "--json"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			if n := len(jsonLines(t, r.stdout)); n != 7 {
				t.Errorf("%d sessions, want 7", n)
			}
		}},
		{"users", []string{"users", first, "--json"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			if diff := cmp.Diff(`{"ip":"198.51.100.1"}`+"\n", r.stdout); diff != "" { // no position: none given
				t.Errorf("users (-want +got):\n%s", diff)
			}
		}},
		{"add-users", []string{"add-users", first, "203.0.113.7", "203.0.113.8"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			for _, s := range []string{"IP", "198.51.100.1", "203.0.113.7", "203.0.113.8"} {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
		}},
		{"remove-users", []string{"remove-users", first, "198.51.100.1", "--json"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			if r.stdout != "" {
				t.Errorf("want no users left, got %q", r.stdout)
			}
		}},
		{"bulk-stop", []string{"bulk-stop", "--field", "session_id", "--type", "any", first, second, "--json"}, 0, func(t *testing.T, r result, srv *gameservertest.Server) {
			want := []string{`{"id":"` + first + `","ok":true}`, `{"id":"` + second + `","ok":true}`}
			if diff := cmp.Diff(want, strings.Fields(r.stdout), sortStrings); diff != "" {
				t.Errorf("bulk-stop (-want +got):\n%s", diff)
			}
			if !strings.Contains(r.stderr, "bulk-stop: 2 sessions stopped") {
				t.Errorf("summary: %q", r.stderr)
			}
		}},
		{"bulk-stop by tag", []string{"bulk-stop", "--field", "deployment_tags", "--type", "all", "us", "casual"}, 0, func(t *testing.T, r result, _ *gameservertest.Server) {
			if n := strings.Count(r.stdout, "stopped "); n != demoGSSessions/2 {
				t.Errorf("%d stopped, want %d:\n%s", n, demoGSSessions/2, r.stdout)
			}
		}},
		{"bulk-stop dry run", []string{"bulk-stop", "--field", "deployment_tags", "--type", "not", "ranked", "--dry-run", "--json"}, 0, func(t *testing.T, r result, srv *gameservertest.Server) {
			stop := 0
			for _, m := range jsonLines(t, r.stdout) {
				if m["dry_run"] != true {
					t.Errorf("not a dry-run line: %v", m)
				}
				if m["detail"] == "would stop" {
					stop++
				}
			}
			if stop != demoGSSessions/2 {
				t.Errorf("%d would stop, want %d", stop, demoGSSessions/2)
			}
			for _, req := range srv.Requests() {
				if req.Operation == gameservertest.OpSessionsBulkStop || req.Operation == gameservertest.OpSessionDelete {
					t.Errorf("a dry run sent %s %s", req.Method, req.Path)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, nil)
			r := f.run(t, context.Background(), "", append([]string{"gameserver"}, tt.args...)...)
			mustCode(t, r, tt.code)
			tt.check(t, r, f.gs)
		})
	}
}
