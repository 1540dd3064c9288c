package zendesk_test

import (
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"weak"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// pageMeta is what a test checks of a page besides its items.
type pageMeta struct {
	Cursor, NextCursor, PrevCursor string
	HasMore                        bool
	Total                          int
	IDs                            []int64
	RateLimit                      zendesk.RateLimit
}

func metaOf(p *zendesk.Page[zendesk.Session]) pageMeta {
	m := pageMeta{Cursor: p.Cursor, NextCursor: p.NextCursor, PrevCursor: p.PrevCursor, HasMore: p.HasMore, Total: p.Total, RateLimit: p.RateLimit}
	for _, s := range p.Items {
		m.IDs = append(m.IDs, s.ID)
	}
	return m
}

// TestListPages walks recorded envelopes and checks every request and page.
func TestListPages(t *testing.T) {
	rl := zendesk.RateLimit{Limit: 700, Remaining: 699, Present: true}
	tests := []struct {
		name    string
		byUser  bool
		opts    *zendesk.ListOptions
		replies []reply
		queries []string
		pages   []pageMeta
	}{
		{
			name: "cursor walk",
			opts: &zendesk.ListOptions{PageSize: 2},
			replies: []reply{
				{status: 200, body: `{"sessions":[{"id":1},{"id":2}],"meta":{"has_more":true,"after_cursor":"c2","before_cursor":"c1"},"links":{"next":"https://acme.zendesk.com/api/v2/sessions?page%5Bafter%5D=c2&page%5Bsize%5D=2","prev":null}}`},
				{status: 200, body: `{"sessions":[{"id":3},{"id":4}],"meta":{"has_more":true,"after_cursor":"c4","before_cursor":"c3"},"links":{"next":"x","prev":"y"}}`},
				{status: 200, body: `{"sessions":[{"id":5}],"meta":{"has_more":false,"after_cursor":null,"before_cursor":"c5"},"links":{"next":null,"prev":"z"}}`},
			},
			queries: []string{"page%5Bsize%5D=2", "page%5Bsize%5D=2&page%5Bafter%5D=c2", "page%5Bsize%5D=2&page%5Bafter%5D=c4"},
			pages: []pageMeta{
				{Cursor: "", NextCursor: "c2", PrevCursor: "c1", HasMore: true, IDs: []int64{1, 2}, RateLimit: rl},
				{Cursor: "c2", NextCursor: "c4", PrevCursor: "c3", HasMore: true, IDs: []int64{3, 4}, RateLimit: rl},
				{Cursor: "c4", NextCursor: "", PrevCursor: "c5", IDs: []int64{5}, RateLimit: rl},
			},
		},
		{
			name: "has_more false stops despite an after_cursor",
			replies: []reply{
				{status: 200, body: `{"sessions":[{"id":1}],"meta":{"has_more":false,"after_cursor":"c1"}}`},
			},
			queries: []string{"page%5Bsize%5D=100"},
			pages:   []pageMeta{{NextCursor: "c1", IDs: []int64{1}, RateLimit: rl}},
		},
		{
			name: "cursor taken from links when meta has none",
			replies: []reply{
				{status: 200, body: `{"sessions":[{"id":1}],"meta":{"has_more":true,"after_cursor":null},"links":{"next":"https://acme.zendesk.com/api/v2/sessions?page%5Bafter%5D=L1&page%5Bsize%5D=100"}}`},
				{status: 200, body: `{"sessions":[{"id":2}],"links":{"next":"https://acme.zendesk.com/api/v2/sessions?page[after]=L2"}}`},
				{status: 200, body: `{"sessions":[{"id":3}]}`},
			},
			queries: []string{"page%5Bsize%5D=100", "page%5Bsize%5D=100&page%5Bafter%5D=L1", "page%5Bsize%5D=100&page%5Bafter%5D=L2"},
			pages: []pageMeta{
				{NextCursor: "L1", HasMore: true, IDs: []int64{1}, RateLimit: rl},
				{Cursor: "L1", NextCursor: "L2", HasMore: true, IDs: []int64{2}, RateLimit: rl},
				{Cursor: "L2", IDs: []int64{3}, RateLimit: rl},
			},
		},
		{
			name: "backward walk follows before_cursor",
			opts: &zendesk.ListOptions{Before: "c9", PageSize: 2},
			replies: []reply{
				{status: 200, body: `{"sessions":[{"id":7},{"id":8}],"meta":{"has_more":true,"after_cursor":"c8","before_cursor":"c7"}}`},
				{status: 200, body: `{"sessions":[{"id":6}],"meta":{"has_more":false,"after_cursor":"c6","before_cursor":null}}`},
			},
			queries: []string{"page%5Bsize%5D=2&page%5Bbefore%5D=c9", "page%5Bsize%5D=2&page%5Bbefore%5D=c7"},
			pages: []pageMeta{
				{Cursor: "c9", NextCursor: "c7", PrevCursor: "c8", HasMore: true, IDs: []int64{7, 8}, RateLimit: rl},
				{Cursor: "c7", PrevCursor: "c6", IDs: []int64{6}, RateLimit: rl},
			},
		},
		{
			name:   "offset walk",
			byUser: true,
			opts:   &zendesk.ListOptions{Offset: true, PageSize: 2},
			replies: []reply{
				{status: 200, body: `{"sessions":[{"id":1},{"id":2}],"next_page":"https://acme.zendesk.com/api/v2/users/5/sessions.json?page=2&per_page=2","previous_page":null,"count":5}`},
				{status: 200, body: `{"sessions":[{"id":3},{"id":4}],"next_page":"https://acme.zendesk.com/api/v2/users/5/sessions.json?page=3&per_page=2","previous_page":"p1","count":5}`},
				{status: 200, body: `{"sessions":[{"id":5},null],"next_page":null,"previous_page":"p2","count":5}`},
			},
			queries: []string{"page=1&per_page=2", "page=2&per_page=2", "page=3&per_page=2"},
			pages: []pageMeta{
				{Cursor: "1", NextCursor: "2", HasMore: true, Total: 5, IDs: []int64{1, 2}, RateLimit: rl},
				{Cursor: "2", NextCursor: "3", PrevCursor: "1", HasMore: true, Total: 5, IDs: []int64{3, 4}, RateLimit: rl},
				{Cursor: "3", PrevCursor: "2", Total: 5, IDs: []int64{5}, RateLimit: rl},
			},
		},
		{
			name: "resume after a saved cursor, with the largest page size",
			opts: &zendesk.ListOptions{After: "c2", PageSize: zendesk.MaxPageSize},
			replies: []reply{
				{status: 200, body: `{"sessions":[{"id":3}],"meta":{"has_more":false,"before_cursor":"c3"}}`},
			},
			queries: []string{"page%5Bsize%5D=100&page%5Bafter%5D=c2"},
			pages:   []pageMeta{{Cursor: "c2", PrevCursor: "c3", IDs: []int64{3}, RateLimit: rl}},
		},
		{
			name:   "offset page 1 has no previous page, whatever previous_page says",
			byUser: true,
			opts:   &zendesk.ListOptions{Offset: true},
			replies: []reply{
				{status: 200, body: `{"sessions":[{"id":1}],"next_page":null,"previous_page":"https://acme.zendesk.com/api/v2/users/5/sessions.json?page=0","count":1}`},
			},
			queries: []string{"page=1&per_page=100"},
			pages:   []pageMeta{{Cursor: "1", Total: 1, IDs: []int64{1}, RateLimit: rl}},
		},
		{
			name:    "endpoint rate limit wins",
			replies: []reply{{status: 200, header: http.Header{"Ratelimit-Limit": {"100"}, "Ratelimit-Remaining": {"3"}, "Ratelimit-Reset": {"12"}}, body: `{"sessions":[]}`}},
			queries: []string{"page%5Bsize%5D=100"},
			pages:   []pageMeta{{RateLimit: zendesk.RateLimit{Limit: 100, Remaining: 3, Reset: 12e9, Present: true}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, tc.replies...)
			zc := f.client(t)
			p := zc.Sessions.List(tc.opts)
			path := "/api/v2/sessions"
			if tc.byUser {
				p, path = zc.Sessions.ListByUser(5, tc.opts), "/api/v2/users/5/sessions"
			}
			var got []pageMeta
			for page, err := range p.Pages(t.Context()) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, metaOf(page))
			}
			if diff := cmp.Diff(tc.pages, got); diff != "" {
				t.Errorf("pages (-want +got):\n%s", diff)
			}
			var want []seen
			for _, q := range tc.queries {
				want = append(want, seen{Method: "GET", Path: path, Query: q, Auth: apiTokenAuth()})
			}
			if diff := cmp.Diff(want, f.requests()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

// TestListBadOptions checks that bad ListOptions are yielded by the first
// iteration, naming the argument, and nothing is sent.
func TestListBadOptions(t *testing.T) {
	s := offlineClient(t).Sessions
	tests := []struct {
		name  string
		pager *zendesk.Pager[zendesk.Session]
		want  string
	}{
		{"page size 0 is fine but -1 is not", s.List(&zendesk.ListOptions{PageSize: -1}), "invalid ListOptions.PageSize -1"},
		{"page size 101", s.List(&zendesk.ListOptions{PageSize: 101}), "invalid ListOptions.PageSize 101: must be between 1 and 100"},
		{"after and before", s.List(&zendesk.ListOptions{After: "a", Before: "b"}), "ListOptions.After and ListOptions.Before: cannot be combined"},
		{"offset on List", s.List(&zendesk.ListOptions{Offset: true}), "ListOptions.Offset"},
		{"offset with cursor", s.ListByUser(1, &zendesk.ListOptions{Offset: true, After: "a"}), "ListOptions.Offset"},
		{"page without offset", s.ListByUser(1, &zendesk.ListOptions{Page: 2}), "invalid ListOptions.Page 2: needs ListOptions.Offset"},
		{"negative page", s.ListByUser(1, &zendesk.ListOptions{Offset: true, Page: -1}), "invalid ListOptions.Page -1"},
		{"user id 0", s.ListByUser(0, nil), "invalid userID 0: must be > 0"},
		{"user id < 0", s.ListByUser(-1, nil), "invalid userID -1: must be > 0"},
		{"bad per-call option", s.List(nil, zendesk.WithMaxResponseBytes(0)), "zendesk: invalid WithMaxResponseBytes 0: must be > 0"},
		{"user page size", s.ListByUser(1, &zendesk.ListOptions{PageSize: 1000}), "ListOptions.PageSize 1000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for s, err := range tc.pager.All(t.Context()) {
				n++
				if !errors.Is(err, zendesk.ErrInvalidArgument) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("yielded %v, %v; want an error containing %q", s, err, tc.want)
				}
			}
			if n != 1 {
				t.Errorf("yielded %d times, want once", n)
			}
		})
	}
}

// TestListDoesNotMutate checks that List copies the caller's options and
// per-call options.
func TestListDoesNotMutate(t *testing.T) {
	f := newFake(t,
		reply{status: 200, body: `{"sessions":[{"id":1}],"meta":{"has_more":true,"after_cursor":"c1"}}`},
		reply{status: 200, body: `{"sessions":[{"id":2}],"meta":{"has_more":false}}`})
	zc := f.client(t)
	opts := &zendesk.ListOptions{Sort: "id"}
	callOpts := []zendesk.Option{zendesk.WithHeader("X-Job", "a")}
	p := zc.Sessions.ListByUser(5, opts, callOpts...)
	opts.Sort, callOpts[0] = "-id", zendesk.WithHeader("X-Job", "b") // changed after List: no effect
	got, err := p.Collect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d sessions", len(got))
	}
	if diff := cmp.Diff(&zendesk.ListOptions{Sort: "-id"}, opts); diff != "" {
		t.Errorf("options changed (-want +got):\n%s", diff)
	}
	for i, r := range f.requests() {
		if !strings.HasPrefix(r.Query, "page%5Bsize%5D=100") || !strings.Contains(r.Query, "sort=id") || strings.Contains(r.Query, "sort=-id") {
			t.Errorf("request %d query %q", i, r.Query)
		}
		if h := f.headers()[i].Get("X-Job"); h != "a" {
			t.Errorf("request %d X-Job = %q, want a", i, h)
		}
	}
}

