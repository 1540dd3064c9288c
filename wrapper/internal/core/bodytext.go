package core

import (
	"bytes"
	"strings"
)

// textOf returns an error body as one line of text: a text body as is, an
// HTML page's <title> (or its text without tags when it has no title).
// NewAPIError uses it for bodies the API's ErrorBody does not understand.
func textOf(contentType string, body []byte) string {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return ""
	}
	isHTML := strings.Contains(strings.ToLower(contentType), "html") || body[0] == '<'
	if !isHTML {
		return oneLine(string(body), maxMessageBytes)
	}
	if t := strings.TrimSpace(title(body)); t != "" {
		return oneLine(t, maxMessageBytes)
	}
	return oneLine(stripTags(body), maxMessageBytes)
}

// title returns the text of an HTML page's first <title> element (its tags
// in any case), or "" when it has none.
func title(page []byte) string {
	lower := asciiLower(page)
	// Each Cut looks in what the previous one found after its separator; a
	// separator not found leaves nothing to look in, so found is true only
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
// byte. Unlike bytes.ToLower, which rewrites invalid UTF-8 and some letters
// in another number of bytes, it keeps every index: an index into the
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

// stripTags drops everything between '<' and '>' (crudely; the result is
// only ever shown as a one-line message).
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
