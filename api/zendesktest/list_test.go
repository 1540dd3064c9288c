package zendesktest

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// page is a SessionsResponse as tests read it.
type page struct {
	Sessions []struct {
		ID              int64   `json:"id"`
		UserID          int64   `json:"user_id"`
		AuthenticatedAt string  `json:"authenticated_at"`
		LastSeenAt      *string `json:"last_seen_at"`
		URL             string  `json:"url"`
	} `json:"sessions"`
	Meta *struct {
		HasMore      bool    `json:"has_more"`
		AfterCursor  *string `json:"after_cursor"`
		BeforeCursor *string `json:"before_cursor"`
	} `json:"meta"`
	Links *struct {
		Next *string `json:"next"`
		Prev *string `json:"prev"`
	} `json:"links"`
	NextPage     *string `json:"next_page"`
	PreviousPage *string `json:"previous_page"`
	Count        *int    `json:"count"`
}

func (p page) ids() []int64 {
	var ids []int64
	for _, s := range p.Sessions {
		ids = append(ids, s.ID)
	}
	return ids
}

func getPage(t *testing.T, srv *Server, user int64, pathOrURL string) page {
	t.Helper()
	pathOrURL = strings.TrimPrefix(pathOrURL, srv.URL)
	resp := get(t, srv, user, pathOrURL)
	if resp.Status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", pathOrURL, resp.Status, resp.Body)
	}
	var p page
	resp.Decode(t, &p)
	return p
}

// seedSessions makes n sessions for user, one second apart, and returns
// their ids in creation order.
func seedSessions(user int64, n int) ([]Session, []int64) {
	start := time.Date(2024, 5, 26, 12, 0, 0, 0, time.UTC)
	var ss []Session
	var ids []int64
	for i := range n {
		id := firstSessionID + int64(user)*1000 + int64(i)
		ss = append(ss, Session{ID: id, UserID: user, AuthenticatedAt: start.Add(time.Duration(i) * time.Second)})
		ids = append(ids, id)
	}
	return ss, ids
}

func TestCursorPaginationWalk(t *testing.T) {
	sessions, want := seedSessions(endUserID, 250)
	srv := newTestServer(t, WithSessions(sessions...))
	for _, size := range []int{1, 7, 100, 250} {
		t.Run("page size "+strconv.Itoa(size), func(t *testing.T) {
			if size == 250 {
				// Past the maximum: the request is refused, naming the parameter.
				resp := get(t, srv, endUserID, "/api/v2/sessions?page[size]=250")
				if resp.Status != http.StatusBadRequest || !strings.Contains(string(resp.Body), "page[size]") {
					t.Fatalf("page[size]=250: %d %s", resp.Status, resp.Body)
				}
				return
			}
			// Forward, following links.next while has_more.
			var got []int64
			pages := 0
			next := "/api/v2/sessions?page[size]=" + strconv.Itoa(size)
			seen := map[string]bool{}
			for {
				p := getPage(t, srv, endUserID, next)
				pages++
				got = append(got, p.ids()...)
				if len(p.Sessions) > size {
					t.Fatalf("page of %d sessions, size %d", len(p.Sessions), size)
				}
				if !p.Meta.HasMore {
					if p.Meta.AfterCursor != nil || p.Links.Next != nil {
						t.Errorf("last page has after_cursor %v, next %v", p.Meta.AfterCursor, p.Links.Next)
					}
					break
				}
				c := *p.Meta.AfterCursor
				if seen[c] {
					t.Fatalf("cursor %q repeated", c)
				}
				seen[c] = true
				checkOpaque(t, c, p.ids())
				if !strings.Contains(*p.Links.Next, url.QueryEscape(c)) {
					t.Errorf("links.next %q does not carry after_cursor %q", *p.Links.Next, c)
				}
				next = *p.Links.Next
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("forward walk (-want +got):\n%s", diff)
			}
			if wantPages := (len(want) + size - 1) / size; pages != wantPages {
				t.Errorf("pages = %d, want %d", pages, wantPages)
			}

			// Backward from the last page, with page[before] while has_more.
			last := getPage(t, srv, endUserID, "/api/v2/sessions?sort=-id&page[size]=1")
			lastCursor := cursor{Order: "id", Key: sortKey{last.Sessions[0].ID, last.Sessions[0].ID}}.encode()
			back := getPage(t, srv, endUserID, "/api/v2/sessions?page[size]="+strconv.Itoa(size)+"&page[before]="+url.QueryEscape(lastCursor))
			got = back.ids()
			for back.Meta.HasMore {
				back = getPage(t, srv, endUserID, *back.Links.Prev)
				got = append(back.ids(), got...)
			}
			if diff := cmp.Diff(want[:len(want)-1], got); diff != "" {
				t.Errorf("backward walk (-want +got):\n%s", diff)
			}
		})
	}
}

