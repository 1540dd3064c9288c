package fakeapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// validator checks requests and responses against one spec. Its router and
// options are built once, in newValidator, and shared by every request.
type validator struct {
	router routers.Router
	opts   *openapi3filter.Options
}

func newValidator(doc *openapi3.T) (*validator, error) {
	// The spec's servers name the vendor's hosts; a fake answers on any.
	doc.Servers = nil
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("fakeapi: building the router: %w", err)
	}
	opts := &openapi3filter.Options{
		// The server checks credentials itself, so that its 401s look like
		// the vendor's; the validator only checks the request's shape.
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		// Handlers must see the body the client sent, without defaults.
		SkipSettingDefaults: true,
		// A status the operation does not document is a violation.
		IncludeResponseStatus: true,
		// Messages name the field and the rule, without schema dumps.
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
	}
	return &validator{router: router, opts: opts}, nil
}

// route finds the operation of r.
func (v *validator) route(r *http.Request) (*routers.Route, map[string]string, error) {
	return v.router.FindRoute(r)
}

// request validates r, whose body has been read into body.
func (v *validator) request(ctx context.Context, in *openapi3filter.RequestValidationInput, body []byte) error {
	in.Request.Body = io.NopCloser(bytes.NewReader(body))
	in.Options = v.opts
	err := openapi3filter.ValidateRequest(ctx, in)
	in.Request.Body = io.NopCloser(bytes.NewReader(body))
	return err
}

// response validates a captured response to the request of in.
func (v *validator) response(ctx context.Context, in *openapi3filter.RequestValidationInput, c *capture) error {
	return openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 c.status,
		Header:                 c.header,
		Body:                   io.NopCloser(bytes.NewReader(c.body.Bytes())),
		Options:                v.opts,
	})
}

// describe turns a validation error into one line that names the violation:
// `query parameter "page[size]": number must be at most 100` or
// `request body at /app_name: property "app_name" is missing`.
func describe(err error) (code, msg string) {
	var reqErr *openapi3filter.RequestError
	if !errors.As(err, &reqErr) {
		return CodeBadRequest, oneLine(err.Error())
	}
	code = CodeBadRequest
	var where string
	switch {
	case reqErr.Parameter != nil:
		code = CodeInvalidParameter
		where = fmt.Sprintf("%s parameter %q", reqErr.Parameter.In, reqErr.Parameter.Name)
	case reqErr.RequestBody != nil:
		where = "request body"
	}
	reason := reqErr.Reason
	var schemaErr *openapi3.SchemaError
	if errors.As(err, &schemaErr) {
		if p := schemaErr.JSONPointer(); len(p) > 0 && reqErr.RequestBody != nil {
			where += " at /" + strings.Join(p, "/")
		}
		reason = schemaErr.Reason
	} else if reqErr.Err != nil {
		if reason != "" {
			reason += ": "
		}
		reason += reqErr.Err.Error()
	}
	if where == "" {
		return code, oneLine(reason)
	}
	return code, oneLine(where + ": " + reason)
}

// oneLine keeps the first line of s.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}
