package compilecheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCoreExportsOnlyWhatWrappersCall fails for each exported top-level
// name of wrapper/internal/core that no non-test file outside core
// selects (core.Name): core exports exactly what the wrappers call, and a
// helper only core uses stays unexported.
func TestCoreExportsOnlyWhatWrappersCall(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	coreDir := filepath.Join(root, "wrapper", "internal", "core")
	exported := map[string]bool{}
	for _, f := range parseDir(t, coreDir) {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					exported[d.Name.Name] = false
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							exported[s.Name.Name] = false
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								exported[n.Name] = false
							}
						}
					}
				}
			}
		}
	}
	if len(exported) < 10 {
		t.Fatalf("found only %d exported names in %s", len(exported), coreDir)
	}
	for _, dir := range []string{"wrapper", "cmd", "api", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p == coreDir || d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == "core" {
						if _, ok := exported[sel.Sel.Name]; ok {
							exported[sel.Sel.Name] = true
						}
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var unused []string
	for name, used := range exported {
		if !used {
			unused = append(unused, name)
		}
	}
	slices.Sort(unused)
	for _, name := range unused {
		t.Errorf("core exports %s, which no wrapper calls: unexport it or move it where it is used", name)
	}
}

// parseDir parses the non-test Go files of dir.
func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}
