package core

import (
	"github.com/sessionkit/sessions/wrapper/internal/clip"
	"strings"
	"unicode"
)

// oneLine turns untrusted text into a single printable line: invalid UTF-8
// is repaired, control characters become spaces, runs of white space
// collapse, and the result is cut to max bytes.
func oneLine(s string, max int) string {
	if len(s) <= max && plainLine(s) {
		return s // already one line: a request id, a short code
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return clip.Truncate(strings.Join(strings.Fields(s), " "), max)
}

// excerpt returns the start of a body for a DecodeError: at most max bytes,
// valid UTF-8, on one line.
func excerpt(b []byte, max int) string {
	return oneLine(string(b[:min(len(b), 4*max)]), max)
}

// plainLine reports whether s is printable ASCII without leading, trailing
// or repeated spaces: text oneLine would return unchanged.
func plainLine(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			return false
		}
	}
	return !strings.HasPrefix(s, " ") && !strings.HasSuffix(s, " ") && !strings.Contains(s, "  ")
}
