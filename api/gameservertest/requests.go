package gameservertest

import (
	"net/http"
	"net/url"
	"time"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// Request is one request the server received, as its request log keeps it.
// [Server.Requests] returns the log in arrival order.
type Request struct {
	// Time is when the request arrived, by the server's clock.
	Time time.Time
	// Operation is the operationId (see the Op constants), or "" when no
	// operation matched.
	Operation string
	// Method is the request's method.
	Method string
	// Path is the path as sent, still escaped ("/v1/session/a%2Fb").
	Path string
	// Query holds the parsed query parameters.
	Query url.Values
	// Header holds the request headers less the credentials
	// (Authorization, Proxy-Authorization, Cookie).
	Header http.Header
	// AuthScheme is the scheme of the Authorization header ("token" for
	// the game-server API), without the credentials; "" when there was none.
	AuthScheme string
	// Body is the request body as received.
	Body []byte
	// Status is the status served; 0 when the connection was dropped, the
	// client went away first, or the answer is not decided yet.
	Status int
	// Fault reports whether an injected fault answered the request.
	Fault bool
}

// RequestLogLimit is how many requests the request log keeps: the most recent.
const RequestLogLimit = 10000

// Requests returns a copy of the request log, oldest first: the last
// RequestLogLimit requests the server received, whatever their outcome. A
// request still being answered is there with Status 0.
func (s *Server) Requests() []Request {
	return fakeapi.Convert(s.base.Requests(), func(r fakeapi.Request) Request { return Request(r) })
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() { s.base.ResetRequests() }
