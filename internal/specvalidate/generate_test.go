package specvalidate_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repoCopy copies what scripts/generate.sh needs into a fresh directory, so
// the script can be run (and broken) without touching the work tree.
func repoCopy(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatalf("bash is needed to run scripts/generate.sh: %v", err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	for _, p := range []string{"go.mod", "go.sum", "tools.go", "scripts", "internal/specvalidate", "internal/cmd", "openapi", "gen"} {
		if err := os.CopyFS(filepath.Join(dst, p), os.DirFS(filepath.Join(root, p))); err != nil {
			// os.CopyFS copies directories; single files are copied by hand.
			b, rerr := os.ReadFile(filepath.Join(root, p))
			if rerr != nil {
				t.Fatalf("copy %s: %v", p, err)
			}
			if werr := os.WriteFile(filepath.Join(dst, p), b, 0o644); werr != nil {
				t.Fatal(werr)
			}
		}
	}
	return dst
}

func runGenerate(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{"scripts/generate.sh"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestGenerateRefusesBrokenSpec(t *testing.T) {
	dir := repoCopy(t)
	genFile := filepath.Join(dir, "gen/zendesk/zendesk.gen.go")
	before, err := os.ReadFile(genFile)
	if err != nil {
		t.Fatal(err)
	}
	specFile := filepath.Join(dir, "openapi/zendesk-sessions.yaml")
	spec, err := os.ReadFile(specFile)
	if err != nil {
		t.Fatal(err)
	}
	// Break the spec: an operation's response refers to a schema that does not exist.
	broken := bytes.Replace(spec, []byte("#/components/schemas/Session"), []byte("#/components/schemas/NoSuchSchema"), 1)
	if bytes.Equal(broken, spec) {
		t.Fatal("the spec no longer references #/components/schemas/Session; update this test")
	}
	if err := os.WriteFile(specFile, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runGenerate(t, dir)
	if err == nil {
		t.Fatalf("generate accepted a broken spec:\n%s", out)
	}
	if !strings.Contains(out, "NoSuchSchema") {
		t.Errorf("generate's output does not name the problem:\n%s", out)
	}
	after, err := os.ReadFile(genFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("a failed generate changed gen/zendesk/zendesk.gen.go")
	}
}

func TestCheckGeneratedNamesStaleFiles(t *testing.T) {
	dir := repoCopy(t)
	if out, err := runGenerate(t, dir, "--check"); err != nil {
		t.Fatalf("check on an untouched copy failed:\n%s", out)
	}
	stale := filepath.Join(dir, "gen/gameserver/gameserver.gen.go")
	f, err := os.OpenFile(stale, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n// edited by hand\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := runGenerate(t, dir, "--check")
	if err == nil {
		t.Fatalf("check accepted a hand-edited generated file:\n%s", out)
	}
	if !strings.Contains(out, "gen/gameserver/gameserver.gen.go") {
		t.Errorf("check did not name the stale file:\n%s", out)
	}
}
