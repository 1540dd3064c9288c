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
	lower := bytes.ToLower(body)
	if i := bytes.Index(lower, []byte("<title")); i >= 0 {
		if j := bytes.IndexByte(lower[i:], '>'); j >= 0 {
			start := i + j + 1
			if k := bytes.Index(lower[start:], []byte("</title")); k >= 0 {
				if t := strings.TrimSpace(string(body[start : start+k])); t != "" {
					return oneLine(t, maxMessageBytes)
				}
			}
		}
	}
	return oneLine(stripTags(body), maxMessageBytes)
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
