package sessionkit

import (
	"context"
	"fmt"
	"hash/maphash"
	"iter"
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/wrapper/internal/clip"
)

// Page is one page of a listing, with what resumes a crawl and paces it.
type Page[T any] struct {
	Items []T
	// Cursor is the cursor this page was fetched with ("" for the first
	// page): given to the client's list options, it fetches this page again.
	Cursor     string
	NextCursor string // the next page's; "" on the last page
	PrevCursor string // the previous page's, when the API gives one
	// HasMore is true when the API says there is a next page; the pager
	// goes on while HasMore is true and NextCursor is not empty.
	HasMore   bool
	Total     int       // the items across all pages, when the API reports it (total_count)
	RateLimit RateLimit // the page's response's
	// Header is the page's response header, without credential-bearing
	// fields such as Set-Cookie.
	Header http.Header
}

// FetchFunc fetches the page at cursor (the pager's start cursor for the
// first page), without modifying the options it was built from. A page
// returned with an error is yielded before the error ends the iteration.
type FetchFunc[T any] func(ctx context.Context, cursor string) (*Page[T], error)

// Pager lists a collection lazily: creating one does no I/O, and each
// iteration fetches pages on demand, one page in memory at a time, without
// goroutines. Breaking out of a loop stops fetching. An error is yielded
// once and ends the iteration; it names the listing and the page
// ("zendesk: Sessions.List page 3: …") and wraps the cause. Each iteration
// starts over from the first page, independently, from any goroutine.
//
// A listing that does not get anywhere ends with an error instead of going
// on forever: a next cursor already seen in this iteration with one
// wrapping ErrRepeatedCursor, the MaxEmptyPages-th empty page in a row
// that still says there is more with one wrapping ErrEmptyPages. Memory
// stays bounded whatever the cursors (see cursorGuard).
type Pager[T any] struct {
	name  string
	start string
	fetch FetchFunc[T]
	err   error
}

// NewPager returns a pager named name (such as "zendesk: Sessions.List",
// used in its errors) that starts at cursor start ("" for the first page)
// and fetches with fetch: the clients' pagers, or a test's own pages. A
// nil fetch gives a pager that yields an *InvalidArgumentError.
func NewPager[T any](name, start string, fetch FetchFunc[T]) *Pager[T] {
	if fetch == nil {
		return &Pager[T]{name: name, err: &InvalidArgumentError{Name: "pager fetch function", Reason: "must not be nil"}}
	}
	return &Pager[T]{name: name, start: start, fetch: fetch}
}

// ErrorPager returns a pager that yields err once (nothing for nil): a
// client's List with invalid arguments returns one, so the error surfaces
// in the caller's loop.
func ErrorPager[T any](err error) *Pager[T] {
	return &Pager[T]{err: err}
}

// Pages iterates over the pages. Each page is yielded with a nil error; a
// failure is yielded once as (nil, err) and ends the iteration. A nil ctx
// is such an error.
func (p *Pager[T]) Pages(ctx context.Context) iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		switch {
		case p == nil:
			yield(nil, &InvalidArgumentError{Name: "pager", Reason: "must not be nil"})
			return
		case p.err != nil:
			yield(nil, p.err)
			return
		case p.fetch == nil:
			return
		case ctx == nil:
			yield(nil, &InvalidArgumentError{Name: "ctx", Reason: "must not be nil"})
			return
		}
		cursor := p.start
		guard := newCursorGuard(maxExactCursors)
		guard.repeated(cursor)
		empty := 0 // the empty pages in a row that said there was more
		for n := 1; ; n++ {
			if err := ctx.Err(); err != nil {
				yield(nil, p.wrap(n, err))
				return
			}
			page, err := p.fetch(ctx, cursor)
			if page == nil && err == nil {
				page = &Page[T]{}
			}
			if page != nil {
				page.Cursor = cursor
				if !yield(page, nil) {
					return
				}
			}
			if err != nil {
				yield(nil, p.wrap(n, err))
				return
			}
			next := page.NextCursor
			if !page.HasMore || next == "" {
				return
			}
			if guard.repeated(next) {
				yield(nil, p.wrap(n+1, fmt.Errorf("the API returned cursor %q again after %q: %w", clip.Truncate(next, 64), clip.Truncate(cursor, 64), ErrRepeatedCursor)))
				return
			}
			if empty++; len(page.Items) > 0 {
				empty = 0
			} else if empty >= MaxEmptyPages {
				yield(nil, p.wrap(n+1, fmt.Errorf("the API handed out %d empty pages in a row, each with a new cursor and saying there is more: %w", empty, ErrEmptyPages)))
				return
			}
			cursor = next
		}
	}
}

// MaxEmptyPages is how many empty pages in a row, each saying there is
// more, end a Pager's iteration with an error wrapping ErrEmptyPages.
const MaxEmptyPages = 100

// maxExactCursors is how many cursors' hashes a cursorGuard keeps.
const maxExactCursors = 1 << 16

// cursorGuard tells whether a listing hands out a cursor again, in bounded
// memory: a 64-bit hash (random seed per iteration) of each of the first
// limit cursors catches a repeat among them at once; past them, one
// checkpoint of Brent's cycle detection catches a loop that closes at the
// n-th cursor before the 3n-th.
type cursorGuard struct {
	seed  maphash.Seed
	seen  map[uint64]struct{}
	limit int
	// Brent's checkpoint: the hash marked, how many cursors since, and how
	// many there may be before the mark moves on.
	mark         uint64
	steps, power int
}

func newCursorGuard(limit int) *cursorGuard {
	return &cursorGuard{seed: maphash.MakeSeed(), seen: map[uint64]struct{}{}, limit: limit}
}

// repeated reports whether cursor was handed out before, and remembers it.
func (g *cursorGuard) repeated(cursor string) bool {
	h := maphash.String(g.seed, cursor)
	if _, ok := g.seen[h]; ok {
		return true
	}
	if len(g.seen) < g.limit {
		g.seen[h] = struct{}{}
		return false
	}
	if g.power > 0 && h == g.mark {
		return true
	}
	if g.steps++; g.steps >= g.power {
		g.mark, g.steps, g.power = h, 0, max(1, 2*g.power)
	}
	return false
}

// wrap names the listing and the page in err, naming the API once when
// both start with it ("gameserver: ").
func (p *Pager[T]) wrap(page int, err error) error {
	name := p.name
	if name == "" {
		name = "sessionkit: listing"
	}
	msg := err.Error()
	if api, _, ok := strings.Cut(name, ": "); ok {
		msg = strings.TrimPrefix(msg, api+": ")
	}
	return &pageError{msg: fmt.Sprintf("%s page %d: %s", name, page, msg), err: err}
}

// pageError is a listing's error, wrapping the page's.
type pageError struct {
	msg string
	err error
}

func (e *pageError) Error() string { return e.msg }
func (e *pageError) Unwrap() error { return e.err }

// All iterates over the items of every page. A failure is yielded once as
// (zero T, err) and ends the iteration.
func (p *Pager[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range p.Pages(ctx) {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range page.Items {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
}

// Collect returns the items of every page (never nil), or those gathered
// so far and the error. It holds the whole collection in memory; prefer
// All for large listings.
func (p *Pager[T]) Collect(ctx context.Context) ([]T, error) {
	all := []T{}
	for page, err := range p.Pages(ctx) {
		if err != nil {
			return all, err
		}
		all = append(all, page.Items...)
	}
	return all, nil
}
