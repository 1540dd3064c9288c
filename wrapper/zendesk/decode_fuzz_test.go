package zendesk

import (
	"encoding/json"
	"testing"
)

// FuzzDecodeSessions feeds arbitrary bodies to the decoders of the two
// response shapes Zendesk sends (a page of sessions, one session as an
// object or an array) and to the cursor logic: no panic, null elements
// dropped from a page, and a session reported absent carries no data.
func FuzzDecodeSessions(f *testing.F) {
	for _, seed := range []string{
		`{"sessions":[{"id":1,"user_id":2,"authenticated_at":"2014-11-18T17:24:29Z","last_seen_at":null,"url":"u"}],"meta":{"has_more":true,"after_cursor":"a","before_cursor":null},"links":{"next":"https://x/api/v2/sessions?page%5Bafter%5D=a","prev":null}}`,
		`{"sessions":[null,{"id":8589934592}],"next_page":"https://x?page=2","previous_page":null,"count":3}`,
		`{"session":{"id":14,"user_id":35436}}`,
		`{"session":[{"id":14}]}`,
		`{"session":[]}`,
		`{"session":null}`,
		`{"sessions":[{"id":1,"authenticated_at":"yesterday"}]}`,
		`{"meta":{"has_more":true},"links":{"next":"%zz"}}`,
		`[]`, `null`, `{}`, `{"sessions":{}}`,
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, backward bool) {
		var page sessionsBody
		if json.Unmarshal(body, &page) == nil {
			nonNull := 0
			for _, w := range page.Sessions {
				if !w.null {
					nonNull++
				}
			}
			if got := len(page.sessions()); got != nonNull {
				t.Fatalf("page of %d non-null sessions yields %d", nonNull, got)
			}
			p := &Page[Session]{}
			page.cursors(p, backward)
			page.offsetCursors(p, 1)
		}
		var one struct {
			Session oneSession `json:"session"`
		}
		if json.Unmarshal(body, &one) == nil && !one.Session.found && one.Session.s != (Session{}) {
			t.Fatalf("a session reported as not found still carries data: %+v", one.Session.s)
		}
	})
}
