package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// userIDs parses the USER... arguments of delete-all: ids, or "-" alone to
// read them from stdin. Duplicates are dropped, keeping the first.
func (a *app) userIDs(args []string) ([]int64, error) {
	var raw []string
	if slices.Contains(args, "-") {
		if len(args) > 1 {
			return nil, usagef(`"-" reads the user ids from stdin and cannot be combined with ids`)
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
			id, err := jsonID(obj, "user_id", "id")
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
	seen := make(map[int64]bool, len(raw))
	var ids []int64
	for _, r := range raw {
		id, err := parseID("USER", r)
		if err != nil {
			return nil, err
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, usagef("no user ids on stdin")
	}
	return ids, nil
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
// "delete - --json") or "session_id" (from "delete --json"), or text lines
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
