package zendesk

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// object is a JSON object whose values are yet to be decoded.
type object = map[string]json.RawMessage

// decodeErrorBody extracts a machine-readable code and a human message from
// an error response body. It understands
//
//   - Zendesk classic: {"error": "RecordNotFound", "description": "Not found", "details": {...}}
//   - Zendesk 401:     {"error": "Couldn't authenticate you"} (a sentence, not a code)
//   - Zendesk object:  {"error": {"title": "Forbidden", "message": "..."}}
//   - JSON:API:        {"errors": [{"code", "title", "detail", "status"}]}
//   - Rails:           {"errors": {"field": ["msg"]}} and {"errors": "msg"}
//   - OAuth:           {"error": "invalid_token", "error_description": "..."}
//
// Anything else (text/plain, HTML, unknown JSON) is left to the engine,
// which keeps the body's text (an HTML page's <title>) as the message.
func decodeErrorBody(_ string, body []byte) (code, message string) {
	var m object
	if json.Unmarshal(body, &m) != nil {
		return "", ""
	}
	if code, message, ok := fromErrors(m["errors"]); ok {
		return code, message
	}
	var s string
	if json.Unmarshal(m["error"], &s) == nil && strings.TrimSpace(s) != "" {
		s = strings.TrimSpace(s)
		desc := firstString(m, "description", "error_description", "message", "detail")
		if d := fieldsSummary(asObject(m["details"])); d != "" {
			desc = joinNonEmpty(": ", desc, d)
		}
		if isCodeLike(s) {
			return s, desc
		}
		return "", joinNonEmpty(": ", s, desc)
	}
	eo := asObject(m["error"])
	code, message = pick(eo, []string{"code", "title", "type"}, "message", "detail", "description", "title")
	if code != "" || message != "" {
		return code, message
	}
	return firstString(m, "code", "error_code"), firstString(m, "message", "description", "error_description", "detail", "title")
}

// fromErrors decodes an "errors" field: a JSON:API array, a Rails field
// map or a string.
func fromErrors(raw json.RawMessage) (code, message string, ok bool) {
	var list []object
	if json.Unmarshal(raw, &list) == nil && len(list) > 0 && list[0] != nil {
		code, message = pick(list[0], []string{"code", "title"}, "detail", "title", "message")
		if len(list) > 1 {
			message = joinNonEmpty(" ", message, fmt.Sprintf("(and %d more)", len(list)-1))
		}
		return code, message, code != "" || message != ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) != "" {
		return "", s, true
	}
	if fields := asObject(raw); len(fields) > 0 {
		return "", fieldsSummary(fields), true
	}
	return "", "", false
}

// pick returns an error object's code, the first of codeKeys, and message,
// the first of msgKeys, left out when it is only a title repeating the
// code.
func pick(m object, codeKeys []string, msgKeys ...string) (code, message string) {
	code, message = firstString(m, codeKeys...), firstString(m, msgKeys...)
	notTitle := slices.DeleteFunc(slices.Clone(msgKeys), func(k string) bool { return k == "title" })
	if message == code && firstString(m, notTitle...) == "" {
		message = ""
	}
	return code, message
}

// asObject decodes raw as an object; nil when it is not one.
func asObject(raw json.RawMessage) object {
	var m object
	_ = json.Unmarshal(raw, &m)
	return m
}

// firstString returns the first of m's keys that is a non-empty JSON
// string (trimmed) or a number.
func firstString(m object, keys ...string) string {
	for _, k := range keys {
		var s string
		var n json.Number
		if json.Unmarshal(m[k], &s) == nil && strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		} else if json.Unmarshal(m[k], &n) == nil && n != "" {
			return n.String()
		}
	}
	return ""
}

// fieldsSummary renders {"field": ["msg", {"description": "msg"}]}, or
// Zendesk's "details", as "field: msg; ...", sorted by field, at most three
// fields.
func fieldsSummary(fields object) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if len(parts) == 3 {
			parts = append(parts, "…")
			break
		}
		var msgs []string
		var items []json.RawMessage
		if json.Unmarshal(fields[k], &items) != nil {
			items = []json.RawMessage{fields[k]}
		}
		for _, it := range items {
			var s string
			if json.Unmarshal(it, &s) == nil && s != "" {
				msgs = append(msgs, s)
			} else if d := firstString(asObject(it), "description", "message", "error"); d != "" {
				msgs = append(msgs, d)
			}
		}
		if len(msgs) > 0 {
			parts = append(parts, k+": "+strings.Join(msgs, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

func joinNonEmpty(sep string, a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + sep + b
}

// isCodeLike reports whether s looks like a machine code ("RecordNotFound",
// "invalid_token") rather than a sentence ("Couldn't authenticate you").
func isCodeLike(s string) bool {
	const codeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:"
	return s != "" && len(s) <= 128 && strings.Trim(s, codeChars) == ""
}
