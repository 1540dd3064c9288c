package core

import (
	"net/http"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Response is a success response as the engine read it, handed to the
// call's Decoder: what a decoder may need, read once per response. The
// rate limit the decoder sees is the one the pacer was fed and the
// call's ResponseInfo reports. A decoder reads what it needs from here and
// never calls back into the engine.
type Response struct {
	// StatusCode is the response's HTTP status (2xx or 3xx).
	StatusCode int
	// RequestID is the server's request id, when it sent one.
	RequestID string
	// RateLimit is the rate-limit state the response reported.
	RateLimit sessionkit.RateLimit
	// Body is the whole body, read through the size limit.
	Body []byte

	header http.Header
	sent   http.Header // the request's, whose values header must not echo
}

// Header returns a copy of the response header without credential-bearing
// fields (see safeHeader: also any field echoing a credential or a
// WithHeader value the request sent); each call makes a new copy.
func (r Response) Header() http.Header { return safeHeader(r.header, r.sent) }

// Decoder decodes a success response; its error becomes a *DecodeError
// (a decoder may return its own, with a field path in Err).
type Decoder func(r Response) error

// NewPage returns a page of items with r's header and rate-limit state.
func NewPage[T any](r Response, items []T) *sessionkit.Page[T] {
	return &sessionkit.Page[T]{Items: items, Header: r.Header(), RateLimit: r.RateLimit}
}
