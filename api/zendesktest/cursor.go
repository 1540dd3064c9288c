package zendesktest

import (
	"encoding/base64"
	"encoding/json"
	"errors"
)

// cursor is what a pagination cursor carries: the order it was made for and
// the key of the session it points at. On the wire it is opaque: base64 of
// a small JSON document, like Zendesk's own cursors.
type cursor struct {
	Order string  `json:"o"`
	Key   sortKey `json:"v"`
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c) // a string and two integers always marshal
	return base64.StdEncoding.EncodeToString(b)
}

func decodeCursor(s string, o order) (cursor, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, errors.New("the cursor is not valid")
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil {
		return cursor{}, errors.New("the cursor is not valid")
	}
	if c.Order != o.spec {
		return cursor{}, errors.New("the cursor was made for another sort order")
	}
	return c, nil
}
