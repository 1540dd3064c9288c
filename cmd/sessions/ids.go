package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
)

// userItems parses the USER... arguments of delete-all: user ids or email
// addresses, or "-" alone to read them from stdin. Duplicates are dropped,
// keeping the first (emails compared without regard to case). An email is
// the item's key as given; it is looked up before anything is deleted.
func (a *app) userItems(args []string) ([]bulkItem, error) {
	var raw []string
	if slices.Contains(args, "-") {
		if len(args) > 1 {
			return nil, usagef(`"-" reads the users from stdin and cannot be combined with arguments`)
		}
		err := a.stdinLines(func(line string) error {
			if !strings.HasPrefix(line, "{") {
				raw = append(raw, line)
				return nil
			}
			obj, err := jsonObject(line)
			if err != nil {
				return err
			}
			_, hasUser := obj["user_id"]
			_, hasID := obj["id"]
			if hasUser && hasID { // a session, as "list --json" prints it
				return usagef(`names a session ("id" and "user_id", as "list --json" prints it): delete-all would log its user out of every session; to delete only the sessions listed, pipe them to "sessions zendesk delete -"`)
			}
			id, err := jsonID(obj, "user_id", "id", "email")
			if err != nil {
				return err
			}
			raw = append(raw, id)
			return nil
		})
		if err != nil {
			return nil, err
		}
	} else {
		raw = args
	}
	seen := make(map[string]bool, len(raw))
	var items []bulkItem
	for _, r := range raw {
		it, err := userItem(r)
		if err != nil {
			return nil, err
		}
		if k := strings.ToLower(it.id); !seen[k] {
			seen[k] = true
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return nil, usagef("no users on stdin")
	}
	return items, nil
}

// userItem reads one USER: a numeric id, or an email address (anything
// with an "@", checked as the SDK checks it).
func userItem(v string) (bulkItem, error) {
	if !strings.Contains(v, "@") {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return bulkItem{}, usagef("USER %q is neither a numeric id (a positive integer) nor an email address", v)
		}
		return bulkItem{id: v, key: id}, nil
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Name != "" || a.Address != v || strings.ContainsAny(v, "\" \t") {
		return bulkItem{}, usagef("USER %q is not an email address such as jane@acme.com", v)
	}
	return bulkItem{id: v, key: v}, nil
}

// sessionRef is one Zendesk session to delete. unconfirmed is set for a
// line of an earlier run whose request got no answer ("unconfirmed":
// true): it may have gone through.
type sessionRef struct {
	user, session int64
	unconfirmed   bool
}

// sessionRefs reads the sessions of "zendesk delete -" from stdin: JSON
// lines with "user_id" and "id" (from "list --json", or an earlier
// "delete - --json", or "delete --json") or "session_id" (from "delete --json"
// before it printed the lines of "delete -"), or text lines
// "USER SESSION". Duplicates are dropped, keeping the first.
func (a *app) sessionRefs() ([]sessionRef, error) {
	var refs []sessionRef
	seen := map[[2]int64]bool{}
	err := a.stdinLines(func(line string) error {
		var user, session string
		unconfirmed := false
		if strings.HasPrefix(line, "{") {
			obj, err := jsonObject(line)
			if err != nil {
				return err
			}
			if user, err = jsonID(obj, "user_id"); err != nil {
				return err
			}
			if session, err = jsonID(obj, "session_id", "id"); err != nil {
				return err
			}
			unconfirmed = string(obj["unconfirmed"]) == "true"
		} else {
			f := strings.Fields(line)
			if len(f) != 2 {
				return fmt.Errorf("%q: want USER SESSION (two ids), or a JSON line of \"list --json\"", line)
			}
			user, session = f[0], f[1]
		}
		u, err := parseID("USER", user)
		if err != nil {
			return err
		}
		s, err := parseID("SESSION", session)
		if err != nil {
			return err
		}
		if k := [2]int64{u, s}; !seen[k] {
			seen[k] = true
			refs = append(refs, sessionRef{user: u, session: s, unconfirmed: unconfirmed})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(refs) == 0 {
		return nil, usagef("no sessions on stdin")
	}
	return refs, nil
}

// stdinLines calls fn with each line of stdin, trimmed; blank lines and
// lines starting with # are skipped. An error from fn is a usage error
// naming the line.
func (a *app) stdinLines(fn func(line string) error) error {
	if a.stdinUsed {
		return usagef("stdin is already read for something else")
	}
	a.stdinUsed = true
	sc := bufio.NewScanner(a.stdin)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(line); err != nil {
			if u, ok := err.(*usageError); ok {
				return usagef("stdin line %d: %s", n, u.msg)
			}
			return usagef("stdin line %d: %v", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading stdin: %w", err)
	}
	return nil
}

// jsonObject decodes one JSON line into its fields.
func jsonObject(line string) (map[string]json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &obj); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	return obj, nil
}

// jsonID takes an id out of a JSON object: the first of keys present, a
// number or a string.
func jsonID(obj map[string]json.RawMessage, keys ...string) (string, error) {
	for _, key := range keys {
		v, ok := obj[key]
		if !ok {
			continue
		}
		var num json.Number
		if err := json.Unmarshal(v, &num); err == nil {
			return num.String(), nil
		}
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			return s, nil
		}
		return "", fmt.Errorf("%q is %s, not an id", key, v)
	}
	return "", fmt.Errorf("no %s field", quoteAll(keys, " or "))
}

// quoteAll quotes each string and joins them with sep, for messages.
func quoteAll(ss []string, sep string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, sep)
}
