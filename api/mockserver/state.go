package mockserver

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// State is the JSON state of a mock: the seed file, and (one API at a time)
// what GET /__mock/state returns and PUT /__mock/state installs. Times are
// RFC 3339 ("2026-01-02T15:04:05Z"); optional fields may be left out.
//
//	{
//	  "zendesk": {
//	    "users": [{"id": 1, "email": "admin@example.com", "role": "admin", "api_token": "t"}],
//	    "sessions": [{"user_id": 1, "authenticated_at": "2026-01-02T15:04:05Z", "last_seen_at": "2026-01-03T09:00:00Z"}],
//	    "oauth_clients": [{"id": "ci", "secret": "s", "user_id": 1}]
//	  },
//	  "gameserver": {
//	    "api_tokens": ["k"],
//	    "apps": [{"name": "game", "versions": [{"name": "v1"}]}],
//	    "deployments": [{"request_id": "d1", "tags": ["eu"]}],
//	    "sessions": [{"app": "game", "users": [{"ip": "198.51.100.7"}], "ready": true}]
//	  }
//	}
type State struct {
	Zendesk    ZendeskState    `json:"zendesk"`
	Gameserver GameserverState `json:"gameserver"`
}

// ZendeskState is the Zendesk account of a mock: zendesktest's State, whose
// JSON names are the mock's (its doc has the defaults).
type ZendeskState = zendesktest.State

// GameserverState is the game-server (Edgegap) side of a mock:
// gameservertest's State, whose JSON names are the mock's (its doc has the
// defaults).
type GameserverState = gameservertest.State

// ParseState reads a State from JSON. Unknown fields, values of the wrong
// type, bad times and trailing data are errors naming the field.
func ParseState(r io.Reader) (State, error) {
	var s State
	if err := decodeStrict(r, &s); err != nil {
		return State{}, fmt.Errorf("mockserver: state: %w", err)
	}
	return s, nil
}

// decodeStrict decodes one JSON value into v, refusing unknown fields and
// anything after the value, with errors that name the field.
func decodeStrict(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("reading the JSON: %w", err)
	}
	if n := values(b); n > maxValues {
		return fmt.Errorf("the JSON holds %d objects and arrays, more than the %d a mock takes: a state of that many records would not fit in memory", n, maxValues)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	typeErr, _ := errors.AsType[*json.UnmarshalTypeError](err)
	timeErr, _ := errors.AsType[*time.ParseError](err)
	switch {
	case errors.Is(err, io.EOF):
		return errors.New("the body is empty: want a JSON object")
	case typeErr != nil && typeErr.Field != "":
		// The path holds the Go names of embedded structs (upper case)
		// beside the JSON names; keep the JSON ones.
		path := slices.DeleteFunc(strings.Split(typeErr.Field, "."), func(p string) bool { return p != "" && unicode.IsUpper(rune(p[0])) })
		return fmt.Errorf("field %q: %s is not a %s", strings.Join(path, "."), typeErr.Value, typeErr.Type)
	case timeErr != nil:
		return fmt.Errorf("%s: want an RFC 3339 time such as \"2026-01-02T15:04:05Z\": %w", where(b, timeErr.Value), err)
	case err != nil:
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// maxValues bounds the objects and arrays of a JSON document the mock
// decodes, so that its size in memory is bounded, not only its bytes: a
// record is at least one object (2 bytes of JSON, a few hundred in memory).
const maxValues = 100_000

// values counts the objects and arrays of a JSON text in one pass over its
// bytes (braces inside strings do not count).
func values(b []byte) int {
	n, inString, escaped := 0, false, false
	for _, c := range b {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == '{' || c == '['):
			n++
		}
	}
	return n
}

// where names the place of a value that encoding/json does not (a time
// that does not parse): the path of the first string value equal to v, such
// as field "zendesk.sessions[2].authenticated_at", and its line. One pass
// over the JSON's tokens.
func where(b []byte, v string) string {
	dec := json.NewDecoder(bytes.NewReader(b))
	// value reads one value at path, and returns where v is in it, or "".
	var value func(path string) string
	value = func(path string) string {
		offset := dec.InputOffset()
		tok, err := dec.Token()
		switch t := tok.(type) {
		case json.Delim:
			for i := 0; err == nil && dec.More(); i++ {
				p := fmt.Sprintf("%s[%d]", path, i)
				if t == '{' {
					key, _ := dec.Token()
					p = strings.TrimPrefix(fmt.Sprintf("%s.%v", path, key), ".")
				}
				if w := value(p); w != "" {
					return w
				}
			}
			_, _ = dec.Token() // the closing delimiter
		case string:
			if t == v {
				return fmt.Sprintf("field %q (line %d)", path, bytes.Count(b[:offset], []byte("\n"))+1)
			}
		}
		return ""
	}
	return cmp.Or(value(""), "the JSON")
}
