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
	// Body is the request body as received.
	Body []byte
	// Status is the status served; 0 when the connection was dropped, the
	// client went away first, or the answer is not decided yet.
	Status int
	// Fault reports whether an injected fault answered the request.
	Fault bool
}

// RequestLogLimit is how many requests a server's request log keeps: the
// most recent.
const RequestLogLimit = 10000
