package shared

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGeneratedFilesAreCurrent regenerates every wrapper's shared_gen.go
// in memory and compares it with the file: a stale one (the template or
// an API's prose changed without go generate, or the file was edited by
// hand) fails.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	for pkg := range APIs {
		t.Run(pkg, func(t *testing.T) {
			want, err := Generate(pkg)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join("..", "..", pkg, "shared_gen.go"))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s/shared_gen.go is stale; run go generate ./wrapper/... (-want +got):\n%s", pkg, diff)
			}
		})
	}
}

// TestUnknownAPI checks that Generate refuses a package it has no API for.
func TestUnknownAPI(t *testing.T) {
	if _, err := Generate("nosuchapi"); err == nil {
		t.Error("Generate(nosuchapi) succeeded")
	}
}
