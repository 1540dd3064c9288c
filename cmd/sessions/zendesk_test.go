package main

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestZendeskCommands runs every Zendesk subcommand once against the
// seeded server and checks its output and exit code.
func TestZendeskCommands(t *testing.T) {
	user := fmt.Sprint(demoFirstUser)
	sid := fmt.Sprint(demoSessionID(demoFirstUser, 2))
	tests := []struct {
		name  string
		args  []string
		code  int
		check func(t *testing.T, r result)
	}{
		{"list json", []string{"zendesk", "list", "--json"}, 0, func(t *testing.T, r result) {
			if n := len(jsonLines(t, r.stdout)); n != 1+demoUsers*demoSessionsPerUser {
				t.Errorf("%d sessions, want %d", n, 1+demoUsers*demoSessionsPerUser)
			}
		}},
		{"list several pages with a limit", []string{"zendesk", "list", "--page-size", "2", "--limit", "5"}, 0, func(t *testing.T, r result) {
			lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
			if len(lines) != 6 || !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[0], "LAST SEEN") {
				t.Errorf("want a header and 5 rows, got:\n%s", r.stdout)
			}
		}},
		{"list by user", []string{"zendesk", "list", "--user", user, "--json"}, 0, func(t *testing.T, r result) {
			for _, m := range jsonLines(t, r.stdout) {
				if m["user_id"] != float64(demoFirstUser) {
					t.Errorf("session of user %v in user %s's list", m["user_id"], user)
				}
			}
		}},
		{"list idle", []string{"zendesk", "list", "--idle", "720h", "--json"}, 0, func(t *testing.T, r result) {
			var got []float64
			for _, m := range jsonLines(t, r.stdout) {
				got = append(got, m["id"].(float64))
			}
			var want []float64
			for u := range int64(demoUsers) {
				want = append(want, float64(demoSessionID(demoFirstUser+u, 1)))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("idle sessions (-want +got):\n%s", diff)
			}
		}},
		{"show json", []string{"zendesk", "show", user, sid, "--json"}, 0, func(t *testing.T, r result) {
			m := jsonLines(t, r.stdout)[0]
			if m["id"] != float64(demoSessionID(demoFirstUser, 2)) || len(m) != 5 {
				t.Errorf("show: %v", m)
			}
		}},
		{"show table", []string{"zendesk", "show", user, sid}, 0, func(t *testing.T, r result) {
			if !strings.Contains(r.stdout, sid) || !strings.Contains(r.stdout, "URL") {
				t.Errorf("show:\n%s", r.stdout)
			}
		}},
		{"show missing", []string{"zendesk", "show", user, "999"}, 1, func(t *testing.T, r result) {
			line := strings.TrimSpace(r.stderr)
			if strings.Count(line, "\n") != 0 || !strings.Contains(line, "zendesk: GET http://127.0.0.1/api/v2/users/1001/sessions/999: 404 Not Found: RecordNotFound: Not found") || !strings.Contains(line, "request id ") {
				t.Errorf("want one line with status, code and request id, got %q", r.stderr)
			}
		}},
		{"current", []string{"zendesk", "current", "--json"}, 0, func(t *testing.T, r result) {
			if m := jsonLines(t, r.stdout)[0]; m["id"] != float64(demoAdminSessionID) {
				t.Errorf("current: %v", m)
			}
		}},
		{"renew", []string{"zendesk", "renew", "--json"}, 0, func(t *testing.T, r result) {
			if tok, _ := jsonLines(t, r.stdout)[0]["authenticity_token"].(string); tok == "" {
				t.Errorf("renew: %s", r.stdout)
			}
		}},
		{"logout", []string{"zendesk", "logout", "--json"}, 0, func(t *testing.T, r result) {
			if diff := cmp.Diff(`{"ok":true}`+"\n", r.stdout); diff != "" {
				t.Errorf("logout (-want +got):\n%s", diff)
			}
		}},
		{"delete", []string{"zendesk", "delete", user, sid, "--json"}, 0, func(t *testing.T, r result) {
			want := fmt.Sprintf(`{"id":%s,"user_id":%s,"ok":true}`+"\n", sid, user) // as "delete -" prints it
			if diff := cmp.Diff(want, r.stdout); diff != "" {
				t.Errorf("delete (-want +got):\n%s", diff)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, nil)
			r := f.run(t, context.Background(), "", tt.args...)
			mustCode(t, r, tt.code)
			tt.check(t, r)
		})
	}
}

