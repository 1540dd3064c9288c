package wiretest

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// recorder is a testing.TB that keeps the errors it is given.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

type genInner struct {
	N *int `json:"n,omitempty"`
}

type oneOf struct{ _ []byte }

type genOuter struct {
	A     string              `json:"a"`
	B     *int64              `json:"b,omitempty"`
	Inner *genInner           `json:"inner,omitempty"`
	List  []genInner          `json:"list,omitempty"`
	Map   map[string]genInner `json:"map,omitempty"`
	U     *oneOf              `json:"u,omitempty"`
}

type wireInner struct {
	N int `json:"n"`
}

type kinded struct{ _ int64 }

func (kinded) JSONKind() reflect.Kind { return reflect.Int64 }

type wireOuter struct {
	A     string               `json:"a"`
	B     kinded               `json:"b"`
	Inner *wireInner           `json:"inner"`
	List  []wireInner          `json:"list"`
	Map   map[string]wireInner `json:"map"`
	U     []byte               `json:"u"`
	_     int
}

type wrongInner struct {
	N string `json:"n"`
	X bool   `json:"x"`
}

type wireWrong struct {
	A     int         `json:"a"`
	Inner *wrongInner `json:"inner"`
	Extra string      `json:"extra"`
}

func TestMatchGenerated(t *testing.T) {
	r := &recorder{TB: t}
	checked := MatchGenerated(r, genOuter{}, wireOuter{})
	if len(r.errs) != 0 {
		t.Errorf("a matching pair reported %q", r.errs)
	}
	var names []string
	for _, c := range checked {
		names = append(names, c.Name())
	}
	if got := strings.Join(names, " "); !strings.Contains(got, "wireOuter") || !strings.Contains(got, "kinded") || !strings.Contains(got, "wireInner") {
		t.Errorf("checked %s", got)
	}

	r = &recorder{TB: t}
	MatchGenerated(r, genOuter{}, wireWrong{})
	all := strings.Join(r.errs, "\n")
	for _, want := range []string{`genOuter.a is string, the wire type's is int`, `genOuter has "b"`, `has "extra", which the spec's`,
		`genInner.n is int, the wire type's is string`, `wrongInner has "x"`} {
		if !strings.Contains(all, want) {
			t.Errorf("errors lack %q:\n%s", want, all)
		}
	}
}

func TestNoJSONTagsAndAllChecked(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\ntype Public struct {\n\tA int `json:\"a\"`\n\tB int `yaml:\"b\"`\n}\n\ntype wireX struct {\n\tA int `json:\"a\"`\n}\n\ntype wireY struct{}\n"
	if err := os.WriteFile(filepath.Join(dir, "wire.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	NoJSONTags(r, dir)
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], "exported Public has a json tag") {
		t.Errorf("NoJSONTags: %q", r.errs)
	}
	r = &recorder{TB: t}
	AllChecked(r, filepath.Join(dir, "wire.go"), []reflect.Type{reflect.TypeFor[wireOuter]()})
	if all := strings.Join(r.errs, "\n"); !strings.Contains(all, "declares Public") || !strings.Contains(all, "declares wireY") || !strings.Contains(all, "declares wireX") {
		t.Errorf("AllChecked: %q", r.errs)
	}
}

type filled struct {
	S  string
	I  int
	F  float64
	B  bool
	T  time.Time
	D  time.Duration
	P  *wireInnerPublic
	L  []string
	M  map[string]int
	U8 uint8
}

type wireInnerPublic struct{ N int }

func TestFilledAndRoundTrip(t *testing.T) {
	v := Filled[filled](t)
	for i := range reflect.ValueOf(v).NumField() {
		if reflect.ValueOf(v).Field(i).IsZero() {
			t.Errorf("field %s left zero", reflect.TypeOf(v).Field(i).Name)
		}
	}
	RoundTrip(t, v)

	type lossy struct {
		A int
		T time.Time `json:"-"`
	}
	r := &recorder{TB: t}
	RoundTrip(r, Filled[lossy](t))
	if len(r.errs) != 1 {
		t.Errorf("a type that drops its time round-trips: %q", r.errs)
	}
}
