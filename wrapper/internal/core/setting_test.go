package core

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// scope is a wrapper's scope interface, as the wrappers declare theirs.
type scope interface{ setting() Setting[testLocal] }

type testLocal struct{ n []int }

type testOpt struct{ Setting[testLocal] }

func (o testOpt) setting() Setting[testLocal] { return o.Setting }

func local(n int) scope {
	return testOpt{LocalSetting("api", fmt.Sprintf("WithN(%d)", n), func(l *testLocal) error {
		if n < 0 {
			return errors.New("negative")
		}
		l.n = append(l.n, n)
		return nil
	})}
}

// TestCollect checks that Collect keeps the engine options in order,
// applies the local ones in order to a copy of the start value, skips nil
// options, and stops at the first failing local setting.
func TestCollect(t *testing.T) {
	a, b := NoRetries(), InsecureHTTP()
	start := testLocal{n: []int{0}}
	tests := []struct {
		name       string
		opts       []scope
		wantEngine []*Opt
		wantLocal  []int
		wantErr    bool
	}{
		{name: "none", wantLocal: []int{0}},
		{name: "nil only", opts: []scope{nil}, wantLocal: []int{0}},
		{name: "mixed", opts: []scope{testOpt{EngineSetting[testLocal]("api", a)}, nil, local(1), testOpt{EngineSetting[testLocal]("api", b)}, local(2)},
			wantEngine: []*Opt{a, b}, wantLocal: []int{0, 1, 2}},
		{name: "failing", opts: []scope{local(1), local(-1), local(2)}, wantLocal: []int{0}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			engine, l, err := Collect(tt.opts, scope.setting, start)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if len(engine) != len(tt.wantEngine) {
				t.Fatalf("engine options %v, want %v", engine, tt.wantEngine)
			}
			for i := range engine {
				if engine[i] != tt.wantEngine[i] {
					t.Errorf("engine option %d = %v, want %v", i, engine[i], tt.wantEngine[i])
				}
			}
			if diff := cmp.Diff(tt.wantLocal, l.n); diff != "" {
				t.Errorf("local (-want +got):\n%s", diff)
			}
		})
	}
	if diff := cmp.Diff([]int{0}, start.n); diff != "" {
		t.Errorf("the start value changed (-want +got):\n%s", diff)
	}
}

// TestSettingPrints checks that a setting prints as its API and
// description with every verb.
func TestSettingPrints(t *testing.T) {
	s := EngineSetting[testLocal]("api", Header("X-Key", "secret-value"))
	for _, got := range []string{s.String(), fmt.Sprintf("%v", s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s), s.LogValue().String()} {
		if want := `api.WithHeader("X-Key", [REDACTED])`; got != want {
			t.Errorf("printed %q, want %q", got, want)
		}
	}
}

// TestPrepare checks the start of a wrapper call: a service without an
// engine fails naming the service and its API, an argument error wins
// over the options, a failing local setting fails the call, and the
// collected settings come back.
func TestPrepare(t *testing.T) {
	e, err := NewEngine(API{Name: "api", DefaultBaseURL: "https://x.example"})
	if err != nil {
		t.Fatal(err)
	}
	argErr := Invalid("api", "id", nil, "must not be empty")
	if _, _, err := Prepare(nil, "api.Service", nil, []scope{local(1)}, scope.setting, testLocal{}); err == nil ||
		err.Error() != "api: invalid api.Service: is not initialised: use NewClient" {
		t.Errorf("nil engine: err = %v", err)
	}
	if _, _, err := Prepare(e, "api.Service", argErr, []scope{local(-1)}, scope.setting, testLocal{}); err != argErr {
		t.Errorf("argument error: err = %v, want %v", err, argErr)
	}
	if _, _, err := Prepare(e, "api.Service", nil, []scope{local(-1)}, scope.setting, testLocal{}); err == nil {
		t.Error("a failing setting: no error")
	}
	c, l, err := Prepare(e, "api.Service", nil, []scope{local(1), testOpt{EngineSetting[testLocal]("api", NoRetries())}}, scope.setting, testLocal{})
	if err != nil || c == nil || !c.cfg.noRetry {
		t.Fatalf("Prepare = %v, %v; want a call without retries", c, err)
	}
	if diff := cmp.Diff([]int{1}, l.n); diff != "" {
		t.Errorf("local (-want +got):\n%s", diff)
	}
}
