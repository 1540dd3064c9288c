package core

import (
	"net/http"
)

// API is what a wrapper plugs into the engine about its vendor's API: the
// engine itself knows no vendor. Every field but Name and DefaultBaseURL
// may be left zero.
type API struct {
	// Name names the API in every error and printed value: "zendesk".
	Name string
	// DefaultBaseURL is the base URL when no BaseURL option is given, e.g.
	// "https://acme.zendesk.com".
	DefaultBaseURL string
	// UserAgent is the SDK's User-Agent product, e.g.
	// "sessionkit-go-zendesk/0.1"; the caller's product goes in front.
	UserAgent string
	// ErrorBody extracts a machine-readable code and a human message from
	// an error response's body; nil means the body's text is the message.
	ErrorBody func(contentType string, body []byte) (code, message string)
	// RequestID returns the response's request id; nil means none.
	RequestID func(http.Header) string
	// RateLimit names the response's rate-limit headers; none means the
	// API reports no rate limit.
	RateLimit RateLimitHeaders
}

// Op describes one operation for the engine.
type Op struct {
	// Name is the vendor's operationId, for logs.
	Name string
	// Method is the HTTP method.
	Method string
	// RetrySafe marks a POST that is harmless to repeat, retried like a
	// GET (sessionkit.RetryPolicy).
	RetrySafe bool
	// SecretBody marks an operation whose success body carries a secret
	// (a token): when it does not decode, the *DecodeError quotes none of
	// it — no excerpt, and the decoder's JSON errors reduced to where and
	// what kind of value went wrong. Every other operation's *DecodeError
	// shows the start of the body.
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

func (a *API) requestID(h http.Header) string {
	if a.RequestID == nil {
		return ""
	}
	return oneLine(a.RequestID(h), 128)
}

func (a *API) rateLimit(h http.Header) rateLimit { return a.RateLimit.parse(h) }
