package zendesk

import (
	"net/url"
	"strconv"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
)

// The one converter from the generated models (null and absent read as
// zero) to the package's own types, so that a regeneration never changes
// the exported API.

// sessionBody is a SessionResponse whose "session" is an object, as the
// live API sends it; sessionArray one whose "session" is an array, as the
// vendor's docs show it. The spec's oneOf would be decoded twice; these
// read the session in one pass.
type (
	sessionBody struct {
		Session zgen.Session `json:"session"`
	}
	sessionArray struct {
		Session []zgen.Session `json:"session"`
	}
)

// sessionFromGen converts a session, reading its times leniently.
func sessionFromGen(w *zgen.Session) Session {
	return Session{
		ID:                 w.Id,
		UserID:             w.UserId,
		AuthenticatedAt:    parseTimestamp(w.AuthenticatedAt),
		LastSeenAt:         parseTimestamp(w.LastSeenAt),
		URL:                w.Url,
		RawAuthenticatedAt: w.AuthenticatedAt,
		RawLastSeenAt:      w.LastSeenAt,
	}
}

// sessionsFromGen returns a page's sessions without null elements (those
// without an id); never nil.
func sessionsFromGen(ws []zgen.Session) []Session {
	out := make([]Session, 0, len(ws))
	for i := range ws {
		if ws[i].Id != 0 {
			out = append(out, sessionFromGen(&ws[i]))
		}
	}
	return out
}

// cursors sets a cursor page's cursors: the next is meta.after_cursor
// (meta.before_cursor backward), else taken from links.next (links.prev).
// HasMore is meta.has_more, or without it whether there is a next cursor.
func cursors(p *Page[Session], b *zgen.SessionsResponse, backward bool) {
	after := cursorOr(b.Meta.AfterCursor, b.Links.Next, "page[after]")
	before := cursorOr(b.Meta.BeforeCursor, b.Links.Prev, "page[before]")
	p.NextCursor, p.PrevCursor = after, before
	if backward {
		p.NextCursor, p.PrevCursor = before, after
	}
	p.HasMore = p.NextCursor != ""
	if b.Meta.HasMore != nil {
		p.HasMore = *b.Meta.HasMore
	}
}

// offsetCursors sets an offset page's cursors (page numbers) and total.
func offsetCursors(p *Page[Session], b *zgen.SessionsResponse, page int) {
	if b.NextPage != "" {
		p.NextCursor, p.HasMore = strconv.Itoa(page+1), true
	}
	if b.PreviousPage != "" && page > 1 {
		p.PrevCursor = strconv.Itoa(page - 1)
	}
	p.Total = b.Count
}

// cursorOr returns the cursor c, or else the value of param in the link.
func cursorOr(c, link, param string) string {
	if c != "" {
		return c
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return u.Query().Get(param)
}
