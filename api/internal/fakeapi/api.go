package fakeapi

import (
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
)

// API describes one vendor API to [New].
type API struct {
	// Name prefixes the messages the server reports, e.g. "zendesktest".
	Name string
	// Spec is the API's OpenAPI document, as the generated GetSpec returns it.
	// New takes ownership: it clears Spec.Servers so that any host matches.
	Spec *openapi3.T
	// Mux holds the generated std-http handlers, registered on it by the
	// generated HandlerWithOptions.
	Mux *OpMux
	// Problem builds the vendor's error reply for a status. code is a hint
	// such as "InvalidParameter", "BadRequest" or "InvalidEndpoint" that APIs
	// with error codes may use; message says what went wrong.
	Problem func(status int, code, message string) *Reply
	// Authenticate checks the credentials of a request to a known operation.
	// It returns the request to hand on (typically with the caller's identity
	// in its context) and nil, or a reply that refuses it (a 401).
	Authenticate func(r *http.Request) (*http.Request, *Reply)
	// Decorate, if set, adds the headers every response of the API carries
	// (request id, rate limit, ...). It is called once per request.
	Decorate func(h http.Header)
}

// Problem codes passed to [API.Problem].
const (
	CodeInvalidParameter = "InvalidParameter" // a parameter breaks the spec
	CodeBadRequest       = "BadRequest"       // the body or another part breaks the spec
	CodeInvalidEndpoint  = "InvalidEndpoint"  // no such path
	CodeMethodNotAllowed = "MethodNotAllowed" // the path exists, the method does not
	CodeInternal         = "InternalServerError"
)

// BadRequestHandler returns a handler for the generated code's request errors
// (parameters or bodies it cannot bind): it answers a 400 in the API's shape.
func (a *API) BadRequestHandler() func(w http.ResponseWriter, r *http.Request, err error) {
	return func(w http.ResponseWriter, _ *http.Request, err error) {
		_ = a.Problem(http.StatusBadRequest, CodeBadRequest, err.Error()).Write(w)
	}
}

// ServerErrorHandler returns a handler for errors the strict handlers return:
// it answers a 500 in the API's shape.
func (a *API) ServerErrorHandler() func(w http.ResponseWriter, r *http.Request, err error) {
	return func(w http.ResponseWriter, _ *http.Request, err error) {
		_ = a.Problem(http.StatusInternalServerError, CodeInternal, err.Error()).Write(w)
	}
}
