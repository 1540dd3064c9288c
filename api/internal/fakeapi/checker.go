package fakeapi

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// Violation is one way an exchange breaks a spec.
type Violation struct {
	// Operation is the operationId; "" when no operation matched.
	Operation string
	// In is "request" or "response".
	In string
	// Field names what broke: a JSON pointer into the body ("/session/id"),
	// a parameter ("query parameter page[size]"), "status" or "path".
	Field string
	// Rule is what the spec says, as the validator words it.
	Rule string
	// Seen is the value that broke it, when there is one.
	Seen any
}

// Checker validates exchanges seen on the wire — a request and the answer
// a real service gave it — against a spec, with the validator the fakes
// use, reporting every violation rather than the first.
type Checker struct {
	v      *validator
	suffix string
}

// NewChecker returns a Checker for the spec (YAML or JSON); pathSuffix is
// an ending the service accepts on every path that the spec leaves out
// (".json").
func NewChecker(spec []byte, pathSuffix string) (*Checker, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("fakeapi: loading the spec: %w", err)
	}
	v, err := newValidator(doc)
	if err != nil {
		return nil, err
	}
	opts := *v.opts
	opts.MultiError = true
	v.opts = &opts
	return &Checker{v: v, suffix: pathSuffix}, nil
}

// Check returns the operation of the exchange and what in it breaks the
// spec. req is not changed; reqBody and respBody are the bodies as sent.
func (c *Checker) Check(ctx context.Context, req *http.Request, reqBody []byte, status int, header http.Header, respBody []byte) (string, []Violation) {
	r := req.Clone(ctx)
	if c.suffix != "" {
		r.URL.Path = strings.TrimSuffix(r.URL.Path, c.suffix)
		r.URL.RawPath = ""
	}
	route, params, err := c.v.route(r)
	if err != nil {
		return "", []Violation{{In: "request", Field: "path", Rule: "no operation of the spec has this method and path", Seen: req.Method + " " + req.URL.Path}}
	}
	op := route.Operation.OperationID
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route}
	var out []Violation
	if err := c.v.request(ctx, in, reqBody); err != nil {
		out = append(out, violations(op, "request", err)...)
	}
	err = openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: status, Header: header,
		Body: io.NopCloser(bytes.NewReader(respBody)), Options: c.v.opts,
	})
	if err != nil {
		out = append(out, violations(op, "response", err)...)
	}
	return op, specific(out)
}

// specific drops a violation that a deeper one in the same body explains:
// an object that matched neither branch of a oneOf because of one field is
// reported at that field only.
func specific(vs []Violation) []Violation {
	var out []Violation
	for _, v := range vs {
		explained := slices.ContainsFunc(vs, func(w Violation) bool {
			return w.In == v.In && strings.HasPrefix(w.Field, v.Field+"/")
		})
		if !explained {
			out = append(out, v)
		}
	}
	return out
}

// violations flattens a validation error into one Violation per broken
// rule, each at its field: a parameter, a JSON pointer into the body (a
// body's own shape is "body"), or the status.
func violations(op, in string, err error) []Violation {
	if me, ok := err.(openapi3.MultiError); ok {
		var out []Violation
		for _, e := range me {
			out = append(out, violations(op, in, e)...)
		}
		return out
	}
	var (
		field, rule string
		inner       error
	)
	switch e := err.(type) {
	case *openapi3filter.RequestError:
		if e.Parameter != nil {
			field = e.Parameter.In + " parameter " + e.Parameter.Name
		}
		rule, inner = e.Reason, e.Err
	case *openapi3filter.ResponseError:
		if strings.Contains(e.Reason, "status") {
			field = "status"
		}
		rule, inner = e.Reason, e.Err
	case *openapi3.SchemaError:
		if me, ok := errors.AsType[openapi3.MultiError](e.Origin); ok { // a oneOf: why each branch failed
			return violations(op, in, me)
		}
		v := Violation{Operation: op, In: in, Field: "body", Rule: oneLine(e.Reason), Seen: e.Value}
		if p := e.JSONPointer(); len(p) > 0 {
			v.Field = "/" + strings.Join(p, "/")
		}
		return []Violation{v}
	}
	if inner != nil {
		subs := violations(op, in, inner)
		for i := range subs {
			if field != "" {
				subs[i].Field = field + strings.TrimPrefix(subs[i].Field, "body")
			}
		}
		return subs
	}
	if rule == "" {
		rule = err.Error()
	}
	return []Violation{{Operation: op, In: in, Field: cmp.Or(field, "body"), Rule: oneLine(rule)}}
}
