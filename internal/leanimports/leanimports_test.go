package leanimports_test

import (
	"debug/buildinfo"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// heavy lists the module path prefixes a wrapper-only program must not link:
// the OpenAPI loader and router and every YAML library they bring, and
// OpenTelemetry (only wrapper/otelsessions imports it).
var heavy = []string{
	"go.opentelemetry.io/",
	"github.com/getkin/",
	"github.com/gorilla/mux",
	"github.com/oasdiff/yaml",
	"github.com/invopop/yaml",
	"github.com/goccy/go-yaml",
	"go.yaml.in/",
	"gopkg.in/yaml",
	"sigs.k8s.io/yaml",
}

// isHeavy reports whether the module at path is one of heavy, or of
// also (what one wrapper alone must not link).
func isHeavy(path string, also ...string) bool {
	for _, p := range append(also, heavy...) {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return strings.Contains(path, "yaml")
}

func TestWrapperOnlyProgramsAreLean(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		pkg  string
		body string
		also []string // modules this wrapper alone must not link either
	}{
		{"zendesk", "github.com/sessionkit/sessions/wrapper/zendesk", `_, err := zendesk.NewClient("acme", zendesk.WithAPIToken("a@example.com", "t"))`, nil},
		{"gameserver", "github.com/sessionkit/sessions/wrapper/gameserver", `_, err := gameserver.NewClient(gameserver.WithAPIToken("key"))`,
			[]string{"golang.org/x/oauth2"}}, // only Zendesk takes an oauth2.TokenSource
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			src := filepath.Join(dir, "main.go")
			prog := fmt.Sprintf("package main\n\nimport %q\n\nfunc main() {\n\t%s\n\tif err != nil {\n\t\tpanic(err)\n\t}\n}\n", tt.pkg, tt.body)
			if err := os.WriteFile(src, []byte(prog), 0o644); err != nil {
				t.Fatal(err)
			}
			bin := filepath.Join(dir, tt.name)
			// Built from the module root, so the file's imports resolve in
			// this module, as a user's would in theirs.
			build := exec.Command("go", "build", "-o", bin, src)
			build.Dir = root
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("go build of a program importing only %s: %v\n%s", tt.pkg, err, out)
			}
			info, err := buildinfo.ReadFile(bin)
			if err != nil {
				t.Fatal(err)
			}
			var linked, bad []string
			for _, m := range info.Deps {
				linked = append(linked, m.Path)
				if isHeavy(m.Path, tt.also...) {
					bad = append(bad, m.Path)
				}
			}
			if len(linked) == 0 {
				t.Fatalf("the program lists no modules at all; want at least this one")
			}
			if len(bad) > 0 {
				t.Errorf("a program importing only %s links %s (all modules: %s)\nwhy: %s",
					tt.pkg, strings.Join(bad, ", "), strings.Join(linked, ", "), why(t, root, src, tt.also))
			}
		})
	}
}

// why names the packages of this module that import a package of a heavy
// module, so a failure says where to cut.
func why(t *testing.T, root, src string, also []string) string {
	t.Helper()
	list := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}} {{with .Module}}{{.Path}}{{end}} {{join .Imports " "}}`, src)
	list.Dir = root
	out, err := list.Output()
	if err != nil {
		return fmt.Sprintf("(go list failed: %v)", err)
	}
	module := map[string]string{} // package → its module
	imports := map[string][]string{}
	var order []string
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue // a standard-library package has no module
		}
		module[f[0]] = f[1]
		imports[f[0]] = f[2:]
		order = append(order, f[0])
	}
	var lines []string
	for _, pkg := range order {
		if module[pkg] != "github.com/sessionkit/sessions" && pkg != "command-line-arguments" {
			continue
		}
		for _, imp := range imports[pkg] {
			if isHeavy(module[imp], also...) {
				lines = append(lines, pkg+" imports "+imp)
			}
		}
	}
	if len(lines) == 0 {
		return "(no importer in this module found)"
	}
	return "\n\t" + strings.Join(lines, "\n\t")
}
