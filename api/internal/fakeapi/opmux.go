package fakeapi

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// OpMux collects the handlers the generated HandlerWithOptions registers,
// keyed by their "METHOD /path" pattern. It satisfies the generated ServeMux
// interface, but never routes itself: the server routes with the spec's
// router and dispatches by operationId, so validation and dispatch can never
// disagree about which operation a request is.
type OpMux struct {
	patterns map[string]http.HandlerFunc
}

// NewOpMux returns an empty OpMux.
func NewOpMux() *OpMux { return &OpMux{patterns: make(map[string]http.HandlerFunc)} }

// HandleFunc records handler for pattern ("METHOD /path/{param}").
func (m *OpMux) HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request)) {
	m.patterns[pattern] = handler
}

// ServeHTTP answers 404: an OpMux does not route.
func (m *OpMux) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	http.Error(w, "fakeapi: OpMux does not route", http.StatusNotFound)
}

// byOperation maps every operation of doc to its registered handler.
func (m *OpMux) byOperation(doc *openapi3.T) (map[string]http.HandlerFunc, error) {
	ops := make(map[string]http.HandlerFunc)
	for pattern, h := range m.patterns {
		method, path, ok := strings.Cut(pattern, " ")
		if !ok {
			return nil, fmt.Errorf("fakeapi: pattern %q has no method", pattern)
		}
		item := doc.Paths.Value(path)
		if item == nil {
			return nil, fmt.Errorf("fakeapi: pattern %q: path not in the spec", pattern)
		}
		op := item.GetOperation(method)
		if op == nil || op.OperationID == "" {
			return nil, fmt.Errorf("fakeapi: pattern %q: no operation with an id in the spec", pattern)
		}
		ops[op.OperationID] = h
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if _, ok := ops[op.OperationID]; !ok {
				return nil, fmt.Errorf("fakeapi: %s %s (%s) has no handler", method, path, op.OperationID)
			}
		}
	}
	return ops, nil
}
