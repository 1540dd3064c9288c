package sessionkit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fakePages serves n pages of 2 items each through page-number cursors
// (like the game server: cursor = decimal page number, "" = page 1).
type fakePages struct {
	n       int
	calls   int
	failAt  int // page that fails, 0 = none
	loopAt  int // page whose next cursor points back to page 2, 0 = none
	cursors []string
}

var errFetch = errors.New("fetch failed")

func (f *fakePages) fetch(_ context.Context, cursor string) (*Page[int], error) {
	f.calls++
	f.cursors = append(f.cursors, cursor)
	page := 1
	if cursor != "" {
		var err error
		if page, err = strconv.Atoi(cursor); err != nil {
			return nil, err
		}
	}
	if page == f.failAt {
		return nil, errFetch
	}
	p := &Page[int]{Items: []int{2*page - 1, 2 * page}, Total: 2 * f.n,
		RateLimit: RateLimit{Limit: 700, Remaining: 700 - page, Present: true},
		Header:    http.Header{"X-Page": {cursor}}}
	if page < f.n {
		p.HasMore, p.NextCursor = true, strconv.Itoa(page+1)
	}
	if page == f.loopAt {
		p.NextCursor = "2"
	}
	if page > 1 {
		p.PrevCursor = strconv.Itoa(page - 1)
	}
	return p, nil
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i + 1
	}
	return s
}

func TestPagerAllPagesCollect(t *testing.T) {
	f := &fakePages{n: 250}
	p := NewPager("test: List", "", f.fetch)

	var items []int
	for it, err := range p.All(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, it)
	}
	if diff := cmp.Diff(seq(500), items); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	if f.calls != 250 {
		t.Errorf("All fetched %d pages, want 250", f.calls)
	}

	f.calls = 0
	pages := 0
	for page, err := range p.Pages(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		wantCursor := ""
		if pages > 1 {
			wantCursor = strconv.Itoa(pages)
		}
		if page.Cursor != wantCursor || page.Total != 500 || page.RateLimit.Remaining != 700-pages || page.Header.Get("X-Page") != wantCursor {
			t.Fatalf("page %d: cursor %q total %d rate %+v", pages, page.Cursor, page.Total, page.RateLimit)
		}
		if (page.NextCursor == "") != (pages == 250) {
			t.Fatalf("page %d: next cursor %q", pages, page.NextCursor)
		}
	}
	if pages != 250 || f.calls != 250 {
		t.Errorf("Pages: %d pages, %d calls", pages, f.calls)
	}

	f.calls = 0
	all, err := p.Collect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(seq(500), all); diff != "" {
		t.Errorf("Collect (-want +got):\n%s", diff)
	}
	if f.calls != 250 {
		t.Errorf("Collect: %d calls", f.calls)
	}
}

func TestPagerBreakStopsFetching(t *testing.T) {
	f := &fakePages{n: 250}
	p := NewPager("test: List", "", f.fetch)
	n := 0
	for _, err := range p.All(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 5 { // items 1..5 live on pages 1..3
			break
		}
	}
	if f.calls != 3 {
		t.Errorf("fetched %d pages after break on item 5, want 3", f.calls)
	}
	f.calls = 0
	for range p.Pages(t.Context()) {
		break
	}
	if f.calls != 1 {
		t.Errorf("fetched %d pages after break on page 1, want 1", f.calls)
	}
}

func TestPagerErrorYieldedOnce(t *testing.T) {
	f := &fakePages{n: 250, failAt: 4}
	p := NewPager("test: List", "", f.fetch)
	var items []int
	errs := 0
	for it, err := range p.All(t.Context()) {
		if err != nil {
			errs++
			if !errors.Is(err, errFetch) {
				t.Errorf("err = %v", err)
			}
			continue // keep ranging: the pager must end by itself
		}
		items = append(items, it)
	}
	if errs != 1 || f.calls != 4 {
		t.Errorf("errors yielded %d, calls %d; want 1 and 4", errs, f.calls)
	}
	if diff := cmp.Diff(seq(6), items); diff != "" {
		t.Errorf("items before the error (-want +got):\n%s", diff)
	}

	f.calls = 0
	all, err := p.Collect(t.Context())
	if !errors.Is(err, errFetch) || len(all) != 6 {
		t.Errorf("Collect = %d items, %v; want the 6 items before the failure and the error", len(all), err)
	}
}

