// Package specvalidate checks the hand-written OpenAPI documents under openapi/
// before anything is generated from them.
//
// A document passes when kin-openapi can load it, resolve every $ref, and
// validate it as OpenAPI 3.0 — which includes validating every example
// (schema examples, media-type examples and named examples) against the
// schema it illustrates. On top of that, Check enforces the house rules the
// generator and the contract suite rely on: every operation has an
// operationId, and every response that has a body carries an example, so the
// Prism mock and the in-memory servers can serve it.
//
// The same code runs in "make generate" (through internal/cmd/specvalidate),
// so a broken spec stops generation before any generated file is touched,
// and in the spec tests.
package specvalidate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Load reads and resolves the OpenAPI document at path without validating it.
func Load(ctx context.Context, path string) (*openapi3.T, error) {
	doc, err := loader(ctx).LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: load: %w", path, err)
	}
	return doc, nil
}

// LoadData reads and resolves a document held in memory, such as one of
// package github.com/sessionkit/sessions/openapi, without validating it.
// name labels errors.
func LoadData(ctx context.Context, name string, data []byte) (*openapi3.T, error) {
	doc, err := loader(ctx).LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("%s: load: %w", name, err)
	}
	return doc, nil
}

// loader returns a kin-openapi loader bound to ctx.
func loader(ctx context.Context) *openapi3.Loader {
	l := openapi3.NewLoader()
	l.Context = ctx
	return l
}

// Check validates doc as OpenAPI 3.0 (examples included) and applies the
// house rules described in the package documentation. name labels errors.
func Check(ctx context.Context, name string, doc *openapi3.T) error {
	if doc == nil {
		return fmt.Errorf("%s: no document", name)
	}
	if err := doc.Validate(ctx, openapi3.EnableExamplesValidation()); err != nil {
		return fmt.Errorf("%s: invalid OpenAPI document: %w", name, err)
	}
	var errs []error
	for _, op := range Operations(doc) {
		if op.Operation.OperationID == "" {
			errs = append(errs, fmt.Errorf("%s: %s has no operationId", name, op.Key))
		}
		for _, code := range op.Operation.Responses.Keys() {
			ref := op.Operation.Responses.Value(code)
			if ref == nil || ref.Value == nil {
				continue
			}
			for ct, media := range ref.Value.Content {
				if media == nil || media.Schema == nil {
					continue
				}
				if media.Example == nil && len(media.Examples) == 0 && (media.Schema.Value == nil || media.Schema.Value.Example == nil) {
					errs = append(errs, fmt.Errorf("%s: %s response %s (%s) has no example", name, op.Key, code, ct))
				}
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}

// File loads the document at path and checks it.
func File(ctx context.Context, path string) error {
	doc, err := Load(ctx, path)
	if err != nil {
		return err
	}
	return Check(ctx, path, doc)
}

// Op is one operation of a document.
type Op struct {
	// Key is "METHOD /path", for example "GET /api/v2/sessions".
	Key       string
	Method    string
	Path      string
	Operation *openapi3.Operation
}

// Operations lists every operation of doc, sorted by Key.
func Operations(doc *openapi3.T) []Op {
	var ops []Op
	if doc == nil || doc.Paths == nil {
		return nil
	}
	for path, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		for method, op := range item.Operations() {
			m := strings.ToUpper(method)
			ops = append(ops, Op{Key: m + " " + path, Method: m, Path: path, Operation: op})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].Key < ops[j].Key })
	return ops
}

// Keys returns the sorted "METHOD /path" keys of doc's operations.
func Keys(doc *openapi3.T) []string {
	ops := Operations(doc)
	keys := make([]string, len(ops))
	for i, op := range ops {
		keys[i] = op.Key
	}
	return slices.Compact(keys)
}
