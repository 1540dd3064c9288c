package apitest

import (
	"net/http"
	"net/url"
	"time"
)

// Request is one request the server received, as its request log keeps it.
// A server's Requests method returns the log in arrival order.
type Request struct {
	// Time is when the request arrived, by the server's clock.
	Time time.Time
	// Operation is the operationId (see the Op constants), or "" when no
	// operation matched.
	Operation string
	// Method is the request's method.
	Method string
	// Path is the path as sent, still escaped ("/api/v2/users/3/sessions",
	// "/v1/session/a%2Fb").
	Path string
	// Query holds the parsed query parameters.
	Query url.Values
	// Header holds the request headers less the credentials
	// (Authorization, Proxy-Authorization, Cookie).
	Header http.Header
	// AuthScheme is the scheme of the Authorization header ("Basic",
	// "Bearer", the game server's "token"), without the credentials; ""
	// when there was none.
	AuthScheme string
	// Body is the request body as received: its first RequestBodyKept
	// bytes.
	Body []byte
	// BodySize is the size of the body received; more than len(Body) when
	// the log kept only its start.
	BodySize int
	// HeaderDropped counts the header values left out of Header once it
	// held RequestHeaderKept bytes (names and values).
	HeaderDropped int
	// Status is the status served; 0 when the connection was dropped, the
	// client went away first, or the answer is not decided yet.
	Status int
	// Fault reports whether an injected fault answered the request.
	Fault bool
}

// The bounds of a server's request log, so that it costs bounded memory
// whoever sends the requests.
const (
	// RequestLogLimit is how many requests the log keeps: the most recent.
	RequestLogLimit = 1000
	// RequestBodyKept is how much of a request's body the log keeps.
	RequestBodyKept = 4 << 10
	// RequestHeaderKept is how much of a request's headers the log keeps.
	RequestHeaderKept = 4 << 10
)
