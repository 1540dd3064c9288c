package fakeapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// whole APIs name the schemas (components/schemas) of the objects the live
// service sends with every key: null for a nullable one without a value,
// the zero value (0, false, "", [], {}) for another. The generated models
// leave an empty optional value out; the server puts it back, so the fakes
// send what the live service sends without wire types of their own.
type whole interface{ WholeSchemas() []string }

// EncodeAs encodes v as JSON of the spec's schema name (a component), with
// the objects of the API's whole schemas filled in as in its answers: for a
// body the API sends outside an answer, such as the game server's webhooks.
func (s *Server) EncodeAs(name string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	sr := s.doc.Components.Schemas[name]
	if sr == nil {
		return nil, fmt.Errorf("%s: no schema %q in the spec", s.name, name)
	}
	var x any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&x); err != nil {
		return nil, err
	}
	if !s.fill(x, &openapi3.SchemaRef{Ref: "#/components/schemas/" + name, Value: sr.Value}) {
		return b, nil
	}
	return json.Marshal(x)
}

// fillWhole adds the properties that the JSON body of a handler's answer
// leaves out in the objects of the API's whole schemas (see whole).
func (s *Server) fillWhole(route *routers.Route, c *capture) {
	if len(s.whole) == 0 || c.body.Len() == 0 {
		return
	}
	resp := route.Operation.Responses.Status(c.status)
	if resp == nil || resp.Value == nil {
		return
	}
	mt := resp.Value.Content.Get("application/json")
	if mt == nil || c.header.Get("Content-Type") != "application/json" {
		return
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(c.body.Bytes()))
	dec.UseNumber()
	if dec.Decode(&v) != nil || !s.fill(v, mt.Schema) {
		return // a body that does not decode is the validator's to report
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return // a decoded value always encodes
	}
	c.body = buf
	c.header.Set("Content-Length", strconv.Itoa(buf.Len()))
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

// fill adds the missing properties of whole objects to v, a decoded JSON
// value of the schema ref, and reports whether it added any.
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
				x[name] = zero(p.Value)
				changed = true
			}
		}
	case []any:
		for _, e := range x {
			changed = s.fill(e, sch.Items) || changed
		}
	}
	return changed
}
