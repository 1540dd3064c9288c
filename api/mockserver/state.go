package mockserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
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

// ZendeskState is the Zendesk account of a mock: zendesktest's State,
// whose JSON names are the mock's. A user's role is "admin", "agent" or
// "end-user" (the default); a session's id of 0 (or none) is assigned, its
// authenticated_at defaults to now and a last_seen_at left out is null;
// oauth_tokens, tokens minted by POST /oauth/tokens, are listed so that a
// state put back keeps them valid.
type ZendeskState = zendesktest.State

// GameserverState is the game-server (Edgegap) side of a mock:
// gameservertest's State, whose JSON names are the mock's, and the API keys.
// A session's create_time defaults to now and is kept to the microsecond,
// as the API sends it.
type GameserverState struct {
	// APITokens are the keys accepted as "authorization: token <key>".
	// They are fixed when the mock starts: PUT /__mock/state refuses other
	// keys.
	APITokens []string `json:"api_tokens,omitempty"`
	gameservertest.State
}

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
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("the body is empty: want a JSON object")
		}
		if e, ok := errors.AsType[*json.UnmarshalTypeError](err); ok && e.Field != "" {
			// The path holds the Go names of embedded structs (upper case)
			// beside the JSON names; keep the JSON ones.
			path := slices.DeleteFunc(strings.Split(e.Field, "."), func(p string) bool { return p != "" && unicode.IsUpper(rune(p[0])) })
			return fmt.Errorf("field %q: %s is not a %s", strings.Join(path, "."), e.Value, e.Type)
		}
		if _, ok := errors.AsType[*time.ParseError](err); ok {
			return fmt.Errorf("%s: want an RFC 3339 time such as \"2026-01-02T15:04:05Z\": %w", where(b, dec.InputOffset()), err)
		}
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// jsonKey matches an object key of a JSON text.
var jsonKey = regexp.MustCompile(`"([^"\\]+)"\s*:`)

// where names the place of a decoding error that encoding/json does not:
// the field being read and its line.
func where(b []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(b)))
	before := b[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	if keys := jsonKey.FindAllSubmatch(before, -1); keys != nil {
		return fmt.Sprintf("field %q (line %d)", keys[len(keys)-1][1], line)
	}
	return fmt.Sprintf("line %d", line)
}
