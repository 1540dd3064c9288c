package core

import (
	"net/http"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// API is what a wrapper plugs into the engine about its vendor's API.
// Every field but Name and DefaultBaseURL may be left zero.
type API struct {
	Name           string // names the API in every error and printed value: "zendesk"
	DefaultBaseURL string // without a BaseURL option
	UserAgent      string // the SDK's User-Agent product, after the caller's
	// ErrorBody extracts a machine-readable code and a human message from
	// an error response's body; nil means the body's text is the message.
	ErrorBody func(contentType string, body []byte) (code, message string)
	RequestID func(http.Header) string // the response's request id; nil means none
	RateLimit RateLimitHeaders         // none: the API reports no rate limit
}

func (a *API) requestID(h http.Header) string {
	if a.RequestID == nil {
		return ""
	}
	return oneLine(a.RequestID(h), 128)
}

// Op describes one operation for the engine.
type Op struct {
	Name      string // the vendor's operationId, for logs
	Method    string
	RetrySafe bool // a POST harmless to repeat (see sessionkit.RetryPolicy)
	// SecretBody marks an operation whose success body carries a secret (a
	// token): its *DecodeError quotes none of it (no excerpt, and JSON
	// errors reduced by secretSafe).
	SecretBody bool
}

// idempotent reports whether op may be sent twice without harm under c.
func (op *Op) idempotent(c *Settings) bool {
	switch op.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	if op.RetrySafe || c.retryNonIdempotent {
		return true
	}
	return c.header.Get("Idempotency-Key") != "" || c.header.Get("X-Idempotency-Key") != ""
}

// Response is a success response as the engine read it, handed to the
// call's Decoder, which never calls back into the engine.
type Response struct {
	StatusCode int                  // 2xx or 3xx
	RequestID  string               // the server's, when it sent one
	RateLimit  sessionkit.RateLimit // as the pacer and ResponseInfo saw it
	Body       []byte               // the whole body, read through the size limit

	header http.Header
	sent   http.Header // the request's, whose values header must not echo
}

// Header returns a new copy of the response header without
// credential-bearing fields (see safeHeader).
func (r Response) Header() http.Header { return safeHeader(r.header, r.sent) }

// Decoder decodes a success response; its error becomes a *DecodeError
// (a decoder may return its own, with a field path in Err).
type Decoder func(r Response) error

// NewPage returns a page of items with r's header and rate-limit state.
func NewPage[T any](r Response, items []T) *sessionkit.Page[T] {
	return &sessionkit.Page[T]{Items: items, Header: r.Header(), RateLimit: r.RateLimit}
}
