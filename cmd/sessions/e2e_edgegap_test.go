package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
)

// vendorListExample is the example answer of list-sessions in Edgegap's own
// reference, placeholders and nonsense page numbers included.
const vendorListExample = `{"data":[{"session_id":"string","custom_id":"string","status":"string","ready":true,"linked":true,"kind":"string","user_count":0,"deployment_request_id":"string","webhook_url":"string"}],"total_count":0,"pagination":{"number":0,"next_page_number":0,"previous_page_number":0,"paginator":{"num_pages":0},"has_next":true,"has_previous":true}}`

// TestBinaryEdgegapAnswers runs the built binary against the mock for the
// answers Edgegap documents beyond the seed's: 404, 422 and 500 on create
// are each one typed failure (exit 1, the status named, one request, no
// session made), and the vendor's documented list answer yields its
// session before the listing stops, naming the page, with no loop.
func TestBinaryEdgegapAnswers(t *testing.T) {
	t.Parallel()
	p := startE2E(t)
	g := p.info.GameserverURL
	before := p.gameserverState(t).Sessions
	for _, status := range []int{404, 422, 500} {
		t.Run(fmt.Sprint("create ", status), func(t *testing.T) {
			p.clearRequests(t)
			p.fault(t, g, fmt.Sprintf(`{"operation": "session-post", "status": %d, "times": 1}`, status))
			r := p.run(t, nil, "--base-url", g, "gameserver", "create", "--app", "e2e-game", "--ip", "198.51.100.1")
			if r.code != exitAPI || !strings.Contains(r.stderr, fmt.Sprint(status)) {
				t.Errorf("exit %d, stderr %q; want exit 1 naming %d", r.code, r.stderr, status)
			}
			if n := len(p.requests(t, g, gameservertest.OpSessionPost)); n != 1 {
				t.Errorf("%d create requests, want 1 (never a create sent twice by surprise)", n)
			}
			if diff := cmp.Diff(before, p.gameserverState(t).Sessions); diff != "" {
				t.Errorf("sessions after a refused create (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("the vendor's list example", func(t *testing.T) {
		p.clearRequests(t)
		body, err := json.Marshal(vendorListExample)
		if err != nil {
			t.Fatal(err)
		}
		p.fault(t, g, `{"operation": "list-sessions", "status": 200, "times": 1, "body": `+string(body)+`}`)
		r := p.run(t, nil, "--base-url", g, "--json", "gameserver", "list")
		var ids []string
		for line := range strings.Lines(r.stdout) {
			var s struct {
				SessionID string `json:"session_id"`
			}
			if err := json.Unmarshal([]byte(line), &s); err != nil {
				t.Fatalf("line %q: %v", line, err)
			}
			ids = append(ids, s.SessionID)
		}
		if diff := cmp.Diff([]string{"string"}, ids); diff != "" {
			t.Errorf("sessions printed (-want +got):\n%s\nstderr: %s", diff, r.stderr)
		}
		if r.code != exitAPI || !strings.Contains(r.stderr, "page") {
			t.Errorf("exit %d, stderr %q; want exit 1 naming the page", r.code, r.stderr)
		}
		if n := len(p.requests(t, g, gameservertest.OpListSessions)); n != 1 {
			t.Errorf("%d list requests, want 1", n)
		}
	})
}
