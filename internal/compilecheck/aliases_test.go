package compilecheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestNoPublicAliasIntoInternal parses every importable package of the
// module (none under an internal, testdata or gen directory) and fails for
// each exported type alias whose type lives in an internal package: go doc
// shows no fields or methods for such a type, and users can name it only
// through the alias. Shared public types live in wrapper/sessionkit.
func TestNoPublicAliasIntoInternal(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "internal", "testdata", "gen", "node_modules":
				return filepath.SkipDir
			}
			if strings.HasPrefix(d.Name(), ".") && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		checked++
		for _, bad := range internalAliases(f) {
			t.Errorf("%s: exported alias %s points into internal package %s", p, bad[0], bad[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("checked only %d files: is the walk rooted at the module?", checked)
	}
}

// internalAliases returns the exported type aliases of f whose target is
// declared in an internal package, as (name, import path) pairs.
func internalAliases(f *ast.File) [][2]string {
	imports := map[string]string{} // name in the file → import path
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := path.Base(p)
		if im.Name != nil {
			name = im.Name.Name
		}
		imports[name] = p
	}
	var out [][2]string
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, spec := range g.Specs {
			ts := spec.(*ast.TypeSpec)
			if !ts.Assign.IsValid() || !ts.Name.IsExported() {
				continue
			}
			if p, ok := imports[qualifier(ts.Type)]; ok && isInternal(p) {
				out = append(out, [2]string{ts.Name.Name, p})
			}
		}
	}
	return out
}

// qualifier returns the package name of a qualified type expression such
// as core.Doer, *core.Doer or core.Page[T]; "" for a local type.
func qualifier(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok {
				return id.Name
			}
			return ""
		default:
			return ""
		}
	}
}

func isInternal(importPath string) bool {
	return slices.Contains(strings.Split(importPath, "/"), "internal")
}

// TestInternalAliasesSeen checks the checker: an alias into an internal
// package is reported, one into a public package is not.
func TestInternalAliasesSeen(t *testing.T) {
	t.Parallel()
	const src = `package p
import (
	"example.com/m/wrapper/internal/core"
	sk "example.com/m/wrapper/sessionkit"
)
type Doer = core.Doer
type Page[T any] = core.Page[T]
type Ptr = *core.Engine
type RetryPolicy = sk.RetryPolicy
type local = core.Setting[int]
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, bad := range internalAliases(f) {
		got = append(got, bad[0])
	}
	if want := []string{"Doer", "Page", "Ptr"}; !slices.Equal(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}
}
