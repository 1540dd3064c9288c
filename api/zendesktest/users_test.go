package zendesktest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSearchUsers judges the search by the ids it answers: email: matches
// the address without regard to case, a plain term matches inside names
// and emails, pages follow next_page, and end users are refused.
func TestSearchUsers(t *testing.T) {
	srv := newTestServer(t, WithUsers(
		User{ID: 10, Email: "Jane.Doe@Example.com", Name: "Jane Doe"},
		User{ID: 11, Email: "janet@example.com", Name: "Janet"},
		User{ID: 12, Email: "bob@example.com", Name: "Bob Jane"},
	))
	type answer struct {
		Users []struct {
			ID    int64  `json:"id"`
			Email string `json:"email"`
		} `json:"users"`
		NextPage *string `json:"next_page"`
		Count    int     `json:"count"`
	}
	search := func(t *testing.T, as int64, query string) (int, answer) {
		t.Helper()
		resp := get(t, srv, as, "/api/v2/users/search?"+query)
		var a answer
		if resp.Status == http.StatusOK {
			if err := json.Unmarshal(resp.Body, &a); err != nil {
				t.Fatal(err)
			}
		}
		return resp.Status, a
	}
	ids := func(a answer) []int64 {
		var ids []int64
		for _, u := range a.Users {
			ids = append(ids, u.ID)
		}
		return ids
	}
	tests := []struct {
		name   string
		as     int64
		query  string
		status int
		ids    []int64
		count  int
		next   bool
	}{
		{"email, other case", adminID, "query=" + url.QueryEscape("email:jane.doe@example.COM"), 200, []int64{10}, 1, false},
		{"email, quoted", agentID, "query=" + url.QueryEscape(`email:"bob@example.com"`), 200, []int64{12}, 1, false},
		{"email, none", adminID, "query=" + url.QueryEscape("email:jane@example.com"), 200, nil, 0, false},
		{"plain term", adminID, "query=jane", 200, []int64{10, 11, 12}, 3, false},
		{"plain term, page 1", adminID, "query=jane&per_page=2", 200, []int64{10, 11}, 3, true},
		{"plain term, page 2", adminID, "query=jane&per_page=2&page=2", 200, []int64{12}, 3, false},
		{"end user", endUserID, "query=jane", http.StatusForbidden, nil, 0, false},
		{"no query", adminID, "", http.StatusBadRequest, nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, a := search(t, tt.as, tt.query)
			if status != tt.status {
				t.Fatalf("status %d, want %d", status, tt.status)
			}
			if diff := cmp.Diff(tt.ids, ids(a)); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			if a.Count != tt.count || (a.NextPage != nil) != tt.next {
				t.Errorf("count %d, next_page %v; want %d, %v", a.Count, a.NextPage, tt.count, tt.next)
			}
		})
	}
}
