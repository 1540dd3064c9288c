package zendesktest

import (
	"fmt"
	"time"
)

// The response bodies as the live API sends them. The generated models omit
// absent values; the wire carries explicit nulls (last_seen_at, cursors,
// links), which clients must handle, so the server sends them.

// wireSession is a session on the wire.
type wireSession struct {
	ID              int64   `json:"id"`
	UserID          int64   `json:"user_id"`
	AuthenticatedAt string  `json:"authenticated_at"`
	LastSeenAt      *string `json:"last_seen_at"`
	URL             string  `json:"url"`
}

// cursorPage is a cursor-paginated SessionsResponse.
type cursorPage struct {
	Sessions []wireSession `json:"sessions"`
	Meta     cursorMeta    `json:"meta"`
	Links    cursorLinks   `json:"links"`
}

type cursorMeta struct {
	HasMore      bool    `json:"has_more"`
	AfterCursor  *string `json:"after_cursor"`
	BeforeCursor *string `json:"before_cursor"`
}

type cursorLinks struct {
	Next *string `json:"next"`
	Prev *string `json:"prev"`
}

// offsetPage is an offset-paginated SessionsResponse.
type offsetPage struct {
	Sessions     []wireSession `json:"sessions"`
	NextPage     *string       `json:"next_page"`
	PreviousPage *string       `json:"previous_page"`
	Count        int           `json:"count"`
}

// sessionObject and sessionArray are the two shapes of a SessionResponse.
type sessionObject struct {
	Session wireSession `json:"session"`
}

type sessionArray struct {
	Session []wireSession `json:"session"`
}

// timestamp formats a time the way Zendesk does: 2014-11-18T17:24:29Z.
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func toWire(s Session, base string) wireSession {
	w := wireSession{
		ID:              s.ID,
		UserID:          s.UserID,
		AuthenticatedAt: timestamp(s.AuthenticatedAt),
		URL:             fmt.Sprintf("%s/api/v2/users/%d/sessions/%d.json", base, s.UserID, s.ID),
	}
	if !s.LastSeenAt.IsZero() {
		ls := timestamp(s.LastSeenAt)
		w.LastSeenAt = &ls
	}
	return w
}

func toWireList(ss []Session, base string) []wireSession {
	out := make([]wireSession, 0, len(ss))
	for _, s := range ss {
		out = append(out, toWire(s, base))
	}
	return out
}
