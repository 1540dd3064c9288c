package core

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/sessionkit/sessions/wrapper/internal/clip"
)

// oneLine turns untrusted text into a single printable line: invalid UTF-8
// is repaired, control characters become spaces, runs of white space
// collapse, and the result is cut to max bytes.
func oneLine(s string, max int) string {
	if len(s) <= max && plainLine(s) {
		return s // already one line: a request id, a short code
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return clip.Truncate(strings.Join(strings.Fields(s), " "), max)
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

// validHeaderName reports whether s is an RFC 7230 token.
func validHeaderName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return s != ""
}

// validHeaderValue reports whether s has no control characters but
// horizontal tab, so it cannot split a header.
func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// textOf returns an error body as one line of text: a text body as is, an
// HTML page's <title> (or its text without tags when it has no title).
func textOf(contentType string, body []byte) string {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return ""
	}
	if strings.Contains(strings.ToLower(contentType), "html") || body[0] == '<' {
		if t := strings.TrimSpace(title(body)); t != "" {
			return oneLine(t, maxMessageBytes)
		}
		return oneLine(stripTags(body), maxMessageBytes)
	}
	return oneLine(string(body), maxMessageBytes)
}

// title returns the text of an HTML page's first <title> element (its tags
// in any case), or "" when it has none.
func title(page []byte) string {
	lower := asciiLower(page)
	// Each Cut looks after the previous one's separator; found is true only
	// when all three are there.
	_, rest, _ := bytes.Cut(lower, []byte("<title"))
	_, rest, _ = bytes.Cut(rest, []byte(">"))
	text, _, found := bytes.Cut(rest, []byte("</title"))
	if !found {
		return ""
	}
	start := len(page) - len(rest)
	return string(page[start : start+len(text)])
}

// asciiLower returns b with its ASCII letters in lower case, byte for
// byte: unlike bytes.ToLower (which may change lengths), an index into the
// result is one into b.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// stripTags drops everything between '<' and '>' (crudely: the result is
// only shown as a one-line message).
func stripTags(b []byte) string {
	var sb strings.Builder
	in := false
	for _, c := range b {
		switch {
		case c == '<':
			in = true
			sb.WriteByte(' ')
		case c == '>' && in:
			in = false
		case !in:
			sb.WriteByte(c)
		}
		if sb.Len() > 4*maxMessageBytes {
			break
		}
	}
	return sb.String()
}
