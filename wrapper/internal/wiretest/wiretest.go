// Package wiretest holds the checks both wrappers' tests run on their
// decode path (body → wire types → converter → public types): the
// regeneration guard that keeps the wire types in step with the generated
// models, the rule that public types carry no JSON tags, and the JSON round
// trip of every public type. Only tests import it.
package wiretest

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Kinder is implemented by a wire type that decodes itself (a value whose
// presence counts, say) to tell the guard which kind of generated field it
// stands for.
type Kinder interface {
	JSONKind() reflect.Kind
}

var kinderType = reflect.TypeFor[Kinder]()

// MatchGenerated checks that wire, a struct value, has exactly the JSON
// fields of gen, the generated model of the same schema, with the same
// types less the pointers. Nested structs, and slices and maps of them, are
// compared in step; a generated union (a struct with no exported field, a
// oneOf) matches any wire field, and its alternatives are pairs of their
// own. It returns every wire struct type it compared, nested ones included.
func MatchGenerated(t testing.TB, gen, wire any) []reflect.Type {
	t.Helper()
	m := &matcher{t: t, seen: map[reflect.Type]bool{}}
	m.structs(reflect.TypeOf(gen), reflect.TypeOf(wire))
	return m.order
}

type matcher struct {
	t     testing.TB
	seen  map[reflect.Type]bool
	order []reflect.Type
}

func (m *matcher) structs(gen, wire reflect.Type) {
	m.t.Helper()
	if m.seen[wire] {
		return
	}
	m.seen[wire] = true
	m.order = append(m.order, wire)
	gf, wf := jsonFields(gen), jsonFields(wire)
	for name, gt := range gf {
		wt, ok := wf[name]
		if !ok {
			m.t.Errorf("%v has %q, %v does not", gen, name, wire)
			continue
		}
		m.field(gen.String()+"."+name, gt, wt)
	}
	for name := range wf {
		if _, ok := gf[name]; !ok {
			m.t.Errorf("%v has %q, which the spec's %v does not", wire, name, gen)
		}
	}
}

func (m *matcher) field(path string, gen, wire reflect.Type) {
	m.t.Helper()
	gen, wire = elem(gen), elem(wire)
	if gen.Kind() == reflect.Struct && union(gen) {
		return
	}
	if k := kindOf(wire); kindOf(gen) != k {
		m.t.Errorf("%s is %v, the wire type's is %v", path, gen, wire)
		return
	}
	if reflect.PointerTo(wire).Implements(kinderType) {
		if !m.seen[wire] {
			m.seen[wire] = true
			m.order = append(m.order, wire)
		}
		return
	}
	switch gen.Kind() {
	case reflect.Struct:
		m.structs(gen, wire)
	case reflect.Slice:
		m.field(path+"[]", gen.Elem(), wire.Elem())
	case reflect.Map:
		m.field(path+"[key]", gen.Key(), wire.Key())
		m.field(path+"[]", gen.Elem(), wire.Elem())
	}
}

// kindOf is t's reflect.Kind, or the kind a Kinder stands for.
func kindOf(t reflect.Type) reflect.Kind {
	if reflect.PointerTo(t).Implements(kinderType) {
		return reflect.New(t).Interface().(Kinder).JSONKind()
	}
	return t.Kind()
}

// union reports whether a generated struct is a oneOf: no exported field.
func union(t reflect.Type) bool {
	for f := range t.Fields() {
		if f.IsExported() {
			return false
		}
	}
	return true
}

// jsonFields maps a struct's JSON names to their types; unexported
// fields, which encoding/json ignores, are left out.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
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

// Pair is a generated model and the wire type that decodes the same JSON.
type Pair struct{ Gen, Wire any }

// MatchFile checks every pair with MatchGenerated and then, with
// AllChecked, that the pairs reach every type declared in the file at
// path: the one regeneration guard a wrapper's wire.go needs.
func MatchFile(t testing.TB, path string, pairs ...Pair) {
	t.Helper()
	var checked [][]reflect.Type
	for _, p := range pairs {
		checked = append(checked, MatchGenerated(t, p.Gen, p.Wire))
	}
	AllChecked(t, path, checked...)
}

// AllChecked checks that every struct type declared in the file at path
// (the package's wire.go) is among checked, the types MatchGenerated
// returned: a wire type added without a guard fails here.
func AllChecked(t testing.TB, path string, checked ...[]reflect.Type) {
	t.Helper()
	names := map[string]bool{}
	for _, ts := range checked {
		for _, c := range ts {
			names[c.Name()] = true
		}
	}
	for _, name := range structTypes(t, []string{path}, false) {
		if !names[name] {
			t.Errorf("%s declares %s, which no regeneration guard checks", filepath.Base(path), name)
		}
	}
}

// NoJSONTags checks that no exported struct type declared in the package
// in dir (its non-test files) has a field with a json tag: the public
// types are the SDK's view, and decoding goes through wire types.
func NoJSONTags(t testing.TB, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var src []string
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			src = append(src, f)
		}
	}
	if len(src) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	structTypes(t, src, true)
}

