// Command specvalidate validates OpenAPI documents the way "make generate"
// needs them: loadable, valid OpenAPI 3.0 with valid examples, and following
// the house rules of package specvalidate. It prints one line per document
// and exits 1 if any document fails.
//
//	go run ./internal/cmd/specvalidate openapi/*.yaml
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/sessionkit/sessions/internal/specvalidate"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: specvalidate FILE.yaml...")
		os.Exit(2)
	}
	failed := false
	for _, path := range os.Args[1:] {
		if err := specvalidate.File(context.Background(), path); err != nil {
			fmt.Fprintf(os.Stderr, "specvalidate: %v\n", err)
			failed = true
			continue
		}
		fmt.Printf("specvalidate: %s: ok\n", path)
	}
	if failed {
		os.Exit(1)
	}
}
