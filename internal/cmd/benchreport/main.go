// Command benchreport runs the benchmarks of internal/bench and prints the
// ratios of each client to the floor (hand-written net/http +
// encoding/json): every single-object operation per call, with
// go-retryablehttp beside the wrappers as a peer; listing; 64 goroutines;
// connections opened; and the validated round trips per second of the test
// servers on one core. `make bench` runs it; BENCHMARKS.md records a run.
//
// It is a module of its own, so that the peer is a dependency of the
// benchmark only, never of the library.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"testing"

	retryablehttp "github.com/hashicorp/go-retryablehttp"

	"github.com/sessionkit/sessions/internal/bench"
)

func main() {
	testing.Init()
	if err := flag.Set("test.benchtime", "300ms"); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	flag.Parse()
	if err := bench.Report(os.Stdout, &bench.Peer{Name: "go-retryablehttp", Client: peerClient}); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}

// peerClient returns go-retryablehttp as a user plugs it into net/http code:
// its standard *http.Client over the floor's transport settings, three
// attempts, no logging.
func peerClient() *http.Client {
	c := retryablehttp.NewClient()
	c.HTTPClient = bench.FloorHTTPClient()
	c.Logger = nil
	c.RetryMax = 2
	return c.StandardClient()
}