func TestPagerRepeatedCursor(t *testing.T) {
	f := &fakePages{n: 250, loopAt: 3}
	var items []int
	var gotErr error
	for it, err := range NewPager("test: List", "", f.fetch).All(t.Context()) {
		if err != nil {
			gotErr = err
			break
		}
		items = append(items, it)
	}
	if !errors.Is(gotErr, ErrRepeatedCursor) {
		t.Fatalf("err = %v, want ErrRepeatedCursor", gotErr)
	}
	if f.calls != 3 || len(items) != 6 {
		t.Errorf("calls %d items %d, want 3 and 6", f.calls, len(items))
	}

	// A page that repeats its own cursor is caught too.
	self := func(_ context.Context, cursor string) (*Page[int], error) {
		return &Page[int]{Items: []int{1}, HasMore: true, NextCursor: "same"}, nil
	}
	_, err := NewPager("test: List", "", self).Collect(t.Context())
	if !errors.Is(err, ErrRepeatedCursor) {
		t.Errorf("err = %v", err)
	}
}

func TestPagerStopsWithoutNextCursor(t *testing.T) {
	calls := 0
	fetch := func(_ context.Context, cursor string) (*Page[int], error) {
		calls++
		return &Page[int]{Items: []int{1}, HasMore: true}, nil // HasMore but no cursor
	}
	all, err := NewPager("test: List", "", fetch).Collect(t.Context())
	if err != nil || len(all) != 1 || calls != 1 {
		t.Errorf("Collect = %v, %v after %d calls", all, err, calls)
	}
	calls = 0
	fetch2 := func(_ context.Context, cursor string) (*Page[int], error) {
		calls++
		return &Page[int]{Items: []int{1}, NextCursor: "more"}, nil // cursor but no HasMore (Zendesk's last page)
	}
	if _, err := NewPager("test: List", "", fetch2).Collect(t.Context()); err != nil || calls != 1 {
		t.Errorf("err %v calls %d", err, calls)
	}
	nilPage := func(context.Context, string) (*Page[int], error) { return nil, nil }
	if all, err := NewPager("test: List", "", nilPage).Collect(t.Context()); err != nil || len(all) != 0 || all == nil {
		t.Errorf("nil page: %v, %v", all, err)
	}
}

func TestPagerRestartsAndStartCursor(t *testing.T) {
	f := &fakePages{n: 5}
	p := NewPager("test: List", "3", f.fetch)
	first, _ := p.Collect(t.Context())
	second, _ := p.Collect(t.Context())
	if diff := cmp.Diff([]int{5, 6, 7, 8, 9, 10}, first); diff != "" {
		t.Errorf("first (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("second iteration differs (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"3", "4", "5", "3", "4", "5"}, f.cursors); diff != "" {
		t.Errorf("cursors (-want +got):\n%s", diff)
	}
}

func TestPagerContext(t *testing.T) {
	f := &fakePages{n: 250}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	n := 0
	var gotErr error
	for _, err := range NewPager("test: List", "", f.fetch).All(ctx) {
		if err != nil {
			gotErr = err
			continue
		}
		if n++; n == 3 {
			cancel()
		}
	}
	if !errors.Is(gotErr, context.Canceled) || f.calls != 2 {
		t.Errorf("err %v after %d calls, want Canceled after 2", gotErr, f.calls)
	}
	//lint:ignore SA1012 a nil context must be an error, not a panic
	if _, err := NewPager("test: List", "", f.fetch).Collect(nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil ctx: %v", err)
	}
}

func TestErrorPager(t *testing.T) {
	bad := &InvalidArgumentError{API: "test", Name: "userID", Reason: "must be > 0"}
	p := ErrorPager[int](bad)
	errs := 0
	for _, err := range p.All(t.Context()) {
		if !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("err = %v", err)
		}
		errs++
	}
	if errs != 1 {
		t.Errorf("yielded %d errors, want 1", errs)
	}
	if _, err := p.Collect(t.Context()); err != error(bad) {
		t.Errorf("Collect err = %v", err)
	}
	for range ErrorPager[int](nil).All(t.Context()) {
		t.Error("ErrorPager(nil) yielded")
	}
	if _, err := NewPager[int]("test: List", "", nil).Collect(t.Context()); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil fetch: %v", err)
	}
	var nilPager *Pager[int]
	if _, err := nilPager.Collect(t.Context()); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil pager: %v", err)
	}
}

func ExamplePager() {
	// A fake API with three pages of names, cursor-paginated like Zendesk.
	pages := map[string]*Page[string]{
		"":   {Items: []string{"ada", "bob"}, HasMore: true, NextCursor: "c2"},
		"c2": {Items: []string{"cy", "di"}, HasMore: true, NextCursor: "c3"},
		"c3": {Items: []string{"eve"}},
	}
	fetch := func(_ context.Context, cursor string) (*Page[string], error) {
		return pages[cursor], nil
	}
	p := NewPager("test: List", "", fetch)
	ctx := context.Background()

	var names []string
	for name, err := range p.All(ctx) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		names = append(names, name)
	}
	fmt.Println(strings.Join(names, " "))

	for page, err := range p.Pages(ctx) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Printf("cursor=%q items=%d next=%q\n", page.Cursor, len(page.Items), page.NextCursor)
	}
	// Output:
	// ada bob cy di eve
	// cursor="" items=2 next="c2"
	// cursor="c2" items=2 next="c3"
	// cursor="c3" items=1 next=""
}

