package zendesktest

import (
	"fmt"
	"time"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
)

// WholeSchemas names the objects the live API sends with every key, null
// when it has no value (last_seen_at, the cursors, the links).
func (*store) WholeSchemas() []string { return []string{"Session", "CursorMeta", "CursorLinks"} }

// timestamp formats a time the way Zendesk does: 2014-11-18T17:24:29Z.
func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// toWire is a session as the API sends it.
func toWire(s Session, base string) zgen.Session {
	return zgen.Session{
		Id:              s.ID,
		UserId:          s.UserID,
		AuthenticatedAt: timestamp(s.AuthenticatedAt),
		LastSeenAt:      timestamp(s.LastSeenAt),
		Url:             fmt.Sprintf("%s/api/v2/users/%d/sessions/%d.json", base, s.UserID, s.ID),
	}
}

func toWireList(ss []Session, base string) []zgen.Session {
	out := make([]zgen.Session, 0, len(ss))
	for _, s := range ss {
		out = append(out, toWire(s, base))
	}
	return out
}
