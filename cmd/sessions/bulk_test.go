package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// sessionsOf counts the sessions the server holds for each user.
func sessionsOf(srv *zendesktest.Server) map[int64]int {
	n := map[int64]int{}
	for _, s := range srv.Sessions() {
		n[s.UserID]++
	}
	return n
}

// destructive lists the DELETE requests the server received.
func destructive(srv *zendesktest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if r.Method == http.MethodDelete {
			out = append(out, r.Path)
		}
	}
	return out
}

func TestDeleteAll(t *testing.T) {
	u := func(i int64) string { return fmt.Sprint(demoFirstUser + i) }
	tests := []struct {
		name      string
		stdin     string
		args      []string
		code      int
		wantLines []string // JSON lines, in any order
		wantOut   []string // substrings of stdout
		gone      []int64  // users left without sessions
		kept      []int64  // users whose sessions remain
	}{
		{
			name: "all ok", args: []string{u(0), u(1), "--json"}, code: 0,
			wantLines: []string{`{"id":1001,"ok":true}`, `{"id":1002,"ok":true}`},
			gone:      []int64{demoFirstUser, demoFirstUser + 1}, kept: []int64{demoFirstUser + 2},
		},
		{
			name: "some fail", args: []string{u(0), "999", u(1), "--json"}, code: 3,
			wantLines: []string{`{"id":1001,"ok":true}`, `{"id":1002,"ok":true}`,
				`{"id":999,"ok":false,"error":{"status":404,"code":"RecordNotFound","message":"Not found","request_id":"*"}}`},
			gone: []int64{demoFirstUser, demoFirstUser + 1},
		},
		{
			name: "some fail, table", args: []string{u(0), "999", "888"}, code: 3,
			wantOut: []string{"ok      1001", "FAILED  999  404 RecordNotFound: Not found (request id ", "failed: ", "999", "888",
				"delete-all: 3 of 3 done: 1 ok, 2 failed; 0 rate-limited (429) responses"},
		},
		{
			name: "ids from stdin", stdin: "1001\n\n# a comment\n1002\n", args: []string{"-", "--json"}, code: 0,
			wantLines: []string{`{"id":1001,"ok":true}`, `{"id":1002,"ok":true}`},
			gone:      []int64{demoFirstUser, demoFirstUser + 1},
		},
		{
			name: "JSON lines with a user_id and from a failed delete-all", code: 0, args: []string{"-", "--json"},
			stdin:     `{"user_id":1003}` + "\n" + `{"id":1004,"ok":false}` + "\n" + `{"id":"1005","ok":false}` + "\n",
			wantLines: []string{`{"id":1003,"ok":true}`, `{"id":1004,"ok":true}`, `{"id":1005,"ok":true}`},
			gone:      []int64{demoFirstUser + 2, demoFirstUser + 3, demoFirstUser + 4},
		},
		{
			name: "a session line of list --json is refused", code: 2, args: []string{"-", "--json"},
			stdin: `{"id":1004,"ok":false}` + "\n" + `{"id":10000010031,"user_id":1003,"authenticated_at":null,"last_seen_at":null,"url":""}` + "\n",
			kept:  []int64{demoFirstUser + 2, demoFirstUser + 3},
		},
		{
			name: "dry run", args: []string{u(0), u(1), "999", "--dry-run", "--json"}, code: 3,
			wantLines: []string{
				`{"id":1001,"ok":true,"action":"delete","dry_run":true,"detail":"would delete 5 sessions"}`,
				`{"id":1002,"ok":true,"action":"delete","dry_run":true,"detail":"would delete 5 sessions"}`,
				`{"id":999,"ok":false,"dry_run":true,"error":{"status":404,"code":"RecordNotFound","message":"Not found","request_id":"*"}}`,
			},
			kept: []int64{demoFirstUser, demoFirstUser + 1},
		},
		{
			name: "dry run, table", args: []string{u(0), "--dry-run"}, code: 0,
			wantOut: []string{"delete  1001  would delete 5 sessions", "delete-all (dry run, nothing was changed): 1 of 1 done: 1 ok, 0 failed"},
			kept:    []int64{demoFirstUser},
		},
	}
	reqID := regexp.MustCompile(`"request_id":"[^"]+"`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, nil)
			r := f.run(t, context.Background(), tt.stdin, append([]string{"zendesk", "delete-all", "--concurrency", "2"}, tt.args...)...)
			mustCode(t, r, tt.code)
			if tt.wantLines != nil {
				var got []string
				for line := range strings.Lines(r.stdout) {
					got = append(got, reqID.ReplaceAllString(strings.TrimSpace(line), `"request_id":"*"`))
				}
				if diff := cmp.Diff(tt.wantLines, got, sortStrings); diff != "" {
					t.Errorf("JSON lines (-want +got):\n%s", diff)
				}
				if !strings.Contains(r.stderr, "delete-all") {
					t.Errorf("no summary on stderr: %q", r.stderr)
				}
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			left := sessionsOf(f.zd)
			for _, id := range tt.gone {
				if left[id] != 0 {
					t.Errorf("user %d still has %d sessions", id, left[id])
				}
			}
			for _, id := range tt.kept {
				if left[id] != demoSessionsPerUser {
					t.Errorf("user %d has %d sessions, want %d untouched", id, left[id], demoSessionsPerUser)
				}
			}
			if strings.Contains(tt.name, "dry run") {
				if d := destructive(f.zd); len(d) != 0 {
					t.Errorf("a dry run sent %v", d)
				}
			}
		})
	}
}