// TestPagerErrorsNameTheListingAndPage: every error a pager yields starts
// with its name and the page it was fetching, and wraps the cause.
func TestPagerErrorsNameTheListingAndPage(t *testing.T) {
	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	tests := []struct {
		name   string
		pager  *Pager[int]
		ctx    context.Context
		prefix string
		is     error
	}{
		{"fetch fails", NewPager("test: List", "", (&fakePages{n: 9, failAt: 4}).fetch), t.Context(), "test: List page 4: ", errFetch},
		{"first page fails", NewPager("test: List", "", (&fakePages{n: 9, failAt: 1}).fetch), t.Context(), "test: List page 1: fetch failed", errFetch},
		{"repeated cursor", NewPager("test: List", "", (&fakePages{n: 9, loopAt: 3}).fetch), t.Context(), `test: List page 4: the API returned cursor "2" again after "3"`, ErrRepeatedCursor},
		{"context ended", NewPager("test: List", "", (&fakePages{n: 9}).fetch), canceled, "test: List page 1: ", context.Canceled},
		{"no name", NewPager("", "", (&fakePages{n: 9, failAt: 2}).fetch), t.Context(), "sessionkit: listing page 2: ", errFetch},
		{"the API named once", NewPager("test: List", "", failWith(fmt.Errorf("test: GET /x: %w", errFetch))), t.Context(), "test: List page 1: GET /x: fetch failed", errFetch},
		{"another API kept", NewPager("test: List", "", failWith(fmt.Errorf("other: %w", errFetch))), t.Context(), "test: List page 1: other: fetch failed", errFetch},
		{"a prefix only at the start", NewPager("test: List", "", failWith(fmt.Errorf("x test: %w", errFetch))), t.Context(), "test: List page 1: x test: fetch failed", errFetch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.pager.Collect(tt.ctx)
			if err == nil || !strings.HasPrefix(err.Error(), tt.prefix) || !errors.Is(err, tt.is) || strings.HasSuffix(tt.name, "once") && err.Error() != tt.prefix {
				t.Errorf("err = %v, want %q… wrapping %v", err, tt.prefix, tt.is)
			}
		})
	}
}

// failWith is a fetch that fails with err.
func failWith(err error) FetchFunc[int] {
	return func(context.Context, string) (*Page[int], error) { return nil, err }
}

// emptyPages serves empty pages that each say there is more and hand out a
// fresh cursor of size bytes; every full-th page (when full > 0) has one
// item, and the pages end after last pages (never when last is 0).
func emptyPages(size, full, last int) FetchFunc[int] {
	n := 0
	return func(context.Context, string) (*Page[int], error) {
		n++
		p := &Page[int]{HasMore: last == 0 || n < last}
		if full > 0 && n%full == 0 {
			p.Items = []int{n}
		}
		if p.HasMore {
			id := strconv.Itoa(n)
			p.NextCursor = strings.Repeat("c", max(0, size-len(id))) + id
		}
		return p, nil
	}
}

// TestPagerCursorMemoryBounded: what the pager keeps of the cursors it has
// seen does not grow with their size: 100 pages with fresh 512 KiB cursors
// leave the heap within a few cursors' worth of where it began.
func TestPagerCursorMemoryBounded(t *testing.T) {
	const size, pages = 512 << 10, MaxEmptyPages
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n := 0
	for _, err := range NewPager("test: List", "", emptyPages(size, 0, 0)).Pages(t.Context()) {
		if err != nil {
			break
		}
		if n++; n == pages { // the iteration, and all it keeps, is still live
			runtime.GC()
			runtime.ReadMemStats(&after)
			break
		}
	}
	if n != pages {
		t.Fatalf("the pager yielded %d pages, want %d", n, pages)
	}
	const bound = 8 * size // the page at hand's cursors, and slack
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > bound {
		t.Errorf("the heap grew by %d KiB over %d pages of %d KiB cursors, want at most %d KiB", grown>>10, pages, size>>10, bound>>10)
	}
}