// TestZendeskDeleteRemovesSession checks the server side of delete.
func TestZendeskDeleteRemovesSession(t *testing.T) {
	f := newFixture(t, nil, nil)
	sid := demoSessionID(demoFirstUser, 3)
	r := f.run(t, context.Background(), "", "zendesk", "delete", fmt.Sprint(demoFirstUser), fmt.Sprint(sid))
	mustCode(t, r, 0)
	if want := fmt.Sprintf("deleted session %d of user %d\n", sid, demoFirstUser); r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	for _, s := range f.zd.Sessions() {
		if s.ID == sid {
			t.Errorf("session %d still exists", sid)
		}
	}
}

// TestDeleteStreamResumesUnconfirmed: a line piped back in whose request
// got no answer ("unconfirmed": true) and whose session is gone counts as
// done, in a
// dry run ("keep") and for real; a missing session on any other line is
// still a 404. The session that exists is deleted, and only in the real
// run.
func TestDeleteStreamResumesUnconfirmed(t *testing.T) {
	u := demoFirstUser
	exists, gone := demoSessionID(u, 2), demoSessionID(u, 9) // the demo has 5 sessions a user
	stdin := fmt.Sprintf(`{"id":%d,"user_id":%d,"ok":false,"unconfirmed":true}
{"id":%d,"user_id":%d,"ok":false,"unconfirmed":true}
{"id":%d,"user_id":%d,"ok":false}
`, exists, u, gone, u, gone+100, u)
	detail := "already gone: the earlier, unanswered request went through"
	tests := []struct {
		name    string
		args    []string
		want    []string
		deleted bool
	}{
		{"dry run", []string{"--dry-run"}, []string{
			fmt.Sprintf(`{"id":%d,"user_id":%d,"ok":true,"action":"delete","dry_run":true,"detail":"would delete this session"}`, exists, u),
			fmt.Sprintf(`{"id":%d,"user_id":%d,"ok":true,"action":"keep","dry_run":true,"detail":%q}`, gone, u, detail),
			fmt.Sprintf(`{"id":%d,"user_id":%d,"ok":false,"dry_run":true,"error":{"status":404,"code":"RecordNotFound","message":"Not found","request_id":"*"}}`, gone+100, u),
		}, false},
		{"for real", nil, []string{
			fmt.Sprintf(`{"id":%d,"user_id":%d,"ok":true}`, exists, u),
			fmt.Sprintf(`{"id":%d,"user_id":%d,"ok":true,"detail":%q}`, gone, u, detail),
			fmt.Sprintf(`{"id":%d,"user_id":%d,"ok":false,"error":{"status":404,"code":"RecordNotFound","message":"Not found","request_id":"*"}}`, gone+100, u),
		}, true},
	}
	reqID := regexp.MustCompile(`"request_id":"[^"]+"`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, nil)
			r := f.run(t, context.Background(), stdin, append([]string{"zendesk", "delete", "--json", "--concurrency", "1", "-"}, tt.args...)...)
			mustCode(t, r, exitPartial)
			var got []string
			for line := range strings.Lines(r.stdout) {
				got = append(got, reqID.ReplaceAllString(strings.TrimSpace(line), `"request_id":"*"`))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			stillThere := false
			for _, s := range f.zd.Sessions() {
				stillThere = stillThere || s.ID == exists
			}
			if stillThere == tt.deleted {
				t.Errorf("session %d still there: %v, want %v", exists, stillThere, !tt.deleted)
			}
		})
	}
}

// TestIdleFlag: --idle takes days or a Go duration; anything else is an
// error naming the value.
func TestIdleFlag(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{in: "30d", want: 720 * time.Hour},
		{in: "1.5d", want: 36 * time.Hour},
		{in: "0d", want: 0},
		{in: "720h", want: 720 * time.Hour},
		{in: "90m", want: 90 * time.Minute},
		{in: "d", wantErr: true},
		{in: "-1d", wantErr: true},
		{in: "NaNd", wantErr: true},
		{in: "30 days", wantErr: true},
		{in: "30", wantErr: true},
	}
	for _, tt := range tests {
		var f idleFlag
		err := f.Set(tt.in)
		if (err != nil) != tt.wantErr || time.Duration(f) != tt.want {
			t.Errorf("Set(%q) = %s, %v; want %s, error %v", tt.in, time.Duration(f), err, tt.want, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), strconv.Quote(tt.in)) {
			t.Errorf("Set(%q): error %q does not name the value", tt.in, err)
		}
	}
}
