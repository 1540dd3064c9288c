package zendesk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
)

// Session is a log-in session of an agent or end user. Fields the API
// leaves out or sends as null are zero values.
type Session struct {
	// ID is the session's id. Zendesk ids routinely exceed 2^31.
	ID int64
	// UserID is the id of the user the session belongs to.
	UserID int64
	// AuthenticatedAt is when the session was created, in UTC.
	AuthenticatedAt time.Time
	// LastSeenAt is approximately when the session was last used, in UTC;
	// Zendesk does not update it on every request.
	LastSeenAt time.Time
	// URL is the session's API URL.
	URL string
}

// wireSession decodes a session from the wire, leniently about absent and
// null fields and strictly about timestamps: one that is not ISO-8601 is
// an error naming the field and the value.
type wireSession struct {
	s    Session
	null bool // the element was JSON null
}

func (w *wireSession) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		*w = wireSession{null: true}
		return nil
	}
	var g zgen.Session
	if err := json.Unmarshal(b, &g); err != nil {
		return err
	}
	s := Session{ID: g.Id, UserID: deref(g.UserId), URL: deref(g.Url)}
	var err error
	if s.AuthenticatedAt, err = parseTimestamp(g.Id, "authenticated_at", g.AuthenticatedAt); err != nil {
		return err
	}
	if s.LastSeenAt, err = parseTimestamp(g.Id, "last_seen_at", g.LastSeenAt); err != nil {
		return err
	}
	*w = wireSession{s: s}
	return nil
}

// oneSession decodes the "session" of a SessionResponse: an object (what
// the live API sends) or an array whose first element is the session (what
// the vendor's documentation shows).
type oneSession struct {
	s     Session
	found bool
}

func (o *oneSession) UnmarshalJSON(b []byte) error {
	var w wireSession
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		var list []wireSession
		if err := json.Unmarshal(t, &list); err != nil {
			return err
		}
		if len(list) > 0 {
			w = list[0]
		} else {
			w.null = true
		}
	} else if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*o = oneSession{s: w.s, found: !w.null}
	return nil
}

// parseTimestamp parses an optional timestamp field of session id. nil and
// "" give the zero time. The ISO-8601 forms accepted are RFC 3339 (Zendesk's
// 2014-11-18T17:24:29Z, with or without fractional seconds, any offset)
// and the same with a basic offset such as +0100.
func parseTimestamp(id int64, field string, v *string) (time.Time, error) {
	if v == nil || *v == "" {
		return time.Time{}, nil
	}
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700"} {
		if t, err := time.Parse(layout, *v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("zendesk: session %d: %s %q is not an ISO-8601 timestamp", id, field, truncate(*v, 64))
}

func isNull(b []byte) bool { return string(bytes.TrimSpace(b)) == "null" }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// truncate shortens s to at most n bytes without splitting a character,
// for error messages.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}
