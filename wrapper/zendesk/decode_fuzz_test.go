package zendesk

import (
	"encoding/json"
	"testing"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// FuzzDecodeSessions feeds arbitrary bodies to the decoders of the two
// response shapes Zendesk sends (a page of sessions, decoded as the pager
// does; one session as an object or an array, decoded by decodeSessionInto)
// and to the cursor logic: no panic; a page keeps exactly its sessions with
// an id, in order; every time is the lenient reading of its raw text, in
// UTC; and a session reported absent leaves the output untouched.
func FuzzDecodeSessions(f *testing.F) {
	for _, seed := range []string{
		`{"sessions":[{"id":1,"user_id":2,"authenticated_at":"2014-11-18T17:24:29Z","last_seen_at":null,"url":"u"}],"meta":{"has_more":true,"after_cursor":"a","before_cursor":null},"links":{"next":"https://x/api/v2/sessions?page%5Bafter%5D=a","prev":null}}`,
		`{"sessions":[null,{"id":8589934592}],"next_page":"https://x?page=2","previous_page":null,"count":3}`,
		`{"session":{"id":14,"user_id":35436}}`,
		`{"session":[{"id":14}]}`,
		`{"session":[]}`,
		`{"session":null}`,
		`{"session":{"id":7,"authenticated_at":"2014-11-18T17:24:29","last_seen_at":"2014-11-18"}}`,
		`{"sessions":[{"id":1,"authenticated_at":"yesterday"}]}`,
		`{"sessions":[{"id":1,"last_seen_at":"2014-11-18 17:30:52+0100"},{},{"id":0}]}`,
		`{"meta":{"has_more":true},"links":{"next":"%zz"}}`,
		`[]`, `null`, `{}`, `{"sessions":{}}`,
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, backward bool) {
		var page zgen.SessionsResponse
		if json.Unmarshal(body, &page) == nil {
			var want []int64
			for _, s := range page.Sessions {
				if s.Id != 0 {
					want = append(want, s.Id)
				}
			}
			got := sessionsFromGen(page.Sessions)
			if got == nil {
				t.Fatal("sessions() returned nil, want a non-nil slice")
			}
			if len(got) != len(want) {
				t.Fatalf("page of %d sessions with an id yields %d", len(want), len(got))
			}
			for i, s := range got {
				if s.ID != want[i] {
					t.Fatalf("session %d has id %d, want %d", i, s.ID, want[i])
				}
				checkTimes(t, s)
			}
			p := &Page[Session]{}
			cursors(p, &page, backward)
			if p.HasMore && p.NextCursor == "" && page.Meta.HasMore == nil {
				t.Fatalf("HasMore without a next cursor and without meta.has_more: %+v", p)
			}
			offsetCursors(p, &page, 1)
		}

		out := Session{ID: -1}
		if err := decodeSessionInto(&out)(core.Response{StatusCode: 200, Body: body}); err != nil {
			if out != (Session{ID: -1}) {
				t.Fatalf("a failed decode changed the output: %+v", out)
			}
			return
		}
		if out.ID == 0 || out.ID == -1 {
			t.Fatalf("a successful decode gave no session: %+v", out)
		}
		checkTimes(t, out)
	})
}

// checkTimes checks that s's times are the lenient reading of its raw
// timestamps: zero exactly when the raw text is empty or unreadable, UTC
// otherwise.
func checkTimes(t *testing.T, s Session) {
	t.Helper()
	for _, f := range []struct {
		name string
		raw  string
		got  bool
		utc  bool
	}{
		{"AuthenticatedAt", s.RawAuthenticatedAt, !s.AuthenticatedAt.IsZero(), s.AuthenticatedAt.Location().String() == "UTC"},
		{"LastSeenAt", s.RawLastSeenAt, !s.LastSeenAt.IsZero(), s.LastSeenAt.Location().String() == "UTC"},
	} {
		want := !parseTimestamp(f.raw).IsZero()
		if f.got != want {
			t.Fatalf("%s set = %v for raw %q, want %v", f.name, f.got, f.raw, want)
		}
		if f.got && !f.utc {
			t.Fatalf("%s for raw %q is not in UTC", f.name, f.raw)
		}
	}
}