// structTypes returns the names of the struct types declared in files;
// with exportedTags it reports every json tag of an exported one.
func structTypes(t testing.TB, files []string, exportedTags bool) []string {
	t.Helper()
	var names []string
	fset := token.NewFileSet()
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return true
			}
			names = append(names, ts.Name.Name)
			if exportedTags && ts.Name.IsExported() {
				ast.Inspect(st, func(n ast.Node) bool {
					if fl, ok := n.(*ast.Field); ok && fl.Tag != nil {
						tag, _ := strconv.Unquote(fl.Tag.Value)
						if _, ok := reflect.StructTag(tag).Lookup("json"); ok {
							t.Errorf("%s: exported %s has a json tag %s", fset.Position(fl.Pos()), ts.Name.Name, fl.Tag.Value)
						}
					}
					return true
				})
			}
			return false
		})
	}
	return names
}

// Filled returns a T whose every field, nested ones included, holds a
// distinct non-zero value: a pointer points to a filled value, a slice and
// a map hold one filled element, a time is a UTC instant with nanoseconds.
// A field it cannot fill fails t.
func Filled[T any](t testing.TB) T {
	t.Helper()
	var v T
	f := &filler{t: t}
	f.fill(reflect.ValueOf(&v).Elem(), reflect.TypeFor[T]().String())
	return v
}

type filler struct {
	t testing.TB
	n int
}

var (
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

func (f *filler) fill(v reflect.Value, path string) {
	f.t.Helper()
	f.n++
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(time.Date(2024, 5, 26, 12, 0, f.n, 831041000+f.n, time.UTC)))
		return
	case v.Type() == rawType:
		v.Set(reflect.ValueOf(json.RawMessage(`{"n":` + strconv.Itoa(f.n) + `}`)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + strconv.Itoa(f.n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(f.n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(f.n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(f.n) + 0.25)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		f.fill(p.Elem(), path)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		f.fill(s.Index(0), path+"[0]")
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		f.fill(k, path+"[key]")
		f.fill(e, path+"[]")
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			sf := v.Type().Field(i)
			if !sf.IsExported() {
				f.t.Errorf("%s.%s is unexported: encoding/json cannot carry it", path, sf.Name)
				continue
			}
			f.fill(v.Field(i), path+"."+sf.Name)
		}
	default:
		f.t.Errorf("%s is a %v, which Filled cannot fill", path, v.Kind())
	}
}

// RoundTrip checks that json.Marshal then json.Unmarshal of v gives a value
// equal to v (times compared with time.Time.Equal).
func RoundTrip[T any](t testing.TB, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json.Marshal(%T): %v", v, err)
	}
	var got T
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("json.Unmarshal(%T) of %s: %v", v, b, err)
	}
	if diff := cmp.Diff(v, got); diff != "" {
		t.Errorf("%T after a JSON round trip (-want +got):\n%s\nJSON: %s", v, diff, b)
	}
}
