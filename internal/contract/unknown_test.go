package contract_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/internal/specvalidate"
)

// unknownFields returns the paths ("session.foo", "data[].bar") of the
// object keys in body that schema does not declare: what a real service
// sends that the spec does not know. Alternatives (allOf, oneOf, anyOf) are
// merged; a map (additionalProperties) takes any key. A body that is not
// JSON has no fields.
func unknownFields(schema *openapi3.SchemaRef, body []byte) []string {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	var out []string
	walkUnknown(schema, v, "", &out)
	slices.Sort(out)
	return slices.Compact(out)
}

func walkUnknown(ref *openapi3.SchemaRef, v any, path string, out *[]string) {
	if ref == nil || ref.Value == nil {
		return
	}
	schemas := alternatives(ref)
	switch v := v.(type) {
	case map[string]any:
		for key, val := range v {
			var found []*openapi3.SchemaRef
			for _, s := range schemas {
				if p, ok := s.Value.Properties[key]; ok {
					found = append(found, p)
				}
			}
			if len(found) == 0 {
				for _, s := range schemas {
					if ap := s.Value.AdditionalProperties; ap.Schema != nil {
						found = append(found, ap.Schema)
					} else if ap.Has != nil && *ap.Has {
						found = append(found, &openapi3.SchemaRef{Value: &openapi3.Schema{}})
					}
				}
			}
			if len(found) == 0 {
				*out = append(*out, join(path, key))
				continue
			}
			for _, f := range found {
				walkUnknown(f, val, join(path, key), out)
			}
		}
	case []any:
		for _, s := range schemas {
			if s.Value.Items != nil {
				for _, item := range v {
					walkUnknown(s.Value.Items, item, path+"[]", out)
				}
			}
		}
	}
}

// alternatives flattens a schema's allOf, oneOf and anyOf into the
// schemas a value may follow.
func alternatives(ref *openapi3.SchemaRef) []*openapi3.SchemaRef {
	if ref == nil || ref.Value == nil {
		return nil
	}
	out := []*openapi3.SchemaRef{ref}
	s := ref.Value
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, alt := range group {
			out = append(out, alternatives(alt)...)
		}
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// responseSchema is the JSON schema op documents for status (or its
// default response); nil when it documents none.
func responseSchema(op *openapi3.Operation, status int) *openapi3.SchemaRef {
	r := op.Responses.Status(status)
	if r == nil {
		r = op.Responses.Default()
	}
	if r == nil || r.Value == nil {
		return nil
	}
	for ct, mt := range r.Value.Content {
		if strings.Contains(ct, "json") && mt.Schema != nil {
			return mt.Schema
		}
	}
	return nil
}

// matchPath reports whether a request path matches a spec path template
// ("/v1/session/{session_id}").
func matchPath(template, path string) bool {
	ts, ps := strings.Split(template, "/"), strings.Split(strings.TrimSuffix(path, ".json"), "/")
	if len(ts) != len(ps) {
		return false
	}
	for i, t := range ts {
		if !(strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}")) && t != ps[i] {
			return false
		}
	}
	return true
}

func TestUnknownFields(t *testing.T) {
	doc := loadSpec(t, gameSpec)
	var get *openapi3.Operation
	for _, op := range specvalidate.Operations(doc) {
		if op.Operation.OperationID == "get-session" {
			get = op.Operation
		}
	}
	schema := responseSchema(get, 200)
	if schema == nil {
		t.Fatal("get-session documents no 200 schema")
	}
	tests := []struct {
		body string
		want []string
	}{
		{`{"session_id":"a","status":"Ready"}`, nil},
		{`{"session_id":"a","shiny":1}`, []string{"shiny"}},
		{`{"session_users":[{"ip":"1.2.3.4","asn":7}]}`, []string{"session_users[].asn"}},
		{`{"deployment":{"request_id":"r","ports":{"game":{"external":1,"quic":true}},"location":{"city":"x","zone":"y"}}}`,
			[]string{"deployment.location.zone", "deployment.ports.game.quic"}},
		{`not json`, nil},
		{`[1,2]`, nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, unknownFields(schema, []byte(tt.body))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.body, diff)
		}
	}
}