var sortStrings = cmpSortStrings()

// TestDeleteAllInterrupted cancels a bulk run mid-way: the requests in
// flight finish, no new one starts, and the output says what was done and
// what was not started.
func TestDeleteAllInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t, []zendesktest.Option{
			zendesktest.WithFault(zendesktest.OpBulkDeleteSessionsByUserID, zendesktest.Fault{Delay: time.Second}),
		}, nil)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(1500*time.Millisecond, cancel) // during the second pair of requests
		r := f.run(t, ctx, "", "zendesk", "delete-all", "--concurrency", "2", "--json", "1001", "1002", "1003", "1004", "1005")
		mustCode(t, r, exitSignal)
		var done, skipped []float64
		for _, m := range jsonLines(t, r.stdout) {
			switch {
			case m["ok"] == true:
				done = append(done, m["id"].(float64))
			case m["skipped"] == true:
				skipped = append(skipped, m["id"].(float64))
			default:
				t.Errorf("unexpected line %v", m)
			}
		}
		if len(done) != 4 || len(skipped) != 1 || skipped[0] != 1005 {
			t.Errorf("done %v, skipped %v; want 4 done (two pairs) and 1005 not started", done, skipped)
		}
		if d := destructive(f.zd); len(d) != 4 {
			t.Errorf("%d DELETE requests, want 4: %v", len(d), d)
		}
		if !strings.Contains(r.stderr, "delete-all: interrupted: 4 of 5 done: 4 ok, 0 failed, 1 not started") ||
			!strings.Contains(r.stderr, "not started: 1005") {
			t.Errorf("summary:\n%s", r.stderr)
		}
		if left := sessionsOf(f.zd); left[1005] != demoSessionsPerUser {
			t.Errorf("user 1005 has %d sessions, want them untouched", left[1005])
		}
	})
}

// TestDeleteAllRateLimited deletes the sessions of 200 users from a server
// that allows 60 requests a minute: every user is done, and the summary
// reports the 429s met, as many as the server sent. It runs in a synctest
// bubble, so the minutes pass instantly.
func TestDeleteAllRateLimited(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var users []zendesktest.User
		var sessions []zendesktest.Session
		var ids []string
		for i := range int64(200) {
			id := 5000 + i
			users = append(users, zendesktest.User{ID: id, Email: fmt.Sprintf("bulk%d@demo.example", id)})
			sessions = append(sessions, zendesktest.Session{UserID: id}, zendesktest.Session{UserID: id})
			ids = append(ids, fmt.Sprint(id))
		}
		f := newFixture(t, []zendesktest.Option{
			zendesktest.WithRateLimit(60), zendesktest.WithUsers(users...), zendesktest.WithSessions(sessions...),
		}, nil)
		start := time.Now()
		r := f.run(t, context.Background(), "", append([]string{"zendesk", "delete-all", "--concurrency", "8"}, ids...)...)
		mustCode(t, r, 0)
		left := sessionsOf(f.zd)
		for i := range int64(200) {
			if left[5000+i] != 0 {
				t.Fatalf("user %d still has %d sessions", 5000+i, left[5000+i])
			}
		}
		n := 0
		for line := range strings.Lines(r.stdout) {
			if strings.HasPrefix(line, "ok ") {
				n++
			}
		}
		if n != 200 {
			t.Errorf("%d ok lines, want 200", n)
		}
		sent429 := 0
		for _, req := range f.zd.Requests() {
			if req.Status == http.StatusTooManyRequests {
				sent429++
			}
		}
		m := regexp.MustCompile(`delete-all: 200 of 200 done: 200 ok, 0 failed; (\d+) rate-limited \(429\) responses`).FindStringSubmatch(r.stdout)
		if m == nil {
			t.Fatalf("no summary with the 429 count:\n%s", r.stdout[max(0, len(r.stdout)-400):])
		}
		if got, _ := strconv.Atoi(m[1]); got != sent429 {
			t.Errorf("summary reports %d 429s, the server sent %d", got, sent429)
		}
		// 200 requests at 60 a minute (the first window partly used) take at
		// least three minute boundaries.
		if took := time.Since(start); took < 3*time.Minute || took > 5*time.Minute {
			t.Errorf("took %s, want between 3 and 5 minutes of the server's clock", took)
		}
		t.Logf("%d 429s; %s", sent429, m[0])
	})
}

