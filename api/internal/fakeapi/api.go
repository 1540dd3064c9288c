package fakeapi

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// API describes one vendor API to [New].
type API struct {
	// Name prefixes the messages the server reports, e.g. "zendesktest".
	Name string
	// Spec is the API's OpenAPI document (YAML or JSON), as package
	// github.com/sessionkit/sessions/openapi returns it. New loads it once
	// per server and clears its servers, so any host matches.
	Spec []byte
	// Handler returns the generated std-http handler (HandlerWithOptions)
	// over the vendor's implementation of the generated ServerInterface,
	// with badRequest as its error handler: it answers requests the
	// generated code cannot bind with a 400 in the API's shape. The server
	// calls it only for requests it has routed, authenticated and validated.
	Handler func(badRequest ErrorHandler) http.Handler
	// Problem builds the vendor's error reply for a status. code is a hint
	// such as "InvalidParameter", "BadRequest" or "InvalidEndpoint" that APIs
	// with error codes may use; message says what went wrong.
	Problem func(status int, code, message string) *Reply
	// Authenticate checks the credentials of a request to a known operation.
	// It returns the request to hand on (typically with the caller's identity
	// in its context) and nil, or a reply that refuses it (a 401).
	Authenticate func(r *http.Request) (*http.Request, *Reply)
	// PathSuffix, if set, is a suffix the real service accepts on every
	// path and ignores (Zendesk: ".json", which some clients append to
	// each request). It is stripped before routing and validation, so
	// ".../sessions/8.json" is ".../sessions/8"; the request log keeps the
	// path as it came.
	PathSuffix string
	// Decorate, if set, adds the headers every response of the API carries
	// (request id, rate limit, ...). It is called for every response.
	Decorate func(h http.Header)
	// Stop, if set, is called first by Server.Close: it stops the vendor's
	// own background work (the game server's webhooks).
	Stop func()
	// State is the lock that guards the vendor's state, and the one place
	// it is taken for requests: the server holds it around every call of
	// Authenticate, Decorate and an operation's handler, so each request
	// sees and changes the state atomically, and none of them locks
	// anything itself. The vendor's own exported methods (and timers) take
	// it too; nothing else does.
	State sync.Locker
}

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
func (a *API) badRequest(w http.ResponseWriter, _ *http.Request, err error) {
	Send(w, a.Problem(http.StatusBadRequest, CodeBadRequest, err.Error()))
}

// loadSpec loads and resolves the API's document.
func (a *API) loadSpec() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(a.Spec)
	if err != nil {
		return nil, fmt.Errorf("%s: loading the spec: %w", a.Name, err)
	}
	return doc, nil
}
