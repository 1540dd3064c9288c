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
// addresses (anything with an "@", checked as the SDK checks it), or "-"
// alone to read them from stdin. Duplicates are dropped, keeping the first
// (emails compared without regard to case). An email is the item's key as
// given; it is looked up before anything is deleted.
func (a *app) userItems(args []string) ([]bulkItem, error) {
	raw := args
	if slices.Contains(args, "-") {
		if len(args) > 1 {
			return nil, usagef(`"-" reads the users from stdin and cannot be combined with arguments`)
		}
		raw = nil
		err := a.stdinLines(func(line string, obj map[string]json.RawMessage) error {
			if obj != nil {
				_, hasUser := obj["user_id"]
				if _, hasID := obj["id"]; hasUser && hasID { // a session, as "list --json" prints it
					return usagef(`names a session ("id" and "user_id", as "list --json" prints it): delete-all would log its user out of every session; to delete only the sessions listed, pipe them to "sessions zendesk delete -"`)
				}
				var err error
				if line, err = jsonID(obj, "user_id", "id", "email"); err != nil {
					return err
				}
			}
			raw = append(raw, line)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	var items []bulkItem
	for _, v := range raw {
		it := bulkItem{id: v, key: v}
		if !strings.Contains(v, "@") {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				return nil, usagef("USER %q is neither a numeric id (a positive integer) nor an email address", v)
			}
			it.key = id
		} else if addr, err := mail.ParseAddress(v); err != nil || addr.Name != "" || addr.Address != v || strings.ContainsAny(v, "\" \t") {
			return nil, usagef("USER %q is not an email address such as jane@acme.com", v)
		}
		if k := strings.ToLower(v); !seen[k] {
			seen[k] = true
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return nil, usagef("no users on stdin")
	}
	return items, nil
}

// sessionItems reads the sessions of "zendesk delete -" from stdin: JSON lines
// with "user_id" and "id" or (older "delete --json" lines) "session_id", their
// "unconfirmed" kept, or text lines "USER SESSION". Duplicates are dropped.
func (a *app) sessionItems() ([]bulkItem, error) {
	var items []bulkItem
	seen := map[[2]int64]bool{}
	err := a.stdinLines(func(line string, obj map[string]json.RawMessage) error {
		var user, session string
		var err error
		unconfirmed := false
		if obj != nil {
			if user, err = jsonID(obj, "user_id"); err != nil {
				return err
			}
			if session, err = jsonID(obj, "session_id", "id"); err != nil {
				return err
			}
			unconfirmed = string(obj["unconfirmed"]) == "true"
		} else if f := strings.Fields(line); len(f) == 2 {
			user, session = f[0], f[1]
		} else {
			return fmt.Errorf("%q: want USER SESSION (two ids), or a JSON line of \"list --json\"", line)
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
			items = append(items, bulkItem{id: fmt.Sprintf("%d/%d", u, s), key: s, userID: u, unconfirmed: unconfirmed})
		}
		return nil
	})
	if err == nil && len(items) == 0 {
		err = usagef("no sessions on stdin")
	}
	return items, err
}

// stdinLines calls fn with each line of stdin, trimmed, and for a line
// starting with "{", its JSON object's fields; blank lines and lines
// starting with # are skipped. An error is a usage error naming the line.
func (a *app) stdinLines(fn func(line string, obj map[string]json.RawMessage) error) error {
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
		var obj map[string]json.RawMessage
		var err error
		if strings.HasPrefix(line, "{") {
			if err = json.Unmarshal([]byte(line), &obj); err != nil {
				err = fmt.Errorf("not a JSON object: %v", err)
			}
		}
		if err == nil {
			err = fn(line, obj)
		}
		if err != nil {
			return usagef("stdin line %d: %v", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading stdin: %w", err)
	}
	return nil
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

func quoteAll(ss []string, sep string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, sep)
}
