// Command shared writes shared_gen.go of the wrapper package in the
// current directory (see package shared); go generate runs it.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/sessionkit/sessions/wrapper/internal/shared"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	out, err := shared.Generate(filepath.Base(dir))
	if err != nil {
		return err
	}
	return os.WriteFile("shared_gen.go", out, 0o644)
}
