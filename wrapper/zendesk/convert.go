package zendesk

import (
	"net/url"
	"strconv"
)

// This file is the one converter from the decoded bodies (wire.go) to the
// package's own types, so that a regeneration never changes the exported
// API. Absent and null fields become zero values.

// sessionFromWire converts a session, reading its times leniently.
func sessionFromWire(w *wireSession) Session {
	return Session{
		ID:                 w.ID,
		UserID:             w.UserID,
		AuthenticatedAt:    parseTimestamp(w.AuthenticatedAt),
		LastSeenAt:         parseTimestamp(w.LastSeenAt),
		URL:                w.URL,
		RawAuthenticatedAt: w.AuthenticatedAt,
		RawLastSeenAt:      w.LastSeenAt,
	}
}

// sessions returns the page's sessions without null elements (those
// without an id); never nil.
func (b *wireSessions) sessions() []Session {
	out := make([]Session, 0, len(b.Sessions))
	for i := range b.Sessions {
		if b.Sessions[i].ID != 0 {
			out = append(out, sessionFromWire(&b.Sessions[i]))
		}
	}
	return out
}

// cursors sets a cursor page's cursors. Forward, the next page is
// meta.after_cursor; backward, it is meta.before_cursor. A cursor missing
// from meta is taken from links.next or links.prev. The pager continues
// while meta.has_more is true, or, without it, while there is a next
// cursor.
func (b *wireSessions) cursors(p *Page[Session], backward bool) {
	var m wireMeta
	if b.Meta != nil {
		m = *b.Meta
	}
	var l wireLinks
	if b.Links != nil {
		l = *b.Links
	}
	after := cursorOr(m.AfterCursor, l.Next, "page[after]")
	before := cursorOr(m.BeforeCursor, l.Prev, "page[before]")
	p.NextCursor, p.PrevCursor = after, before
	if backward {
		p.NextCursor, p.PrevCursor = before, after
	}
	p.HasMore = p.NextCursor != ""
	if m.HasMore != nil {
		p.HasMore = *m.HasMore
	}
}

// offsetCursors sets an offset page's cursors (page numbers) and total.
func (b *wireSessions) offsetCursors(p *Page[Session], page int) {
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