// checkOpaque checks that a cursor is not an id or a number in disguise.
func checkOpaque(t *testing.T, c string, ids []int64) {
	t.Helper()
	if _, err := strconv.ParseInt(c, 10, 64); err == nil {
		t.Errorf("cursor %q is a plain number", c)
	}
	for _, id := range ids {
		if strings.Contains(c, strconv.FormatInt(id, 10)) {
			t.Errorf("cursor %q shows id %d", c, id)
		}
	}
}

func TestCursorFirstAndMiddlePages(t *testing.T) {
	sessions, ids := seedSessions(endUserID, 5)
	srv := newTestServer(t, WithSessions(sessions...))
	first := getPage(t, srv, endUserID, "/api/v2/sessions?page[size]=2")
	if first.Meta.BeforeCursor != nil || first.Links.Prev != nil || !first.Meta.HasMore {
		t.Errorf("first page: before_cursor %v, prev %v, has_more %v", first.Meta.BeforeCursor, first.Links.Prev, first.Meta.HasMore)
	}
	second := getPage(t, srv, endUserID, *first.Links.Next)
	if diff := cmp.Diff(ids[2:4], second.ids()); diff != "" {
		t.Errorf("second page (-want +got):\n%s", diff)
	}
	if second.Meta.BeforeCursor == nil || second.Links.Prev == nil {
		t.Fatal("a middle page without before_cursor")
	}
	prev := getPage(t, srv, endUserID, *second.Links.Prev)
	if diff := cmp.Diff(ids[:2], prev.ids()); diff != "" {
		t.Errorf("back to the first page (-want +got):\n%s", diff)
	}
	if prev.Meta.HasMore {
		t.Error("walking back to the first page: has_more is true")
	}
	// Without any page parameter, one page of up to 100.
	all := getPage(t, srv, endUserID, "/api/v2/sessions")
	if diff := cmp.Diff(ids, all.ids()); diff != "" {
		t.Errorf("default page (-want +got):\n%s", diff)
	}
	if all.Meta == nil || all.Meta.HasMore || all.Links == nil {
		t.Errorf("default page meta %+v links %+v", all.Meta, all.Links)
	}
}