// TestPagerEmptyPages: a run of MaxEmptyPages empty pages, each with a new
// cursor and saying there is more, ends the listing with an error wrapping
// ErrEmptyPages that says why; a page with items starts the count again.
func TestPagerEmptyPages(t *testing.T) {
	tests := []struct {
		name      string
		full      int // every full-th page has an item
		last      int // the page that says there is no more (0: none)
		wantPages int
		wantErr   string
	}{
		{name: "endless empty pages", wantPages: MaxEmptyPages,
			wantErr: "test: List page 101: the API handed out 100 empty pages in a row, each with a new cursor and saying there is more: too many empty pages in a row"},
		{name: "an item every MaxEmptyPages pages", full: MaxEmptyPages, last: 5 * MaxEmptyPages, wantPages: 5 * MaxEmptyPages},
		{name: "one empty page too many between items", full: MaxEmptyPages + 1, last: 5 * MaxEmptyPages, wantPages: MaxEmptyPages,
			wantErr: "test: List page 101: the API handed out 100 empty pages in a row, each with a new cursor and saying there is more: too many empty pages in a row"},
		{name: "empty pages that end", last: MaxEmptyPages, wantPages: MaxEmptyPages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, errs := 0, 0
			var gotErr error
			for _, err := range NewPager("test: List", "", emptyPages(8, tt.full, tt.last)).Pages(t.Context()) {
				if err != nil {
					gotErr = err
					errs++
					continue
				}
				if pages++; pages > 10*MaxEmptyPages+tt.last {
					t.Fatalf("the listing goes on after %d pages", pages)
				}
			}
			if pages != tt.wantPages {
				t.Errorf("yielded %d pages, want %d", pages, tt.wantPages)
			}
			if tt.wantErr == "" {
				if gotErr != nil {
					t.Errorf("err = %v, want none", gotErr)
				}
				return
			}
			if !errors.Is(gotErr, ErrEmptyPages) || errs != 1 {
				t.Fatalf("err = %v (yielded %d times), want one wrapping ErrEmptyPages", gotErr, errs)
			}
			if diff := cmp.Diff(tt.wantErr, gotErr.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCursorGuard: a cursor handed out again is caught at once among the
// first cursors the guard keeps, and past them before three times as many
// cursors have been handed out as when the loop closed, however long the
// loop and wherever it starts; fresh cursors are never taken for repeats.
func TestCursorGuard(t *testing.T) {
	const limit = 4
	tests := []struct {
		name     string
		prefix   int // fresh cursors before the loop
		loop     int // the loop's length (0: no loop)
		caughtBy int // the cursor by which the repeat must be caught
	}{
		{name: "no loop", prefix: 10000, caughtBy: 10000},
		{name: "a loop within the kept cursors", prefix: 1, loop: 2, caughtBy: 3},
		{name: "a loop back to the start", prefix: 0, loop: limit, caughtBy: limit},
		{name: "a short loop past the kept cursors", prefix: 10, loop: 3, caughtBy: 3 * 13},
		{name: "a short loop far out", prefix: 5000, loop: 3, caughtBy: 3 * 5003},
		{name: "a long loop far out", prefix: 1000, loop: 777, caughtBy: 3 * 1777},
		{name: "a loop just longer than a checkpoint's reach", prefix: limit, loop: 257, caughtBy: 3 * (limit + 257)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newCursorGuard(limit)
			cursor := func(i int) string { // the i-th cursor handed out
				if tt.loop > 0 && i >= tt.prefix+tt.loop {
					i = tt.prefix + (i-tt.prefix)%tt.loop
				}
				return "cursor-" + strconv.Itoa(i)
			}
			closes := tt.prefix + tt.loop // the first repeated cursor
			for i := range tt.caughtBy + 1 {
				if !g.repeated(cursor(i)) {
					continue
				}
				if tt.loop == 0 || i < closes {
					t.Fatalf("cursor %d (%s) taken for a repeat", i, cursor(i))
				}
				return
			}
			if tt.loop > 0 {
				t.Errorf("the loop closing at cursor %d was not caught by cursor %d", closes, tt.caughtBy)
			}
		})
	}
}

// TestPagerPageWithError: a fetch that returns a page together with an
// error has the page yielded (All and Collect keep its items), then the
// error, naming that page; nothing more is fetched.
func TestPagerPageWithError(t *testing.T) {
	calls := 0
	p := NewPager("test: List", "", func(_ context.Context, cursor string) (*Page[int], error) {
		calls++
		if cursor == "" {
			return &Page[int]{Items: []int{1, 2}, NextCursor: "2", HasMore: true}, nil
		}
		return &Page[int]{Items: []int{3}, NextCursor: "3", HasMore: true}, errFetch
	})
	got, err := p.Collect(t.Context())
	if diff := cmp.Diff([]int{1, 2, 3}, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if !errors.Is(err, errFetch) || !strings.HasPrefix(err.Error(), "test: List page 2: ") {
		t.Errorf("err = %v, want errFetch naming page 2", err)
	}
	if calls != 2 {
		t.Errorf("%d fetches, want 2", calls)
	}
	var cursors []string
	for page, err := range p.Pages(t.Context()) {
		if err == nil {
			cursors = append(cursors, page.Cursor)
		}
	}
	if diff := cmp.Diff([]string{"", "2"}, cursors); diff != "" {
		t.Errorf("page cursors (-want +got):\n%s", diff)
	}
}
