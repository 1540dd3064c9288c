package fakeapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Reply is a response of a fake server: a status, extra headers and a body,
// which the vendor's handlers send with [Send].
type Reply struct {
	Status int
	Header http.Header
	// Body is encoded as JSON, unless it is a []byte, which is written as is.
	// A nil Body writes no body.
	Body any
	// ContentType defaults to application/json for a non-nil Body.
	ContentType string
}

// JSON returns a reply with a JSON body.
func JSON(status int, body any) *Reply { return &Reply{Status: status, Body: body} }

// Empty returns a reply without a body (e.g. a 204).
func Empty(status int) *Reply { return &Reply{Status: status} }

// Send writes r to w, the writer the server hands a vendor's handler. A
// body that cannot be encoded (a NaN from a seed) is a violation the server
// reports, answering 500 instead.
func Send(w http.ResponseWriter, r *Reply) {
	if err := r.Write(w); err != nil {
		if c, ok := w.(*capture); ok {
			c.err = err
		}
	}
}

// Write writes the reply to w.
func (r *Reply) Write(w http.ResponseWriter) error {
	var body []byte
	switch b := r.Body.(type) {
	case nil:
	case []byte:
		body = b
	default:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(b); err != nil {
			return fmt.Errorf("fakeapi: encoding a %d reply: %w", r.Status, err)
		}
		body = buf.Bytes()
	}
	h := w.Header()
	for k, vs := range r.Header {
		h[k] = append([]string(nil), vs...)
	}
	if r.Body != nil {
		ct := r.ContentType
		if ct == "" {
			ct = "application/json"
		}
		h.Set("Content-Type", ct)
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(r.Status)
	_, err := w.Write(body)
	return err
}

// Decode decodes the JSON body of r, a request the server has validated,
// into v. When that fails (a number out of v's range), the server answers
// the request with a 400 in the API's shape and Decode returns false.
func Decode(w http.ResponseWriter, r *http.Request, v any) bool {
	err := json.NewDecoder(r.Body).Decode(v)
	if err == nil {
		return true
	}
	if c, ok := w.(*capture); ok {
		c.bad = fmt.Errorf("request body: %w", err)
	}
	return false
}
