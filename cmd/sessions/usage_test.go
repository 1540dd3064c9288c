package main

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestBadInput checks that every kind of bad command line is a one-line
// error (or a usage hint) with exit code 2, and that nothing is sent.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string // replaces the fixture's environment when set
		args   []string
		stderr []string
	}{
		{"no command", nil, []string{}, []string{"sessions needs a command: ", "demo", "zendesk"}},
		{"unknown command", nil, []string{"bogus"}, []string{`unknown command "bogus" for "sessions"`}},
		{"unknown subcommand", nil, []string{"zendesk", "lsit"}, []string{`unknown command "lsit" for "sessions zendesk"`, `did you mean "list"`}},
		{"group without command", nil, []string{"gameserver"}, []string{"sessions gameserver needs a command"}},
		{"unknown flag", nil, []string{"zendesk", "list", "--bogus"}, []string{"unknown flag: --bogus", "Run 'sessions zendesk list --help' for usage."}},
		{"missing argument", nil, []string{"zendesk", "show", "1001"}, []string{"missing argument SESSION"}},
		{"extra argument", nil, []string{"zendesk", "current", "now"}, []string{`unexpected argument "now" (expected no arguments)`}},
		{"extra argument after two", nil, []string{"zendesk", "delete", "1", "2", "3"}, []string{`unexpected argument "3" (expected USER SESSION)`}},
		{"non-numeric user", nil, []string{"zendesk", "show", "abc", "1"}, []string{`USER "abc" is not a numeric id`}},
		{"non-numeric --user", nil, []string{"zendesk", "list", "--user", "x1"}, []string{`--user "x1" is not a numeric id`}},
		{"zero id", nil, []string{"zendesk", "delete-all", "0"}, []string{`USER "0" is neither a numeric id (a positive integer) nor an email address`}},
		{"non-numeric id on stdin", nil, []string{"zendesk", "delete-all", "-"}, []string{`stdin line 2: no "user_id" or "id" or "email" field`}},
		{"dash and ids", nil, []string{"zendesk", "delete-all", "-", "1001"}, []string{`"-" reads the users from stdin`}},
		{"delete-all without users", nil, []string{"zendesk", "delete-all"}, []string{"missing argument USER..."}},
		{"concurrency 0", nil, []string{"zendesk", "delete-all", "--concurrency", "0", "1001"}, []string{"--concurrency 0: must be from 1 to 64"}},
		{"concurrency not a number", nil, []string{"gameserver", "bulk-stop", "--concurrency", "many", "--field", "session_id", "--type", "any", "x"}, []string{`invalid argument "many" for "--concurrency"`}},
		{"unknown --type", nil, []string{"gameserver", "bulk-stop", "--field", "session_id", "--type", "some", "x"}, []string{`--type "some": must be one of "any", "all", "not"`}},
		{"unknown --field", nil, []string{"gameserver", "bulk-stop", "--field", "ip", "--type", "any", "x"}, []string{`--field "ip": must be one of "session_id", "deployment_tags", "request_id"`}},
		{"bad --idle", nil, []string{"zendesk", "list", "--idle", "a month"}, []string{`invalid argument "a month" for "--idle"`}},
		{"page size", nil, []string{"zendesk", "list", "--page-size", "500"}, []string{"--page-size 500: must be from 1 to 100"}},
		{"create without app", nil, []string{"gameserver", "create", "--ip", "1.2.3.4"}, []string{"--app is required"}},
		{"create without ip", nil, []string{"gameserver", "create", "--app", "g"}, []string{"--ip is required"}},
		{"bad ip", nil, []string{"gameserver", "add-users", "s-1", "1.2.3"}, []string{`"1.2.3" is not an IP address`}},
		{"timeout without wait", nil, []string{"gameserver", "create", "--app", "g", "--ip", "1.2.3.4", "--timeout", "1s"}, []string{"--timeout and --delete-on-failure need --wait"}},
		{"no zendesk credentials", map[string]string{envZendeskSubdomain: "acme"}, []string{"zendesk", "list"},
			[]string{"no Zendesk credentials: set ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET (an OAuth client), or ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL and ZENDESK_API_TOKEN"}},
		{"a client id without its secret", map[string]string{envZendeskSubdomain: "acme", envZendeskClientID: "cli", envZendeskAPIToken: "t", envZendeskEmail: "e@x"}, []string{"zendesk", "list"},
			[]string{"client credentials need a secret: ZENDESK_CLIENT_ID is set, ZENDESK_CLIENT_SECRET is not"}},
		{"a client secret without its id", map[string]string{envZendeskSubdomain: "acme", envZendeskClientSecret: "hunter2"}, []string{"zendesk", "list"},
			[]string{"client credentials need a client id: ZENDESK_CLIENT_SECRET is set, ZENDESK_CLIENT_ID is not"}},
		{"an API token without an email", map[string]string{envZendeskSubdomain: "acme", envZendeskAPIToken: "hunter2"}, []string{"zendesk", "list"},
			[]string{"an API token needs the agent's email: ZENDESK_API_TOKEN is set, ZENDESK_EMAIL is not"}},
		{"a client secret as a flag value", map[string]string{envZendeskSubdomain: "acme"}, []string{"zendesk", "list", "--client-id", "cli", "--client-secret", "hunter2"},
			[]string{"--client-secret takes no value on the command line"}},
		{"no zendesk account", map[string]string{}, []string{"zendesk", "current"}, []string{"no Zendesk account: set ZENDESK_SUBDOMAIN"}},
		{"no edgegap credentials", map[string]string{}, []string{"gameserver", "list"}, []string{"no Edgegap credentials: set EDGEGAP_API_TOKEN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, nil)
			if tt.env != nil {
				f.env = tt.env
			}
			args := tt.args
			var r result
			if tt.env != nil && tt.env[envZendeskSubdomain] == "" {
				// without --base-url, so that the subdomain is needed
				r = f.runRaw(t, "", args...)
			} else {
				r = f.run(t, context.Background(), "1001\n{}\n", args...)
			}
			mustCode(t, r, exitUsage)
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "hunter2") {
				t.Errorf("stderr shows the secret:\n%s", r.stderr)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Count(r.stderr, "\n") > 2 {
				t.Errorf("stderr is not a short usage error:\n%s", r.stderr)
			}
			if n := len(f.zd.Requests()) + len(f.gs.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// runRaw runs args without adding --base-url.
func (f *fixture) runRaw(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return f.run(t, context.Background(), stdin, append(args, "--base-url=")...)
}

// TestHelpEverywhere runs --help on every command: exit 0, a usage text on
// stdout, nothing sent.
func TestHelpEverywhere(t *testing.T) {
	f := newFixture(t, nil, nil)
	var walk func(c *cobra.Command)
	var paths [][]string
	walk = func(c *cobra.Command) {
		path := strings.Fields(c.CommandPath())[1:]
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub)
			}
		}
	}
	walk((&app{}).rootCommand())
	if len(paths) < 20 {
		t.Fatalf("only %d commands found", len(paths))
	}
	for _, p := range paths {
		r := f.run(t, context.Background(), "", append(p, "--help")...)
		mustCode(t, r, 0)
		if !strings.Contains(r.stdout, "Usage:") || !strings.Contains(r.stdout, "--json") {
			t.Errorf("%v --help:\n%s", p, r.stdout)
		}
	}
	if n := len(f.zd.Requests()) + len(f.gs.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestCompletion checks that the CLI library's shell completion is there.
func TestCompletion(t *testing.T) {
	f := newFixture(t, nil, nil)
	r := f.run(t, context.Background(), "", "completion", "bash", "--help")
	mustCode(t, r, 0)
	r = f.run(t, context.Background(), "", "completion", "bash", "--demo")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "bash completion") {
		t.Errorf("completion bash printed:\n%.300s", r.stdout)
	}
}
