package fakeapi

import (
	"net/http"
	"strings"
	"sync"
)

// API is what a vendor package gives [New]: its store, which holds the
// vendor's state and behaviour. The server holds the API's lock (its
// Locker) around every call of Authenticate, Decorate and the generated
// handler, so each request sees and changes the state atomically and none
// of them locks anything itself; the vendor's own exported methods (and
// timers) take it too.
type API interface {
	sync.Locker
	// Spec returns the name that prefixes the messages the server reports
	// ("zendesktest") and the API's OpenAPI document, as package
	// github.com/sessionkit/sessions/openapi returns it. New loads it once
	// per server and clears its servers, so any host matches.
	Spec() (name string, doc []byte)
	// Handler returns the generated std-http handler (HandlerWithOptions)
	// over the vendor's implementation of the generated ServerInterface,
	// with badRequest as its error handler: it answers requests the
	// generated code cannot bind with a 400 in the API's shape. The server
	// calls it only for requests it has routed, authenticated and validated.
	Handler(badRequest ErrorHandler) http.Handler
	// Problem builds the vendor's error reply for a status. code is a hint
	// such as "InvalidParameter", "BadRequest" or "InvalidEndpoint" that
	// APIs with error codes may use; message says what went wrong.
	Problem(status int, code, message string) *Reply
	// Authenticate checks the credentials of a request to a known
	// operation. It returns the request to hand on (typically with the
	// caller's identity in its context) and nil, or a reply that refuses it
	// (a 401).
	Authenticate(r *http.Request) (*http.Request, *Reply)
}

// An API may also implement these.
type (
	// suffixed APIs accept a suffix on every path and ignore it (Zendesk:
	// ".json", which some clients append to each request). It is stripped
	// before routing and validation, so ".../sessions/8.json" is
	// ".../sessions/8"; the request log keeps the path as it came.
	suffixed interface{ PathSuffix() string }
	// decorated APIs add the headers every response carries (request id,
	// rate limit, ...); Decorate is called for every response.
	decorated interface{ Decorate(h http.Header) }
	// stopped APIs have background work (the game server's webhooks) that
	// Server.Close stops first.
	stopped interface{ Stop() }
)

// Problem codes passed to [API.Problem].
const (
	CodeInvalidParameter = "InvalidParameter" // a parameter breaks the spec
	CodeBadRequest       = "BadRequest"       // the body or another part breaks the spec
	CodeInvalidEndpoint  = "InvalidEndpoint"  // no such path
	CodeMethodNotAllowed = "MethodNotAllowed" // the path exists, the method does not
	CodeInternal         = "InternalServerError"
)

// ErrorHandler is the generated code's error callback.
type ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error)

// badRequest answers a request the generated code cannot bind with a 400
// in the API's shape.
func (s *Server) badRequest(w http.ResponseWriter, _ *http.Request, err error) {
	Send(w, s.api.Problem(http.StatusBadRequest, CodeBadRequest, err.Error()))
}

// stripSuffix returns r with the API's path suffix cut from its path, or r
// itself when there is no such suffix (a path that is only the suffix
// after a slash, like "/.json", keeps it).
func (s *Server) stripSuffix(r *http.Request) *http.Request {
	a, ok := s.api.(suffixed)
	if !ok {
		return r
	}
	sfx, p := a.PathSuffix(), r.URL.Path
	if !strings.HasSuffix(p, sfx) || strings.HasSuffix(p, "/"+sfx) {
		return r
	}
	u := *r.URL
	u.Path = strings.TrimSuffix(p, sfx)
	u.RawPath = strings.TrimSuffix(u.RawPath, sfx)
	r2 := r.Clone(r.Context())
	r2.URL = &u
	return r2
}
