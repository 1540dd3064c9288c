package zendesk

import (
	"time"
)

// Session is a log-in session of an agent or end user (absent fields are
// zero).
type Session struct {
	// ID is the session's id. Zendesk ids routinely exceed 2^31.
	ID int64
	// UserID is the id of the user the session belongs to.
	UserID int64
	// AuthenticatedAt is when the session was created, in UTC; zero when
	// the API sent no timestamp or one that could not be read (the text
	// is then in RawAuthenticatedAt).
	AuthenticatedAt time.Time
	// LastSeenAt is approximately when the session was last used, in UTC
	// (Zendesk does not update it on every request); zero when absent or
	// unreadable, like AuthenticatedAt.
	LastSeenAt         time.Time
	URL                string // the session's API URL
	RawAuthenticatedAt string // authenticated_at as the API sent it
	RawLastSeenAt      string // last_seen_at as the API sent it
}

// timestampLayouts are the ISO-8601 forms a Zendesk timestamp may take,
// tried in order: RFC 3339 (with or without fractions, "Z" or an offset),
// an offset without a colon, no zone at all (UTC), and a date alone.
var timestampLayouts = [...]string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

// parseTimestamp reads an ISO-8601 timestamp leniently (no zone means
// UTC); one that still does not parse is the zero time.
func parseTimestamp(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