func TestListSort(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	// Ids and authentication times in opposite orders.
	srv := newTestServer(t, WithSessions(
		Session{ID: 10, UserID: adminID, AuthenticatedAt: start.Add(3 * time.Hour)},
		Session{ID: 20, UserID: adminID, AuthenticatedAt: start.Add(2 * time.Hour)},
		Session{ID: 30, UserID: adminID, AuthenticatedAt: start.Add(1 * time.Hour)},
	))
	tests := []struct {
		sort string
		want []int64
	}{
		{"id", []int64{10, 20, 30}},
		{"-id", []int64{30, 20, 10}},
		{"authenticated_at", []int64{30, 20, 10}},
		{"-authenticated_at", []int64{10, 20, 30}},
	}
	for _, tt := range tests {
		t.Run(tt.sort, func(t *testing.T) {
			var got []int64
			p := getPage(t, srv, adminID, "/api/v2/sessions?page[size]=1&sort="+tt.sort)
			got = append(got, p.ids()...)
			for p.Meta.HasMore {
				if !strings.Contains(*p.Links.Next, "sort="+url.QueryEscape(tt.sort)) {
					t.Errorf("next link %q lost the sort", *p.Links.Next)
				}
				p = getPage(t, srv, adminID, *p.Links.Next)
				got = append(got, p.ids()...)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestListVisibility(t *testing.T) {
	var seeds []Session
	want := map[int64][]int64{}
	for _, u := range []int64{adminID, agentID, endUserID} {
		ss, ids := seedSessions(u, 3)
		seeds = append(seeds, ss...)
		want[u] = ids
		want[adminID+100] = append(want[adminID+100], ids...)
	}
	slices.Sort(want[adminID+100])
	srv := newTestServer(t, WithSessions(seeds...))
	tests := []struct {
		name string
		user int64
		want []int64
	}{
		{"admin sees the account", adminID, want[adminID+100]},
		{"agent sees their own", agentID, want[agentID]},
		{"end user sees their own", endUserID, want[endUserID]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, getPage(t, srv, tt.user, "/api/v2/sessions").ids()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestListBadPagination(t *testing.T) {
	sessions, _ := seedSessions(endUserID, 3)
	srv := newTestServer(t, WithSessions(sessions...))
	p := getPage(t, srv, endUserID, "/api/v2/sessions?page[size]=1")
	after := *p.Meta.AfterCursor
	descCursor := *getPage(t, srv, endUserID, "/api/v2/sessions?page[size]=1&sort=-id").Meta.AfterCursor
	tests := []struct {
		name, query, wantInBody string
	}{
		{"size 0", "page[size]=0", `page[size]`},
		{"size not a number", "page[size]=ten", `page[size]`},
		{"after and before", "page[after]=" + url.QueryEscape(after) + "&page[before]=" + url.QueryEscape(after), "cannot be combined"},
		{"cursor not base64", "page[after]=%25%25%25", "cursor is not valid"},
		{"cursor of another order", "page[after]=" + url.QueryEscape(descCursor), "another sort order"},
		{"unknown sort", "sort=name", "sort"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(t, srv, endUserID, "/api/v2/sessions?"+tt.query)
			if resp.Status != http.StatusBadRequest {
				t.Fatalf("status %d, body %s", resp.Status, resp.Body)
			}
			body := resp.Map(t)
			if body["error"] == nil || !strings.Contains(body["description"].(string), tt.wantInBody) {
				t.Errorf("body %s does not name %q", resp.Body, tt.wantInBody)
			}
		})
	}
}

func TestOffsetPagination(t *testing.T) {
	sessions, ids := seedSessions(endUserID, 25)
	srv := newTestServer(t, WithSessions(sessions...))
	var got []int64
	next := "/api/v2/users/3/sessions?per_page=10"
	for n := 1; ; n++ {
		p := getPage(t, srv, endUserID, next)
		got = append(got, p.ids()...)
		if p.Count == nil || *p.Count != 25 {
			t.Errorf("page %d: count %v, want 25", n, p.Count)
		}
		if p.Meta != nil || p.Links != nil {
			t.Errorf("page %d: an offset page with cursor meta or links", n)
		}
		if (n == 1) != (p.PreviousPage == nil) {
			t.Errorf("page %d: previous_page %v", n, p.PreviousPage)
		}
		if p.NextPage == nil {
			if n != 3 {
				t.Errorf("next_page null on page %d, want on 3", n)
			}
			break
		}
		next = *p.NextPage
	}
	if diff := cmp.Diff(ids, got); diff != "" {
		t.Errorf("offset walk (-want +got):\n%s", diff)
	}
}

func TestOffsetPaginationLimit(t *testing.T) {
	sessions, _ := seedSessions(endUserID, 3)
	srv := newTestServer(t, WithSessions(sessions...))
	if resp := get(t, srv, endUserID, "/api/v2/users/3/sessions?page=100&per_page=1"); resp.Status != http.StatusOK {
		t.Errorf("page 100: %d %s", resp.Status, resp.Body)
	}
	resp := get(t, srv, endUserID, "/api/v2/users/3/sessions?page=101&per_page=1")
	if resp.Status != http.StatusBadRequest {
		t.Fatalf("page 101: %d %s", resp.Status, resp.Body)
	}
	want := map[string]any{"errors": []any{map[string]any{
		"code":   "InvalidPaginationParameter",
		"title":  "Invalid pagination parameter",
		"detail": "Offset pagination is limited to the first 100 pages. Use cursor pagination instead.",
		"status": "400",
	}}}
	if diff := cmp.Diff(want, resp.Map(t)); diff != "" {
		t.Errorf("page 101 body (-want +got):\n%s", diff)
	}
	// Cursor parameters switch the same endpoint to cursor pagination.
	if p := getPage(t, srv, endUserID, "/api/v2/users/3/sessions?page[size]=2"); p.Meta == nil || !p.Meta.HasMore {
		t.Errorf("cursor page of a user: meta %+v", p.Meta)
	}
}