// TestListErrorMidway checks that a failing page is yielded once, after the
// items of the pages before it, and that break stops fetching.
func TestListErrorMidway(t *testing.T) {
	f := newFake(t,
		reply{status: 200, body: `{"sessions":[{"id":1},{"id":2}],"meta":{"has_more":true,"after_cursor":"c1"}}`},
		reply{status: 404, body: errClassic404})
	zc := f.client(t)
	var ids []int64
	var errs []error
	for s, err := range zc.Sessions.List(nil).All(t.Context()) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, s.ID)
	}
	if diff := cmp.Diff([]int64{1, 2}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if len(errs) != 1 || !errors.Is(errs[0], zendesk.ErrNotFound) {
		t.Errorf("errors = %v, want one ErrNotFound", errs)
	}

	f2 := newFake(t, reply{status: 200, body: `{"sessions":[{"id":1},{"id":2}],"meta":{"has_more":true,"after_cursor":"c1"}}`})
	for range f2.client(t).Sessions.List(nil).All(t.Context()) {
		break
	}
	if n := len(f2.requests()); n != 1 {
		t.Errorf("break: %d requests, want 1", n)
	}
}

// TestList250Pages walks 250 pages from an in-memory API and proves that
// the pager keeps one page in memory: once a page is left behind, the
// garbage collector can reclaim it and its sessions. The API then repeats
// a cursor, which ends the listing with ErrRepeatedCursor instead of a
// loop.
func TestList250Pages(t *testing.T) {
	const pages, size = 250, 100
	requests := 0
	api := doerFunc(func(r *http.Request) (*http.Response, error) {
		requests++
		n := 0
		if after := r.URL.Query().Get("page[after]"); after != "" {
			n, _ = strconv.Atoi(strings.TrimPrefix(after, "p"))
		}
		var b strings.Builder
		b.WriteString(`{"sessions":[`)
		for i := range size {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":%d,"user_id":1,"authenticated_at":"2024-01-01T00:00:00Z","url":"https://acme.zendesk.com/api/v2/users/1/sessions/%d.json"}`, n*size+i+1, n*size+i+1)
		}
		next := n + 1
		if next >= pages {
			next = pages - 1 // repeats the cursor of the last page
		}
		fmt.Fprintf(&b, `],"meta":{"has_more":true,"after_cursor":"p%d"}}`, next)
		return respond(r, 200, b.String()), nil
	})
	zc, err := zendesk.NewClient("acme", zendesk.WithHTTPClient(api), zendesk.WithOAuthToken(testOAuth))
	if err != nil {
		t.Fatal(err)
	}
	var (
		seenPages int
		lastID    int64
		finalErr  error
		old       []weak.Pointer[zendesk.Session] // the first session of each page
	)
	for page, err := range zc.Sessions.List(nil).Pages(t.Context()) {
		if err != nil {
			finalErr = err
			break
		}
		seenPages++
		if len(page.Items) != size || page.Items[0].ID != lastID+1 {
			t.Fatalf("page %d: %d items from id %d, want %d from %d", seenPages, len(page.Items), page.Items[0].ID, size, lastID+1)
		}
		lastID = page.Items[size-1].ID
		old = append(old, weak.Make(&page.Items[0]))
		if seenPages%50 == 0 {
			runtime.GC()
			for i, w := range old[:len(old)-1] {
				if w.Value() != nil {
					t.Fatalf("at page %d, page %d is still in memory", seenPages, i+1)
				}
			}
		}
	}
	if seenPages != pages || requests != pages {
		t.Errorf("saw %d pages in %d requests, want %d", seenPages, requests, pages)
	}
	if !errors.Is(finalErr, zendesk.ErrRepeatedCursor) {
		t.Errorf("final error = %v, want ErrRepeatedCursor", finalErr)
	}
}

