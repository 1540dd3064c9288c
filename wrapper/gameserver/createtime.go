package gameserver

import (
	"strings"
	"time"
)

// parseCreateTime parses a session's create_time into a UTC time; ok is
// false when it is in none of the known forms: Python's str(datetime)
// ("2024-05-26 12:00:45.831041": space separator, microseconds left out when
// zero, no zone meaning UTC, or an offset for an aware datetime),
// isoformat() with a "T", and RFC 3339. time.Parse accepts a fractional
// second after the seconds even when the layout has none.
func parseCreateTime(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	layouts := [...]string{
		"2006-01-02 15:04:05",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05Z0700",
		"2006-01-02T15:04:05",
		time.RFC3339Nano,
		"2006-01-02T15:04:05Z0700",
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
