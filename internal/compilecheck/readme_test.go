package compilecheck

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// readmeHarness declares what README.md's Go blocks take as given: a
// context, an OAuth token source, ids, a place to save cursors. It is
// harness, not part of the README: the blocks stay as a reader pastes them.
const readmeHarness = `
var (
	_           = errors.Is
	_           = fmt.Println
	_           = log.Print
	_           = os.Getenv
	_           = time.Second
	ctx         = context.Background()
	tokenSource = oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "token"})
	userID      = int64(1)
	sessionID   = int64(2)
)

func save(cursor string) { _ = cursor }
`

// harnessImports are the packages the harness and the blocks use without
// importing them, as a snippet in a README does.
var harnessImports = []string{"context", "errors", "fmt", "log", "os", "time", "golang.org/x/oauth2"}

// TestREADMECompiles extracts every Go block of README.md and compiles it
// as the body of a main function, with the block's own imports and the
// harness's declarations: a block that does not compile as pasted fails.
func TestREADMECompiles(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no Go blocks")
	}
	dir, err := os.MkdirTemp("testdata", "readme-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	for i, b := range blocks {
		t.Run(fmt.Sprintf("block %d", i+1), func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(dir, fmt.Sprintf("block%d.go", i+1))
			if err := os.WriteFile(file, program(b[1]), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := build(t, file); err != nil {
				t.Errorf("README.md's Go block %d does not compile:\n%s\n%s", i+1, out, b[1])
			}
		})
	}
}

// program turns a README block into a program: its import lines go to the
// import block, everything else into main.
func program(block []byte) []byte {
	imports := slices.Clone(harnessImports)
	var body bytes.Buffer
	for line := range strings.Lines(string(block)) {
		if path, ok := strings.CutPrefix(strings.TrimSpace(line), "import "); ok {
			if p := strings.Trim(path, `"`); !slices.Contains(imports, p) {
				imports = append(imports, p)
			}
			continue
		}
		body.WriteString("\t" + line)
	}
	var out bytes.Buffer
	out.WriteString("package main\n\nimport (\n")
	for _, p := range imports {
		fmt.Fprintf(&out, "\t%q\n", p)
	}
	out.WriteString(")\n" + readmeHarness + "\nfunc main() {\n")
	out.Write(body.Bytes())
	out.WriteString("}\n")
	return out.Bytes()
}
