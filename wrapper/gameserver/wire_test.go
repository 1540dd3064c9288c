package gameserver

import (
	"reflect"
	"strings"
	"testing"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
)

// TestWireMatchesGenerated checks that the types the client decodes
// get-session into carry every field of the spec's generated models, under the same
// JSON name and with the same type less the pointer: a field added to or
// retyped in the spec fails here until the wire types follow.
func TestWireMatchesGenerated(t *testing.T) {
	tests := []struct {
		gen, wire any
	}{
		{ggen.SessionGet{}, wireSession{}},
		{ggen.Deployment{}, Deployment{}},
		{ggen.PortMapping{}, Port{}},
		{ggen.DeploymentLocation{}, DeploymentLocation{}},
	}
	for _, tt := range tests {
		gen, wire := jsonFields(reflect.TypeOf(tt.gen)), jsonFields(reflect.TypeOf(tt.wire))
		for name, gt := range gen {
			wt, ok := wire[name]
			if !ok {
				t.Errorf("%T has %q, %T does not", tt.gen, name, tt.wire)
				continue
			}
			if elem(gt) != elem(wt) && !sameShape(gt, wt) {
				t.Errorf("%T.%s is %v, %T's is %v", tt.gen, name, gt, tt.wire, wt)
			}
		}
		for name := range wire {
			if _, ok := gen[name]; !ok {
				t.Errorf("%T has %q, which the spec's %T does not", tt.wire, name, tt.gen)
			}
		}
	}
}

// jsonFields maps a struct's JSON names to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out[name] = f.Type
	}
	return out
}

// elem strips one pointer.
func elem(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

// sameShape accepts a generated struct type (or a map or slice of one)
// replaced by its wire counterpart of the same kind.
func sameShape(gen, wire reflect.Type) bool {
	gen, wire = elem(gen), elem(wire)
	if gen.Kind() != wire.Kind() {
		return false
	}
	switch gen.Kind() {
	case reflect.Map, reflect.Slice:
		return sameShape(gen.Elem(), wire.Elem())
	}
	return gen.Kind() == reflect.Struct
}
