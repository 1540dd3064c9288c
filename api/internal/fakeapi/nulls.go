package fakeapi

import (
	"bytes"
	"encoding/json"
	"path"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// nulled APIs name the schemas (components/schemas) whose every nullable
// property the live service sends, as null when it has no value. The
// generated models leave an empty optional value out; the server puts the
// null back, so the fakes send what the live service sends without a wire
// type of their own.
type nulled interface{ NullSchemas() []string }

// fillNulls adds, as JSON nulls, the nullable properties that the JSON body
// of a handler's answer leaves out in the objects of the API's null schemas.
func (s *Server) fillNulls(route *routers.Route, c *capture) {
	if len(s.nulls) == 0 || c.body.Len() == 0 {
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

// fill adds the missing nulls to v, a decoded JSON value of the schema ref,
// and reports whether it added any.
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
			} else if s.nulls[path.Base(ref.Ref)] && p.Value != nil && p.Value.Nullable {
				x[name] = nil
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
