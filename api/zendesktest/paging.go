package zendesktest

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	zgen "github.com/sessionkit/sessions/gen/zendesk"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// Page-size limits of Zendesk's pagination.
const (
	defaultPageSize = 100
	maxOffsetPages  = 100 // offset pagination answers 400 past this page
)

// order is a sort order of sessions as the sort parameter names it ("id",
// "-authenticated_at"): a field, descending with a leading '-'. Ties break
// on the id.
type order string

// sortKey is a session's position in an order: the field's value, then the id.
type sortKey [2]int64

func parseOrder(spec string) (order, error) {
	o := order(cmp.Or(spec, "id"))
	if f := strings.TrimPrefix(string(o), "-"); f != "id" && f != "authenticated_at" {
		return "", fmt.Errorf("sort %q is not supported: use id or authenticated_at, with a leading - for descending", spec)
	}
	return o, nil
}

func (o order) key(s Session) sortKey {
	if strings.HasSuffix(string(o), "authenticated_at") {
		return sortKey{s.AuthenticatedAt.Unix(), s.ID}
	}
	return sortKey{s.ID, s.ID}
}

// compare orders two keys: negative when a comes first.
func (o order) compare(a, b sortKey) int {
	c := cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	if strings.HasPrefix(string(o), "-") {
		return -c
	}
	return c
}

// cursor is what a pagination cursor carries: the order it was made for and
// the key of the session it points at. On the wire it is opaque: base64 of
// a small JSON document, like Zendesk's own cursors.
type cursor struct {
	Order string  `json:"o"`
	Key   sortKey `json:"v"`
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c) // a string and two integers always marshal
	return base64.StdEncoding.EncodeToString(b)
}

func decodeCursor(s string, o order) (cursor, error) {
	var c cursor
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil {
		return cursor{}, errors.New("the cursor is not valid")
	}
	if c.Order != string(o) {
		return cursor{}, errors.New("the cursor was made for another sort order")
	}
	return c, nil
}

// pageURL is the URL of another page of a listing: path with q, and the
// request's sort if it had one.
func pageURL(c caller, path string, sort *string, q url.Values) string {
	if sort != nil {
		q.Set("sort", *sort)
	}
	return c.base + path + "?" + q.Encode()
}

// cursorPage answers one cursor page of the sessions keep selects.
//
// page[after]=c lists the sessions after the one c points at, page[before]=c
// those before it. after_cursor points at the page's last session and is
// null when nothing follows; before_cursor points at its first and is null
// when nothing precedes; has_more tells whether the direction of travel has
// more; links.next and links.prev are the URLs of those pages, or null.
func (st *store) cursorPage(c caller, path string, p zgen.ListSessionsParams, keep func(Session) bool) *fakeapi.Reply {
	if p.PageAfter != nil && p.PageBefore != nil {
		return invalidPagination("page[after] and page[before] cannot be combined")
	}
	o, err := parseOrder(deref(p.Sort))
	if err != nil {
		return invalidPagination(err.Error())
	}
	size := cmp.Or(deref(p.PageSize), defaultPageSize)
	all := st.list(keep, o)
	start, end := 0, min(size, len(all))
	switch {
	case p.PageAfter != nil:
		cur, err := decodeCursor(*p.PageAfter, o)
		if err != nil {
			return invalidPagination("page[after]: " + err.Error())
		}
		start = sort.Search(len(all), func(i int) bool { return o.compare(o.key(all[i]), cur.Key) > 0 })
		end = min(start+size, len(all))
	case p.PageBefore != nil:
		cur, err := decodeCursor(*p.PageBefore, o)
		if err != nil {
			return invalidPagination("page[before]: " + err.Error())
		}
		end = sort.Search(len(all), func(i int) bool { return o.compare(o.key(all[i]), cur.Key) >= 0 })
		start = max(0, end-size)
	}
	page := all[start:end]
	body := zgen.SessionsResponse{Sessions: toWireList(page, c.base)}
	link := func(param, cur string) string {
		return pageURL(c, path, p.Sort, url.Values{param: {cur}, "page[size]": {strconv.Itoa(size)}})
	}
	if len(page) > 0 && end < len(all) {
		after := cursor{Order: string(o), Key: o.key(page[len(page)-1])}.encode()
		body.Meta.AfterCursor, body.Links.Next = after, link("page[after]", after)
	}
	if len(page) > 0 && start > 0 {
		before := cursor{Order: string(o), Key: o.key(page[0])}.encode()
		body.Meta.BeforeCursor, body.Links.Prev = before, link("page[before]", before)
	}
	more := body.Meta.AfterCursor != ""
	if p.PageBefore != nil {
		more = body.Meta.BeforeCursor != ""
	}
	body.Meta.HasMore = &more
	// A cursor page always has links, null when there is no such page.
	return fakeapi.JSON(200, struct {
		zgen.SessionsResponse
		Links *zgen.CursorLinks `json:"links"`
	}{body, &body.Links})
}

// offsetPage answers one offset page of a user's sessions.
func (st *store) offsetPage(c caller, path string, p zgen.ListUserSessionsParams,
	keep func(Session) bool) *fakeapi.Reply {
	o, err := parseOrder(deref(p.Sort))
	if err != nil {
		return invalidPagination(err.Error())
	}
	all := st.list(keep, o)
	page, next, prev, deny := offset(all, p.Page, p.PerPage, func(q url.Values) string {
		return pageURL(c, path, p.Sort, q)
	})
	if deny != nil {
		return deny
	}
	return fakeapi.JSON(200, zgen.SessionsResponse{Sessions: toWireList(page, c.base), Count: len(all),
		NextPage: next, PreviousPage: prev})
}

// offset picks page (from 1) of perPage items of all, with the URLs that
// link makes of the next and previous pages ("" at the ends). Past page 100
// it answers 400, as Zendesk has since 2023.
func offset[T any](all []T, page, perPage *int, link func(url.Values) string) (
	items []T, next, prev string, deny *fakeapi.Reply) {
	n, per := cmp.Or(deref(page), 1), cmp.Or(deref(perPage), defaultPageSize)
	if n > maxOffsetPages { // a JSON:API body, unlike the other errors
		return nil, "", "", fakeapi.JSON(http.StatusBadRequest, zgen.ErrorBody{Errors: []zgen.JSONAPIError{{
			Code: "InvalidPaginationParameter", Title: "Invalid pagination parameter", Status: "400",
			Detail: "Offset pagination is limited to the first 100 pages. Use cursor pagination instead.",
		}}})
	}
	at := func(n int) string {
		return link(url.Values{"page": {strconv.Itoa(n)}, "per_page": {strconv.Itoa(per)}})
	}
	start := min((n-1)*per, len(all))
	end := min(start+per, len(all))
	if end < len(all) && n < maxOffsetPages {
		next = at(n + 1)
	}
	if n > 1 {
		prev = at(n - 1)
	}
	return all[start:end], next, prev, nil
}

func toWireList(ss []Session, base string) []zgen.Session {
	out := make([]zgen.Session, 0, len(ss))
	for _, s := range ss {
		out = append(out, toWire(s, base))
	}
	return out
}

func deref[T any](p *T) (v T) {
	if p != nil {
		v = *p
	}
	return v
}
