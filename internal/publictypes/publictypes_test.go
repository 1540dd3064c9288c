package publictypes

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
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestNoJSONTags: no exported struct type of the wrappers (their non-test
// files) has a field with a json tag; the public types are the SDK's view
// of the API, and the wire is the generated models' business.
func TestNoJSONTags(t *testing.T) {
	for _, dir := range []string{"../../wrapper/zendesk", "../../wrapper/gameserver", "../../wrapper/sessionkit"} {
		if tags := jsonTags(t, dir); len(tags) > 0 {
			t.Errorf("%s: exported types with json tags:\n%s", dir, strings.Join(tags, "\n"))
		}
	}
	// The checker itself finds a tag.
	if tags := jsonTags(t, "testdata"); len(tags) != 1 || !strings.Contains(tags[0], "Tagged") {
		t.Errorf("testdata: %q, want the one tag of Tagged", tags)
	}
}

// jsonTags lists the json tags of the exported struct types declared in
// dir's non-test Go files.
func jsonTags(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s (%v)", dir, err)
	}
	var tags []string
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			if !ts.Name.IsExported() {
				return false
			}
			ast.Inspect(ts.Type, func(n ast.Node) bool {
				if fl, ok := n.(*ast.Field); ok && fl.Tag != nil {
					tag, _ := strconv.Unquote(fl.Tag.Value)
					if _, ok := reflect.StructTag(tag).Lookup("json"); ok {
						tags = append(tags, fset.Position(fl.Pos()).String()+": "+ts.Name.Name+" "+fl.Tag.Value)
					}
				}
				return true
			})
			return false
		})
	}
	return tags
}

// TestRoundTrip: json.Marshal then json.Unmarshal of every public type,
// every field set, gives the original back, times included.
func TestRoundTrip(t *testing.T) {
	for _, v := range []any{
		filled[zendesk.Session](t), filled[zendesk.Page[zendesk.Session]](t), filled[zendesk.ListOptions](t),
		filled[gameserver.Session](t), filled[gameserver.SessionSummary](t), filled[gameserver.CreatedSession](t),
		filled[gameserver.DeletedSession](t), filled[gameserver.User](t), filled[gameserver.Deployment](t),
		filled[gameserver.SessionEvent](t), filled[gameserver.CreateRequest](t), filled[gameserver.StopFilter](t),
		filled[gameserver.Page[gameserver.SessionSummary]](t),
	} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%T): %v", v, err)
		}
		got := reflect.New(reflect.TypeOf(v))
		if err := json.Unmarshal(b, got.Interface()); err != nil {
			t.Fatalf("json.Unmarshal(%T) of %s: %v", v, b, err)
		}
		if diff := cmp.Diff(v, got.Elem().Interface()); diff != "" {
			t.Errorf("%T after a JSON round trip (-want +got):\n%s\nJSON: %s", v, diff, b)
		}
	}
}

// TestFilled: filled sets every field, so a round trip that drops one
// fails.
func TestFilled(t *testing.T) {
	type lossy struct {
		S string
		T time.Time `json:"-"`
		P *struct{ N int }
		L []string
		M map[string]float64
	}
	v := filled[lossy](t)
	for i := range reflect.ValueOf(v).NumField() {
		if reflect.ValueOf(v).Field(i).IsZero() {
			t.Errorf("field %s left zero", reflect.TypeOf(v).Field(i).Name)
		}
	}
}

// filled returns a T whose every field, nested ones included, holds a
// distinct non-zero value: a pointer points to a filled value, a slice and
// a map hold one filled element, a time is a UTC instant with nanoseconds,
// raw JSON is a small object.
func filled[T any](t *testing.T) T {
	t.Helper()
	var v T
	n := 0
	var fill func(v reflect.Value, path string)
	fill = func(v reflect.Value, path string) {
		n++
		switch v.Type() {
		case reflect.TypeFor[time.Time]():
			v.Set(reflect.ValueOf(time.Date(2024, 5, 26, 12, 0, n, 831041000+n, time.UTC)))
			return
		case reflect.TypeFor[json.RawMessage]():
			v.Set(reflect.ValueOf(json.RawMessage(`{"n":` + strconv.Itoa(n) + `}`)))
			return
		}
		switch v.Kind() {
		case reflect.String:
			v.SetString("s" + strconv.Itoa(n))
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Int, reflect.Int64:
			v.SetInt(int64(n))
		case reflect.Float64:
			v.SetFloat(float64(n) + 0.25)
		case reflect.Pointer:
			p := reflect.New(v.Type().Elem())
			fill(p.Elem(), path)
			v.Set(p)
		case reflect.Slice:
			s := reflect.MakeSlice(v.Type(), 1, 1)
			fill(s.Index(0), path+"[0]")
			v.Set(s)
		case reflect.Map:
			m := reflect.MakeMap(v.Type())
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, path+"[key]")
			fill(e, path+"[]")
			m.SetMapIndex(k, e)
			v.Set(m)
		case reflect.Struct:
			for i := range v.NumField() {
				if sf := v.Type().Field(i); !sf.IsExported() {
					t.Errorf("%s.%s is unexported: encoding/json cannot carry it", path, sf.Name)
				} else {
					fill(v.Field(i), path+"."+sf.Name)
				}
			}
		default:
			t.Errorf("%s is a %v, which filled cannot fill", path, v.Kind())
		}
	}
	fill(reflect.ValueOf(&v).Elem(), reflect.TypeFor[T]().String())
	return v
}
