// Command benchreport runs the benchmarks of internal/bench once and prints
// the ratios of each client to the floor (hand-written net/http +
// encoding/json): per call, listing, 64 goroutines, connections opened, and
// the validated round trips per second of the test servers on one core.
// `make bench` runs it; BENCHMARKS.md records one run.
package main

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/sessionkit/sessions/internal/bench"
)

func main() {
	testing.Init()
	flag.Parse()
	if err := bench.Report(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}