// TestUnanswered: which connection failures leave a bulk item's outcome
// unknown (reported unconfirmed) and which kept the request from being
// sent (reported failed).
func TestUnanswered(t *testing.T) {
	conn := func(err error) error {
		return &zendesk.ConnectionError{API: "zendesk", Method: "DELETE", URL: "https://acme.zendesk.com/api/v2/users/1/sessions", Attempts: 1, Err: err}
	}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"timed out awaiting the answer", conn(&url.Error{Op: "Delete", Err: context.DeadlineExceeded}), true},
		{"connection lost after sending", conn(&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}), true},
		{"connection refused", conn(&url.Error{Op: "Delete", Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}), false},
		{"no such host", conn(&net.DNSError{Err: "no such host", Name: "acme.zendesk.com"}), false},
		{"an API error", &zendesk.APIError{API: "zendesk", StatusCode: 500}, false},
		{"not a connection failure", context.DeadlineExceeded, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unanswered(tt.err); got != tt.want {
				t.Errorf("unanswered(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

// TestDeleteAllInterruptedInRateLimitWait: an interrupt while the SDK
// waits out a 429's Retry-After ends the wait at once: the item was not
// done on the server, so it is reported not started, and nothing more is
// sent.
func TestDeleteAllInterruptedInRateLimitWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t, []zendesktest.Option{
			zendesktest.WithFault(zendesktest.OpBulkDeleteSessionsByUserID, zendesktest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "30", Times: 1}),
		}, nil)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(5*time.Second, cancel)
		start := time.Now()
		r := f.run(t, ctx, "", "zendesk", "delete-all", "--json", "1001")
		mustCode(t, r, exitSignal)
		if took := time.Since(start); took != 5*time.Second {
			t.Errorf("took %s, want the 5s until the interrupt", took)
		}
		lines := jsonLines(t, r.stdout)
		if len(lines) != 1 || lines[0]["skipped"] != true || lines[0]["id"] != float64(1001) {
			t.Errorf("lines %v, want 1001 not started", lines)
		}
		if d := destructive(f.zd); len(d) != 1 {
			t.Errorf("%d DELETE requests, want the one answered 429: %v", len(d), d)
		}
		if left := sessionsOf(f.zd); left[1001] != demoSessionsPerUser {
			t.Errorf("user 1001 has %d sessions, want them untouched", left[1001])
		}
		if !strings.Contains(r.stderr, "1 rate-limited (429) responses") {
			t.Errorf("summary does not count the 429:\n%s", r.stderr)
		}
	})
}

// TestBulkClientKeepsRedirectGuard: a bulk job's client (the SDK's pacing,
// retries and observer over the command's HTTP client) still refuses a
// redirect to another origin: the credentials never reach it, and the item
// fails with the refusal.
func TestBulkClientKeepsRedirectGuard(t *testing.T) {
	var reached atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Add(1) }))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	var out, errOut bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, now: time.Now,
		getenv: func(k string) string { return map[string]string{envZendeskOAuthToken: "secret-token"}[k] }}
	code := a.run(t.Context(), []string{"--base-url", srv.URL, "--json", "zendesk", "delete-all", "1001"})
	if code != exitPartial || !strings.Contains(out.String(), "redirect") {
		t.Errorf("exit %d, stdout %q; want 3 and the refused redirect", code, out.String())
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("the other origin got %d requests, want none", n)
	}
	if strings.Contains(out.String()+errOut.String(), "secret-token") {
		t.Errorf("the output shows the token:\n%s\n%s", out.String(), errOut.String())
	}
}
