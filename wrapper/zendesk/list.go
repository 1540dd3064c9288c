package zendesk

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/internal/core"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Page sizes: the default is the largest Zendesk allows.
const (
	DefaultPageSize = 100 // when ListOptions.PageSize is 0
	MaxPageSize     = 100 // the largest Zendesk allows
)

// ListOptions selects and pages a listing; nil lists everything with
// cursor pagination. The methods copy it.
type ListOptions struct {
	// PageSize is the number of sessions a page (page[size], or per_page
	// with Offset): 1 to 100; 0 means DefaultPageSize.
	PageSize int
	// After starts the listing after this cursor (page[after]): a
	// Page.NextCursor saved to resume a crawl.
	After string
	// Before walks the listing backwards from this cursor (page[before]),
	// following meta.before_cursor. It cannot be combined with After.
	Before string
	// Sort orders the sessions by a field, with a leading "-" for
	// descending order, e.g. "-authenticated_at"; "" is the API's default.
	Sort string
	// Offset makes ListByUser use offset pagination (page, per_page), whose
	// cursors are page numbers. Zendesk answers 400 past 100 pages, so
	// prefer cursors; List only has cursors.
	Offset bool
	// Page is the first page to fetch with Offset, from 1; 0 means 1.
	Page int
}

// List lists the account's sessions (ListSessions, GET /api/v2/sessions):
// every session for an admin, only their own for anyone else. It does no
// I/O; bad ListOptions are yielded as an *InvalidArgumentError by the first
// iteration. callOptions apply to every page's request.
func (s *SessionsService) List(opts *ListOptions, callOptions ...Option) *Pager[Session] {
	o, err := checkList(opts, false)
	if err != nil {
		return sessionkit.ErrorPager[Session](err)
	}
	return s.pager("List", opList, o, callOptions, func(base string, p *listParams) (*http.Request, error) {
		return zgen.NewListSessionsRequest(base, &zgen.ListSessionsParams{
			PageSize: p.PageSize, PageAfter: p.PageAfter, PageBefore: p.PageBefore, Sort: p.Sort,
		})
	})
}

// ListByUser lists one user's sessions (ListUserSessions, GET
// /api/v2/users/{user_id}/sessions), with cursor pagination, or offset
// pagination when opts.Offset is set. It does no I/O; a userID <= 0 or bad
// ListOptions are yielded as an *InvalidArgumentError by the first
// iteration. callOptions apply to every page's request.
func (s *SessionsService) ListByUser(userID int64, opts *ListOptions, callOptions ...Option) *Pager[Session] {
	o, err := checkList(opts, true)
	if err == nil {
		err = checkIDs(userID)
	}
	if err != nil {
		return sessionkit.ErrorPager[Session](err)
	}
	return s.pager("ListByUser", opListByUser, o, callOptions, func(base string, p *listParams) (*http.Request, error) {
		return zgen.NewListUserSessionsRequest(base, userID, p)
	})
}

// checkList validates and copies the caller's options, filling in the
// defaults. offsetOK tells whether the operation has offset pagination.
func checkList(opts *ListOptions, offsetOK bool) (ListOptions, error) {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if o.PageSize < 0 || o.PageSize > MaxPageSize {
		return o, invalid("ListOptions.PageSize", o.PageSize, "must be between 1 and 100 (0 means 100)")
	}
	if o.After != "" && o.Before != "" {
		return o, invalid("ListOptions.After and ListOptions.Before", nil, "cannot be combined (page[after] and page[before] are exclusive)")
	}
	if o.Offset && !offsetOK {
		return o, invalid("ListOptions.Offset", nil, "offset pagination is only offered by ListByUser; List has cursors only")
	}
	if o.Offset && (o.After != "" || o.Before != "") {
		return o, invalid("ListOptions.Offset", nil, "cannot be combined with the cursors After and Before")
	}
	if o.Page < 0 {
		return o, invalid("ListOptions.Page", o.Page, "must be >= 1 (0 means 1)")
	}
	if o.Page > 0 && !o.Offset {
		return o, invalid("ListOptions.Page", o.Page, "needs ListOptions.Offset: cursor pagination has no page numbers")
	}
	if o.PageSize == 0 {
		o.PageSize = DefaultPageSize
	}
	if o.Offset {
		o.Page = max(o.Page, 1)
	}
	return o, nil
}

// listParams are a page's parameters: ListUserSessions's, which hold
// ListSessions's and offset pagination's.
type listParams = zgen.ListUserSessionsParams

// pager returns the Pager of method for the listing o, whose pages build
// builds the requests of. The call options are merged once, for every page.
func (s *SessionsService) pager(method string, op *core.Op, o ListOptions, callOptions []Option,
	build func(base string, p *listParams) (*http.Request, error)) *Pager[Session] {
	call, err := s.call(callOptions, nil)
	if err != nil {
		return sessionkit.ErrorPager[Session](err)
	}
	start, backward := o.After+o.Before, o.Before != "" // one of them at most
	if o.Offset {
		start = strconv.Itoa(o.Page)
	}
	return sessionkit.NewPager("zendesk: Sessions."+method, start, func(ctx context.Context, cursor string) (*Page[Session], error) {
		p := &listParams{Sort: nonEmpty(o.Sort)}
		page := 0 // offset pagination's
		switch {
		case o.Offset:
			var err error
			if page, err = strconv.Atoi(cursor); err != nil || page < 1 {
				return nil, invalid("page cursor", cursor, "must be a page number")
			}
			p.Page, p.PerPage = &page, &o.PageSize
		case backward:
			p.PageSize, p.PageBefore = &o.PageSize, nonEmpty(cursor)
		default:
			p.PageSize, p.PageAfter = &o.PageSize, nonEmpty(cursor)
		}
		var out *Page[Session]
		err := call.Do(ctx, op, func(base string) (*http.Request, error) { return build(base, p) }, func(r core.Response) error {
			var body zgen.SessionsResponse
			if err := json.Unmarshal(r.Body, &body); err != nil {
				return err
			}
			out = core.NewPage(r, sessionsFromGen(body.Sessions))
			if o.Offset {
				offsetCursors(out, &body, page)
			} else {
				cursors(out, &body, backward)
			}
			return nil
		})
		return out, err
	})
}

// nonEmpty returns a pointer to v, or nil when v is empty.
func nonEmpty(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}
