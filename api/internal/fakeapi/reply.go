package fakeapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Reply is a response of a fake server: a status, extra headers and a body.
//
// Each vendor package wraps it in a reply type of its own that implements
// the response-object interface of every operation of its generated strict
// server (VisitShowSessionResponse, ...), so a strict handler can return one
// for any operation and status. The generated model types still shape the
// bodies; Reply only writes them, which lets a handler send explicit JSON
// nulls where the wire has them.
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
