package zendesk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// decodeErrorBody extracts a machine-readable code and a human message from
// an error response body. It understands
//
//   - Zendesk classic: {"error": "RecordNotFound", "description": "Not found", "details": {...}}
//   - Zendesk 401:     {"error": "Couldn't authenticate you"} (a sentence, not a code)
//   - Zendesk object:  {"error": {"title": "Forbidden", "message": "..."}}
//   - JSON:API:        {"errors": [{"code", "title", "detail", "status"}]}
//   - OAuth:           {"error": "invalid_token", "error_description": "..."}
//
// Anything else (text/plain, HTML, unknown JSON) is left to the engine,
// which keeps the body's text (an HTML page's <title>) as the message.
func decodeErrorBody(_ string, body []byte) (code, message string) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return "", ""
	}
	if trimmed[0] == '{' {
		var m map[string]json.RawMessage
		if json.Unmarshal(trimmed, &m) == nil {
			code, message = fromErrorJSON(m)
			if code != "" || message != "" {
				return code, message
			}
		}
	}
	return "", ""
}

// jsonString returns m[k] as a string when it is a JSON string or number.
func jsonString(m map[string]json.RawMessage, k string) string {
	raw, ok := m[k]
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// firstString returns the first non-empty jsonString of keys.
func firstString(m map[string]json.RawMessage, keys ...string) string {
	for _, k := range keys {
		if s := jsonString(m, k); s != "" {
			return s
		}
	}
	return ""
}

func fromErrorJSON(m map[string]json.RawMessage) (code, message string) {
	if raw, ok := m["errors"]; ok {
		if code, message, ok := fromErrorsField(raw); ok {
			return code, message
		}
	}
	if raw, ok := m["error"]; ok {
		var s string
		if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) != "" {
			s = strings.TrimSpace(s)
			desc := firstString(m, "description", "error_description", "message", "detail")
			if d := detailsSummary(m["details"]); d != "" {
				desc = joinNonEmpty(": ", desc, d)
			}
			if isCodeLike(s) {
				return s, desc
			}
			return "", joinNonEmpty(": ", s, desc)
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) == nil {
			code = firstString(obj, "code", "title", "type")
			message = firstString(obj, "message", "detail", "description", "title")
			if message == code && firstString(obj, "message", "detail", "description") == "" {
				message = ""
			}
			if code != "" || message != "" {
				return code, message
			}
		}
	}
	return firstString(m, "code", "error_code"), firstString(m, "message", "description", "error_description", "detail", "title")
}

// fromErrorsField decodes a JSON:API "errors" array, or the Rails-style
// {"errors": {"field": ["msg"]}} and {"errors": "msg"} shapes.
func fromErrorsField(raw json.RawMessage) (code, message string, ok bool) {
	var list []map[string]json.RawMessage
	if json.Unmarshal(raw, &list) == nil && len(list) > 0 && list[0] != nil {
		first := list[0]
		code = firstString(first, "code", "title")
		message = firstString(first, "detail", "title", "message")
		if message == code && firstString(first, "detail", "message") == "" {
			message = ""
		}
		if len(list) > 1 {
			message = joinNonEmpty(" ", message, fmt.Sprintf("(and %d more)", len(list)-1))
		}
		return code, message, code != "" || message != ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) != "" {
		return "", s, true
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil && len(fields) > 0 {
		return "", fieldsSummary(fields), true
	}
	return "", "", false
}

// detailsSummary renders Zendesk's "details" ({"field": [{"description": "..."}]})
// as "field: description; ...", or "" when it has another shape.
func detailsSummary(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return ""
	}
	return fieldsSummary(fields)
}

// fieldsSummary renders {"field": ["msg", {"description": "msg"}]} sorted by
// field, at most three fields.
func fieldsSummary(fields map[string]json.RawMessage) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
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
				continue
			}
			var obj map[string]json.RawMessage
			if json.Unmarshal(it, &obj) == nil {
				if d := firstString(obj, "description", "message", "error"); d != "" {
					msgs = append(msgs, d)
				}
			}
		}
		if len(msgs) > 0 {
			parts = append(parts, k+": "+strings.Join(msgs, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

func joinNonEmpty(sep string, a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + sep + b
}

// isCodeLike reports whether s looks like a machine code ("RecordNotFound",
// "invalid_token") rather than a sentence ("Couldn't authenticate you").
func isCodeLike(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}
