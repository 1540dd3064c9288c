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
		lines, err := a.stdinIDs()
		if err != nil {
			return nil, err
		}
		raw = lines
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

// stdinIDs reads ids from stdin: one per line, or JSON objects with
// "user_id" (from list --json) or "id" (from delete-all --json). Blank lines
// and lines starting with # are skipped.
func (a *app) stdinIDs() ([]string, error) {
	sc := bufio.NewScanner(a.stdin)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var ids []string
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasPrefix(line, "{") {
			ids = append(ids, line)
			continue
		}
		id, err := jsonLineID(line)
		if err != nil {
			return nil, usagef("stdin line %d: %v", n, err)
		}
		ids = append(ids, id)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading stdin: %w", err)
	}
	return ids, nil
}

// jsonLineID takes the user id out of a JSON line: "user_id", else "id".
func jsonLineID(line string) (string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &obj); err != nil {
		return "", fmt.Errorf("not a JSON object: %v", err)
	}
	for _, key := range []string{"user_id", "id"} {
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
		return "", fmt.Errorf("%q is %s, not a user id", key, v)
	}
	return "", fmt.Errorf(`no "user_id" or "id" field`)
}

// quoteAll quotes each string, for messages.
func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
