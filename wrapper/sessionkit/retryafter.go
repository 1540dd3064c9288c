package sessionkit

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxRetryAfter bounds what ParseRetryAfter returns: a server asking for
// more than a year is not asking for a retry at all.
const MaxRetryAfter = 365 * 24 * time.Hour

// ParseRetryAfter parses a Retry-After header value as the clients do, for
// a transport or a tool of your own that paces by it. The value is either
// a number of seconds ("120", also "1.5") or an HTTP date
// ("Wed, 21 Oct 2015 07:28:00 GMT", RFC 850 and asctime forms too). A date
// is converted to a wait relative to now; a date in the past gives 0. A zero
// now means time.Now(). The result is never negative and is clamped to one
// year. ok is false for an empty or unparsable value.
func ParseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if isDecimalSeconds(v) {
		secs, err := strconv.ParseFloat(v, 64) // never NaN: digits only
		if err != nil {
			return 0, false
		}
		if secs >= MaxRetryAfter.Seconds() {
			return MaxRetryAfter, true
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if now.IsZero() {
		now = time.Now()
	}
	if !t.After(now) {
		return 0, true
	}
	if t.After(now.Add(MaxRetryAfter)) {
		return MaxRetryAfter, true
	}
	return t.Sub(now), true
}

// isDecimalSeconds reports whether v is digits with at most one '.'
// between digits: "5", "120", "1.5". Signs, exponents and spaces are refused.
func isDecimalSeconds(v string) bool {
	whole, frac, dot := strings.Cut(v, ".")
	digits := func(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
	return len(v) <= 32 && digits(whole) && (!dot || digits(frac))
}
