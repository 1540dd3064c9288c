package compilecheck

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOptionsDoNotMix builds each program in testdata: the ones that mix
// the APIs' options must fail to compile with a type error naming the
// option type; the control program must compile. (An option of the right
// API given where it has no meaning, say WithRateLimit to one call, is a
// run-time *InvalidArgumentError: the wrappers' TestOptionsWhereTheyMean.)
func TestOptionsDoNotMix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want string // in the compiler's error; "" means it must compile
	}{
		{"zendesk_option_to_gameserver_client.go", "as gameserver.Option value"},
		{"zendesk_option_to_gameserver_call.go", "as gameserver.Option value"},
		{"waitready_to_zendesk_call.go", "as zendesk.Option value"},
		{"ok_shared_options.go", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			out, err := build(t, filepath.Join("testdata", tt.file))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("want it to compile, got %v:\n%s", err, out)
			case tt.want != "" && err == nil:
				t.Fatalf("want a compile error containing %q, but it compiled", tt.want)
			case tt.want != "" && !strings.Contains(string(out), tt.want):
				t.Fatalf("want a compile error containing %q, got:\n%s", tt.want, out)
			}
		})
	}
}

// build compiles the Go program in file (a path inside the module, so
// that it can import the module's packages) and returns the compiler's
// output.
func build(t *testing.T, file string) ([]byte, error) {
	t.Helper()
	return exec.Command("go", "build", "-o", filepath.Join(t.TempDir(), "prog"), file).CombinedOutput()
}
