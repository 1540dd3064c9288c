package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/zendesktest"
)

// TestBinaryDeleteAllByEmail offboards by email: each address is looked up
// before anything is deleted; exactly the named users' sessions go; an
// address that matches no user, or two, fails as its own item (exit 3);
// --dry-run names each email's user and deletes nothing; bad input is
// refused with exit 2 and nothing sent.
func TestBinaryDeleteAllByEmail(t *testing.T) {
	t.Parallel()
	p := startE2E(t)
	z := p.info.ZendeskURL
	st := p.zendeskState(t)
	for _, u := range []zendesktest.User{{ID: 8, Email: "twin@example.com"}, {ID: 9, Email: "TWIN@example.com"}} {
		st.Users = append(st.Users, u)
		st.Sessions = append(st.Sessions, zendesktest.Session{ID: u.ID*100 + 1, UserID: u.ID})
	}
	body, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	if code := p.control(t, z, "PUT", "/state", string(body), nil); code != http.StatusOK && code != http.StatusNoContent {
		t.Fatalf("PUT /__mock/state: %d", code)
	}
	seeded := p.zendeskState(t).Sessions
	sessionsOf := func(users ...int64) []int64 {
		var ids []int64
		for _, s := range p.zendeskState(t).Sessions {
			if len(users) == 0 || slices.Contains(users, s.UserID) {
				ids = append(ids, s.ID)
			}
		}
		return ids
	}
	type line struct {
		ID     any    `json:"id"`
		OK     bool   `json:"ok"`
		Detail string `json:"detail"`
		Error  *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	lines := func(t *testing.T, stdout string) map[string]line {
		t.Helper()
		out := map[string]line{}
		for l := range strings.Lines(stdout) {
			var v line
			if err := json.Unmarshal([]byte(l), &v); err != nil {
				t.Fatalf("line %q: %v", l, err)
			}
			out[fmt.Sprint(v.ID)] = v // a user id decodes as a float64 and prints as an integer
		}
		return out
	}

	t.Run("bad input", func(t *testing.T) {
		p.clearRequests(t)
		for _, args := range [][]string{
			{"delete-all", "jane"}, // no @
			{"delete-all", "0"},    // user id 0
			{"delete-all", "user2@example.com", "a b@example.com"}, // not an address
			{"delete-all", "Jane <user2@example.com>"},             // a display name
		} {
			r := p.run(t, nil, append([]string{"--base-url", z, "--json", "zendesk"}, args...)...)
			if r.code != exitUsage || r.stdout != "" || !strings.Contains(r.stderr, "USER") {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 naming the USER", args, r.code, r.stdout, r.stderr)
			}
		}
		r := p.run(t, strings.NewReader("user2@example.com\nnot-an-address\n"), "--base-url", z, "zendesk", "delete-all", "-")
		if r.code != exitUsage {
			t.Errorf("stdin with a bad line: exit %d, want 2\n%s", r.code, r.stderr)
		}
		for _, op := range []string{zendesktest.OpSearchUsers, zendesktest.OpBulkDeleteSessionsByUserID} {
			if log := p.requests(t, z, op); len(log) != 0 {
				t.Errorf("%s sent on refused input: %+v", op, log)
			}
		}
	})

	t.Run("dry run", func(t *testing.T) {
		p.clearRequests(t)
		r := p.run(t, nil, "--base-url", z, "--json", "zendesk", "delete-all", "--dry-run", "USER2@example.com", "4", "nobody@example.com", "twin@example.com")
		if r.code != exitPartial {
			t.Fatalf("exit %d, want 3\n%s", r.code, r.stderr)
		}
		got := lines(t, r.stdout)
		if l := got["USER2@example.com"]; !l.OK || l.Detail != "user 2: would delete 2 sessions" {
			t.Errorf("USER2@example.com: %+v", l)
		}
		if l := got["4"]; !l.OK || l.Detail != "would delete 2 sessions" {
			t.Errorf("4: %+v", l)
		}
		if l := got["nobody@example.com"]; l.OK || l.Error == nil || !strings.Contains(l.Error.Message, "no user") {
			t.Errorf("nobody@example.com: %+v", l)
		}
		if l := got["twin@example.com"]; l.OK || l.Error == nil || !strings.Contains(l.Error.Message, "2 users") {
			t.Errorf("twin@example.com: %+v", l)
		}
		if diff := cmp.Diff(len(seeded), len(sessionsOf())); diff != "" {
			t.Errorf("a dry run deleted sessions: %s", diff)
		}
		if log := p.requests(t, z, zendesktest.OpBulkDeleteSessionsByUserID); len(log) != 0 {
			t.Errorf("a dry run sent %+v", log)
		}
	})

	t.Run("delete", func(t *testing.T) {
		p.clearRequests(t)
		stdin := "USER2@example.com\n{\"email\": \"user3@example.com\"}\n4\nnobody@example.com\ntwin@example.com\nuser2@EXAMPLE.com\n"
		r := p.run(t, strings.NewReader(stdin), "--base-url", z, "--json", "zendesk", "delete-all", "-")
		if r.code != exitPartial {
			t.Fatalf("exit %d, want 3\n%s", r.code, r.stderr)
		}
		got := lines(t, r.stdout)
		var ok, failed []string
		for id, l := range got {
			if l.OK {
				ok = append(ok, id)
			} else {
				failed = append(failed, id)
			}
		}
		slices.Sort(ok)
		slices.Sort(failed)
		if diff := cmp.Diff([]string{"4", "USER2@example.com", "user3@example.com"}, ok); diff != "" {
			t.Errorf("done (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"nobody@example.com", "twin@example.com"}, failed); diff != "" {
			t.Errorf("failed (-want +got):\n%s", diff)
		}
		if left := sessionsOf(2, 3, 4); len(left) != 0 {
			t.Errorf("sessions of users 2, 3, 4 left: %v", left)
		}
		var wantLeft []int64
		for _, s := range seeded {
			if s.UserID != 2 && s.UserID != 3 && s.UserID != 4 {
				wantLeft = append(wantLeft, s.ID)
			}
		}
		if diff := cmp.Diff(wantLeft, sessionsOf()); diff != "" {
			t.Errorf("sessions left (-want +got):\n%s", diff)
		}
		var paths []string
		for _, req := range p.requests(t, z, zendesktest.OpBulkDeleteSessionsByUserID) {
			paths = append(paths, req.Path)
		}
		slices.Sort(paths)
		if diff := cmp.Diff([]string{"/api/v2/users/2/sessions", "/api/v2/users/3/sessions", "/api/v2/users/4/sessions"}, paths); diff != "" {
			t.Errorf("deletes sent (-want +got):\n%s", diff)
		}
	})
}