// TestListAgainstServer walks the spec-validating fake server forwards,
// backwards and by offset.
func TestListAgainstServer(t *testing.T) {
	var seed []zendesktest.Session
	for i := range 7 {
		seed = append(seed, zendesktest.Session{ID: int64(100 + i), UserID: endUserID})
	}
	_, zc := newZendesk(t, true, []zendesktest.Option{zendesktest.WithSessions(seed...)})
	ids := func(p *zendesk.Pager[zendesk.Session]) ([]int64, []string) {
		t.Helper()
		var out []int64
		var cursors []string
		for page, err := range p.Pages(t.Context()) {
			if err != nil {
				t.Fatal(err)
			}
			cursors = append(cursors, page.Cursor)
			for _, s := range page.Items {
				out = append(out, s.ID)
			}
		}
		return out, cursors
	}
	all, _ := ids(zc.Sessions.List(&zendesk.ListOptions{PageSize: 3}))
	if diff := cmp.Diff([]int64{100, 101, 102, 103, 104, 105, 106}, all); diff != "" {
		t.Errorf("forward (-want +got):\n%s", diff)
	}
	desc, _ := ids(zc.Sessions.ListByUser(endUserID, &zendesk.ListOptions{PageSize: 2, Sort: "-id"}))
	if diff := cmp.Diff([]int64{106, 105, 104, 103, 102, 101, 100}, desc); diff != "" {
		t.Errorf("descending (-want +got):\n%s", diff)
	}
	// Resume from the second page's cursor, then walk back from the end.
	var second zendesk.Page[zendesk.Session]
	for page, err := range zc.Sessions.List(&zendesk.ListOptions{PageSize: 3}).Pages(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		second = *page
		if page.Cursor != "" {
			break
		}
	}
	rest, _ := ids(zc.Sessions.List(&zendesk.ListOptions{PageSize: 3, After: second.Cursor}))
	if diff := cmp.Diff([]int64{103, 104, 105, 106}, rest); diff != "" {
		t.Errorf("resumed (-want +got):\n%s", diff)
	}
	back, _ := ids(zc.Sessions.List(&zendesk.ListOptions{PageSize: 3, Before: second.PrevCursor}))
	if diff := cmp.Diff([]int64{100, 101, 102}, back); diff != "" {
		t.Errorf("backward (-want +got):\n%s", diff)
	}
	offset, cursors := ids(zc.Sessions.ListByUser(endUserID, &zendesk.ListOptions{Offset: true, PageSize: 3}))
	if diff := cmp.Diff([]int64{100, 101, 102, 103, 104, 105, 106}, offset); diff != "" {
		t.Errorf("offset (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"1", "2", "3"}, cursors); diff != "" {
		t.Errorf("offset cursors (-want +got):\n%s", diff)
	}
	_, err := zc.Sessions.ListByUser(endUserID, &zendesk.ListOptions{Offset: true, Page: 101}).Collect(t.Context())
	if e, ok := errors.AsType[*zendesk.APIError](err); !ok || e.StatusCode != 400 || e.Code != "InvalidPaginationParameter" {
		t.Errorf("page 101: err = %v, want a 400 InvalidPaginationParameter", err)
	}
}
