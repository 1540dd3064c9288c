package apitest

import (
	"net/http"
	"net/url"
	"time"
)

// Request is one request the server received, as its request log keeps it
// (GET /__mock/requests of the mock server lists it under the JSON names,
// the body as text). A server's Requests method returns the log in arrival
// order.
type Request struct {
	// Time is when the request arrived, by the server's clock.
	Time time.Time `json:"time"`
	// Operation is the operationId (see the Op constants), or "" when no
	// operation matched.
	Operation string `json:"operation,omitempty"`
	Method    string `json:"method"`
	// Path is the path as sent, still escaped ("/v1/session/a%2Fb").
	Path  string     `json:"path"`
	Query url.Values `json:"query,omitempty"`
	// Header holds the request headers less the credentials
	// (Authorization, Proxy-Authorization, Cookie).
	Header http.Header `json:"header,omitempty"`
	// AuthScheme is the scheme of the Authorization header ("Basic",
	// "Bearer", the game server's "token") without the credentials; ""
	// when there was none.
	AuthScheme string `json:"auth_scheme,omitempty"`
	// Body is the first RequestBodyKept bytes of the body received, and
	// BodySize its whole size.
	Body     []byte `json:"body,omitempty"`
	BodySize int    `json:"body_size,omitempty"`
	// HeaderDropped counts the header values left out of Header once it
	// held RequestHeaderKept bytes (names and values).
	HeaderDropped int `json:"header_dropped,omitempty"`
	// Status is the status served; 0 when the connection was dropped, the
	// client went away first, or the answer is not decided yet.
	Status int `json:"status"`
	// Fault reports whether an injected fault answered the request.
	Fault bool `json:"fault,omitempty"`
}

// The bounds of a server's request log, so that it costs bounded memory
// whoever sends the requests.
const (
	RequestLogLimit   = 1000    // requests kept: the most recent
	RequestBodyKept   = 4 << 10 // bytes of a request's body kept
	RequestHeaderKept = 4 << 10 // bytes of a request's headers kept
)
