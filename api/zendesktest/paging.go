package zendesktest

import (
	zgen "github.com/sessionkit/sessions/gen/zendesk"

	"github.com/sessionkit/sessions/api/internal/fakeapi"

	"net/url"
	"sort"
	"strconv"
)

// Page-size limits of Zendesk's pagination.
const (
	defaultPageSize = 100
	maxOffsetPages  = 100 // offset pagination answers 400 past this page
)

// cursorQuery holds the cursor-pagination parameters of a request.
type cursorQuery struct {
	size          *int
	after, before *string
	sort          *string
}

// offsetQuery holds the offset-pagination parameters of a request.
type offsetQuery struct {
	page, perPage *int
	sort          *string
}

// cursorPage answers one cursor page of the sessions keep selects.
//
// page[after]=c lists the sessions after the one c points at, page[before]=c
// those before it. after_cursor points at the page's last session and is
// null when nothing follows; before_cursor points at its first and is null
// when nothing precedes; has_more tells whether the direction of travel has
// more; links.next and links.prev are the URLs of those pages, or null.
func (h *handlers) cursorPage(c caller, path string, q cursorQuery, keep func(Session) bool) *fakeapi.Reply {
	if q.after != nil && q.before != nil {
		return invalidPagination("page[after] and page[before] cannot be combined")
	}
	o, err := parseOrder(deref(q.sort))
	if err != nil {
		return invalidPagination(err.Error())
	}
	size := defaultPageSize
	if q.size != nil {
		size = *q.size
	}
	all := h.st.list(keep, o)
	start, end := 0, min(size, len(all))
	switch {
	case q.after != nil:
		cur, err := decodeCursor(*q.after, o)
		if err != nil {
			return invalidPagination("page[after]: " + err.Error())
		}
		start = sort.Search(len(all), func(i int) bool { return o.compare(o.key(all[i]), cur.Key) > 0 })
		end = min(start+size, len(all))
	case q.before != nil:
		cur, err := decodeCursor(*q.before, o)
		if err != nil {
			return invalidPagination("page[before]: " + err.Error())
		}
		end = sort.Search(len(all), func(i int) bool { return o.compare(o.key(all[i]), cur.Key) >= 0 })
		start = max(0, end-size)
	}
	page := all[start:end]

	body := zgen.SessionsResponse{Sessions: toWireList(page, c.base)}
	link := func(param, cur string) string {
		v := url.Values{param: {cur}, "page[size]": {strconv.Itoa(size)}}
		if q.sort != nil {
			v.Set("sort", *q.sort)
		}
		return c.base + path + "?" + v.Encode()
	}
	if len(page) > 0 && end < len(all) {
		after := cursor{Order: o.spec, Key: o.key(page[len(page)-1])}.encode()
		body.Meta.AfterCursor, body.Links.Next = after, link("page[after]", after)
	}
	if len(page) > 0 && start > 0 {
		before := cursor{Order: o.spec, Key: o.key(page[0])}.encode()
		body.Meta.BeforeCursor, body.Links.Prev = before, link("page[before]", before)
	}
	more := body.Meta.AfterCursor != ""
	if q.before != nil {
		more = body.Meta.BeforeCursor != ""
	}
	body.Meta.HasMore = &more
	// A cursor page always has links, null when there is no such page.
	return fakeapi.JSON(200, struct {
		zgen.SessionsResponse
		Links *zgen.CursorLinks `json:"links"`
	}{body, &body.Links})
}

// offsetPage answers one offset page: page (from 1) of per_page sessions,
// with next_page and previous_page URLs (null at the ends) and the count.
// Past page 100 it answers 400, as Zendesk has since 2023.
func (h *handlers) offsetPage(c caller, path string, q offsetQuery, keep func(Session) bool) *fakeapi.Reply {
	o, err := parseOrder(deref(q.sort))
	if err != nil {
		return invalidPagination(err.Error())
	}
	page, perPage := 1, defaultPageSize
	if q.page != nil {
		page = *q.page
	}
	if q.perPage != nil {
		perPage = *q.perPage
	}
	if page > maxOffsetPages {
		return offsetLimit()
	}
	all := h.st.list(keep, o)
	start := min((page-1)*perPage, len(all))
	end := min(start+perPage, len(all))
	body := zgen.SessionsResponse{Sessions: toWireList(all[start:end], c.base), Count: len(all)}
	link := func(n int) string {
		v := url.Values{"page": {strconv.Itoa(n)}, "per_page": {strconv.Itoa(perPage)}}
		if q.sort != nil {
			v.Set("sort", *q.sort)
		}
		return c.base + path + "?" + v.Encode()
	}
	if end < len(all) && page < maxOffsetPages {
		body.NextPage = link(page + 1)
	}
	if page > 1 {
		body.PreviousPage = link(page - 1)
	}
	return fakeapi.JSON(200, body)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
