package fakeapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// validator checks requests and responses against one spec.
type validator struct {
	doc    *openapi3.T
	router routers.Router
	opts   *openapi3filter.Options
}

// newValidator loads a spec; multi collects every violation of a request or
// response instead of stopping at the first.
func newValidator(spec []byte, multi bool) (*validator, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("loading the spec: %w", err)
	}
	doc.Servers = nil // they name the vendor's hosts; a fake answers on any
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("building the router: %w", err)
	}
	return &validator{doc: doc, router: router, opts: &openapi3filter.Options{
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc, // the vendor's own check answers its own 401s
		SkipSettingDefaults:   true,                                  // handlers see the body the client sent
		IncludeResponseStatus: true,                                  // an undocumented status is a violation
		MultiError:            multi,
		// Messages name the field and the rule, without schema dumps.
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
	}}, nil
}

// route finds the operation of r.
func (v *validator) route(r *http.Request) (*routers.Route, map[string]string, error) {
	return v.router.FindRoute(r)
}

// request validates the request of in, whose body has been read into body.
func (v *validator) request(in *openapi3filter.RequestValidationInput, body []byte) error {
	in.Request.Body = io.NopCloser(bytes.NewReader(body))
	in.Options = v.opts
	err := openapi3filter.ValidateRequest(in.Request.Context(), in)
	in.Request.Body = io.NopCloser(bytes.NewReader(body))
	return err
}

// response validates a response to the request of in.
func (v *validator) response(in *openapi3filter.RequestValidationInput, status int, h http.Header, body []byte) error {
	return openapi3filter.ValidateResponse(in.Request.Context(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: status, Header: h, Body: io.NopCloser(bytes.NewReader(body)), Options: v.opts,
	})
}

// describe turns a request validation error into one line that names the
// violation: `query parameter "page[size]": number must be at most 100` or
// `request body at /app_name: property "app_name" is missing`.
func describe(err error) (code, msg string) {
	code, msg = CodeBadRequest, err.Error()
	if reqErr, ok := errors.AsType[*openapi3filter.RequestError](err); ok {
		var where string
		if reqErr.Parameter != nil {
			code, where = CodeInvalidParameter, fmt.Sprintf("%s parameter %q", reqErr.Parameter.In, reqErr.Parameter.Name)
		} else if reqErr.RequestBody != nil {
			where = "request body"
		}
		if schemaErr, ok := errors.AsType[*openapi3.SchemaError](err); ok {
			if p := schemaErr.JSONPointer(); len(p) > 0 && reqErr.RequestBody != nil {
				where += " at /" + strings.Join(p, "/")
			}
			msg = schemaErr.Reason
		} else if msg = reqErr.Reason; reqErr.Err != nil {
			msg = strings.TrimPrefix(msg+": "+reqErr.Err.Error(), ": ")
		}
		if where != "" {
			msg = where + ": " + msg
		}
	}
	return code, OneLine(msg)
}

// OneLine keeps the first line of s, trimmed.
func OneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}

// Checker validates exchanges seen on the wire, a request and the answer a
// real service gave it, with the validator the fakes use.
type Checker struct {
	v      *validator
	suffix string
}

// NewChecker returns a Checker for the spec (YAML or JSON); pathSuffix is
// an ending the service accepts on every path, left out by the spec.
func NewChecker(spec []byte, pathSuffix string) (*Checker, error) {
	v, err := newValidator(spec, true)
	if err != nil {
		return nil, fmt.Errorf("fakeapi: %w", err)
	}
	return &Checker{v: v, suffix: pathSuffix}, nil
}

// Check returns the operationId of an exchange ("" when none has its method
// and path: reqErr says why) and every way its request and its response
// break the spec (nil, or an openapi3.MultiError). req is not changed.
func (c *Checker) Check(ctx context.Context, req *http.Request, reqBody []byte, status int, header http.Header, respBody []byte) (op string, reqErr, respErr error) {
	r := trimSuffix(req.Clone(ctx), c.suffix)
	route, params, err := c.v.route(r)
	if err != nil {
		return "", err, nil
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route}
	return route.Operation.OperationID, c.v.request(in, reqBody), c.v.response(in, status, header, respBody)
}

// EncodeAs encodes v as JSON of the spec's schema name (a component), with
// the objects of the API's whole schemas filled in as in its answers: for a
// body the API sends outside an answer, such as the game server's webhooks.
func (s *Server) EncodeAs(name string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	sr := s.val.doc.Components.Schemas[name]
	if err != nil {
		return nil, err
	} else if sr == nil {
		return nil, fmt.Errorf("%s: no schema %q in the spec", s.name, name)
	}
	if x, ok := s.filled(b, &openapi3.SchemaRef{Ref: "#/components/schemas/" + name, Value: sr.Value}); ok {
		return json.Marshal(x)
	}
	return b, nil
}

// fillWhole adds the properties that the JSON body of a handler's answer
// leaves out in the objects of the API's whole schemas (see fill).
func (s *Server) fillWhole(route *routers.Route, c *capture) {
	resp := route.Operation.Responses.Status(c.status)
	if len(s.whole) == 0 || resp == nil || resp.Value == nil || c.header.Get("Content-Type") != "application/json" {
		return
	}
	if mt := resp.Value.Content.Get("application/json"); mt != nil {
		// A body that does not decode is the validator's to report.
		if v, ok := s.filled(c.body.Bytes(), mt.Schema); ok {
			if b, err := encode(v); err == nil { // a decoded value always encodes
				c.body.Reset()
				c.body.Write(b)
				c.header.Set("Content-Length", strconv.Itoa(len(b)))
			}
		}
	}
}

// filled decodes a JSON body and fills it in (see fill).
func (s *Server) filled(b []byte, ref *openapi3.SchemaRef) (any, bool) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	ok := dec.Decode(&v) == nil && s.fill(v, ref)
	return v, ok
}

// fill adds to v, a decoded JSON value of the schema ref, the properties
// missing from the objects of whole schemas, reporting whether it added any.
// The live service sends those with every key (null, or 0, false, "", [],
// {}); the generated models leave an empty optional value out, so the
// server puts it back and the fakes need no wire types of their own.
func (s *Server) fill(v any, ref *openapi3.SchemaRef) bool {
	if ref == nil || ref.Value == nil {
		return false
	}
	sch, changed := ref.Value, false
	for _, alt := range append(append(sch.OneOf, sch.AnyOf...), sch.AllOf...) {
		changed = s.fill(v, alt) || changed
	}
	switch x := v.(type) {
	case map[string]any:
		for name, p := range sch.Properties {
			if pv, ok := x[name]; ok {
				changed = s.fill(pv, p) || changed
			} else if s.whole[path.Base(ref.Ref)] && p.Value != nil {
				x[name], changed = zero(p.Value), true
			}
		}
	case []any:
		for _, e := range x {
			changed = s.fill(e, sch.Items) || changed
		}
	}
	return changed
}

// zero is what the live service sends for a property without a value.
func zero(sch *openapi3.Schema) any {
	switch {
	case sch.Nullable:
		return nil
	case sch.Type.Is("array"):
		return []any{}
	case sch.Type.Is("object"):
		return map[string]any{}
	case sch.Type.Is("integer"), sch.Type.Is("number"):
		return 0
	case sch.Type.Is("boolean"):
		return false
	case sch.Type.Is("string"):
		return ""
	}
	return nil
}
