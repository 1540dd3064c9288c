package gameserver

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// MaxListLimit is the largest page size the API accepts.
const MaxListLimit = 100

// ListOptions are the parameters of List. The zero value (or nil) lists
// from the first page with the API's default page size.
type ListOptions struct {
	// Page is the page to start from, counting from 1; 0 means 1. A Page's
	// Cursor, parsed with strconv.Atoi, resumes a listing where it was.
	Page  int
	Limit int // sessions per page, 1 to MaxListLimit; 0 leaves it to the API
}

// List lists the active sessions (GET /v1/sessions, operation
// list-sessions) page after page while the answer's pagination says there
// is a next one, and does no I/O until iterated. A page whose numbers make
// no sense still yields its sessions, and may end the listing with a
// *DecodeError naming it. Invalid options give a pager that yields the
// error; neither opts nor callOptions is modified.
func (s *SessionsService) List(opts *ListOptions, callOptions ...Option) *Pager[SessionSummary] {
	var lo ListOptions
	if opts != nil {
		lo = *opts
	}
	var argErr error
	if lo.Page < 0 {
		argErr = invalid("ListOptions.Page", lo.Page, "must be >= 1 (or 0 for the first page)")
	} else if lo.Limit < 0 || lo.Limit > MaxListLimit {
		argErr = invalid("ListOptions.Limit", lo.Limit, fmt.Sprintf("must be from 1 to %d (or 0 for the API's default)", MaxListLimit))
	}
	c, _, err := s.call(forCall, callOptions, argErr)
	if err != nil {
		return sessionkit.ErrorPager[SessionSummary](err)
	}
	start := ""
	if lo.Page > 1 {
		start = strconv.Itoa(lo.Page)
	}
	return sessionkit.NewPager("gameserver: Sessions.List", start, func(ctx context.Context, cursor string) (*Page[SessionSummary], error) {
		params := ggen.ListSessionsParams{}
		if lo.Limit > 0 {
			params.Limit = &lo.Limit
		}
		asked := 1
		if cursor != "" {
			// A page number >= 2: checked above, or counted by pageFromGen.
			asked, _ = strconv.Atoi(cursor)
			params.Page = &asked
		}
		var page *Page[SessionSummary]
		err := c.Do(ctx, opList, func(base string) (*http.Request, error) {
			return ggen.NewListSessionsRequest(base, &params)
		}, func(r core.Response) error {
			var body ggen.Sessions
			if err := json.Unmarshal(r.Body, &body); err != nil {
				return err
			}
			page = core.NewPage[SessionSummary](r, nil)
			return pageFromGen(page, &body, asked)
		})
		return page, err
	})
}
