package bench

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"
	"text/tabwriter"
	"time"
)

// Targets of the engine issue (issue 9) and of issue 12.
const (
	TargetCallRatio     = 1.10  // per call, time vs the floor
	TargetExtraAllocs   = 15    // per call, allocations above the floor
	TargetListRatio     = 1.10  // listing 100k vs the hand-written loop
	TargetParallelRatio = 0.95  // 64 goroutines, throughput vs the floor
	TargetZendeskRTs    = 10000 // validated round trips/s on one core
	TargetGameRTs       = 7000
)

// Report runs every measurement once and writes the table of ratios to w.
// It needs a Go toolchain on PATH for the CPU profile's attribution.
func Report(w io.Writer) error {
	fmt.Fprintf(w, "sessionkit benchmarks — %s, %s/%s, %d CPUs, GOMAXPROCS %d\n\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	for _, step := range []func(io.Writer) error{reportPerCall, reportListing, reportParallel, reportMixed, reportTestServers} {
		if err := step(w); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	return nil
}

// contenders is what each measurement compares, against one server.
type contenders struct {
	srv   *Server
	floor *Floor
	gen   *Generated
	wrap  *Wrappers
}

func newContenders(total int) (*contenders, error) {
	srv, err := NewServer(total)
	if err != nil {
		return nil, err
	}
	gen, err := NewGenerated(srv.URL)
	if err != nil {
		_ = srv.Close()
		return nil, err
	}
	wrap, err := NewWrappers(srv.URL)
	if err != nil {
		gen.Close()
		_ = srv.Close()
		return nil, err
	}
	return &contenders{srv: srv, floor: NewFloor(srv.URL), gen: gen, wrap: wrap}, nil
}

func (c *contenders) close() {
	c.floor.Close()
	c.gen.Close()
	c.wrap.Close()
	_ = c.srv.Close()
}

// calls adapts a typed operation to a Call.
func call[T any](f func(context.Context) (T, error)) Call {
	return func(ctx context.Context) error { _, err := f(ctx); return err }
}

// bench runs f under testing.Benchmark and fails on a benchmark that
// failed (testing.Benchmark reports that as N == 0).
func bench(name string, f func(b *testing.B)) (testing.BenchmarkResult, error) {
	r := testing.Benchmark(f)
	if r.N == 0 {
		return r, fmt.Errorf("bench: %s failed", name)
	}
	return r, nil
}

// rounds is how many times each contender runs, interleaved with the
// others; the fastest run counts, which filters out the noise of a shared
// machine better than one long run.
const rounds = 3

// benchAll runs each of fs rounds times, round-robin, and returns the
// fastest result of each.
func benchAll(name string, fs ...func(b *testing.B)) ([]testing.BenchmarkResult, error) {
	best := make([]testing.BenchmarkResult, len(fs))
	for range rounds {
		for i, f := range fs {
			r, err := bench(name, f)
			if err != nil {
				return nil, err
			}
			if best[i].N == 0 || nsPerOp(r) < nsPerOp(best[i]) {
				best[i] = r
			}
		}
	}
	return best, nil
}

func nsPerOp(r testing.BenchmarkResult) float64 { return float64(r.T.Nanoseconds()) / float64(r.N) }

func verdict(ok bool) string {
	if ok {
		return "meets target"
	}
	return "MISSES target"
}

func reportPerCall(w io.Writer) error {
	c, err := newContenders(PageSize)
	if err != nil {
		return err
	}
	defer c.close()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Per call\tcontender\tns/op\tallocs/op\tB/op\ttime ratio\textra allocs\t")
	for _, op := range []struct {
		name              string
		floor, gen, wrapc Call
	}{
		{"ShowSession (zendesk Get)", call(c.floor.ShowSession), call(c.gen.ShowSession), call(c.wrap.ShowSession)},
		{"get-session (gameserver Get)", call(c.floor.GetSession), call(c.gen.GetSession), call(c.wrap.GetSession)},
	} {
		names := []string{"floor", "generated", "wrapper"}
		rs, err := benchAll(op.name,
			func(b *testing.B) { PerCall(b, op.floor) },
			func(b *testing.B) { PerCall(b, op.gen) },
			func(b *testing.B) { PerCall(b, op.wrapc) })
		if err != nil {
			return err
		}
		floor := rs[0]
		for i, r := range rs {
			ct := struct{ name string }{names[i]}
			ratio := nsPerOp(r) / nsPerOp(floor)
			extra := r.AllocsPerOp() - floor.AllocsPerOp()
			note := ""
			if ct.name == "wrapper" {
				note = verdict(ratio <= TargetCallRatio && extra <= TargetExtraAllocs)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.0f\t%d\t%d\t%.2f×\t%+d\t%s\n", op.name, ct.name, nsPerOp(r), r.AllocsPerOp(), r.AllocedBytesPerOp(), ratio, extra, note)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "target: wrapper ≤ %.2f× the floor's time and ≤ floor + %d allocations\n", TargetCallRatio, TargetExtraAllocs)
	return err
}

func reportListing(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Listing Zendesk sessions\tcontender\tms/listing\tpeak heap\ttime ratio\t")
	for _, total := range []int{10_000, 100_000} {
		c, err := newContenders(total)
		if err != nil {
			return err
		}
		names := []string{"hand-written loop", "wrapper Pager.All"}
		checks := make([]func() error, 2)
		peaks := make([]uint64, 2)
		for i, list := range []func(context.Context) (int, error){c.floor.ListAll, c.wrap.ListAll} {
			checks[i] = func() error {
				n, err := list(context.Background())
				if err == nil && n != total {
					err = fmt.Errorf("bench: %s listed %d sessions, want %d", names[i], n, total)
				}
				return err
			}
			if peaks[i], err = PeakHeap(checks[i]); err != nil {
				c.close()
				return err
			}
		}
		loop := func(check func() error) func(b *testing.B) {
			return func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := check(); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		rs, err := benchAll("listing", loop(checks[0]), loop(checks[1]))
		if err != nil {
			c.close()
			return err
		}
		for i, r := range rs {
			ratio := nsPerOp(r) / nsPerOp(rs[0])
			note := ""
			if i == 1 && total == 100_000 {
				note = verdict(ratio <= TargetListRatio)
			}
			fmt.Fprintf(tw, "%d sessions\t%s\t%.1f\t%.1f MiB\t%.2f×\t%s\n", total, names[i], nsPerOp(r)/1e6, float64(peaks[i])/(1<<20), ratio, note)
		}
		c.close()
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "target: 100k ≤ %.2f× the loop, peak heap the same for 10k and 100k\n", TargetListRatio)
	return err
}

func reportParallel(w io.Writer) error {
	c, err := newContenders(PageSize)
	if err != nil {
		return err
	}
	defer c.close()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "64 goroutines, one client\tcontender\tcalls/s\tthroughput ratio\t")
	for _, op := range []struct {
		name        string
		floor, wrap Call
	}{
		{"ShowSession", call(c.floor.ShowSession), call(c.wrap.ShowSession)},
		{"get-session", call(c.floor.GetSession), call(c.wrap.GetSession)},
	} {
		rs, err := benchAll(op.name,
			func(b *testing.B) { Parallel64(b, op.floor) },
			func(b *testing.B) { Parallel64(b, op.wrap) })
		if err != nil {
			return err
		}
		floorRate := 1e9 / nsPerOp(rs[0])
		for i, r := range rs {
			ct := struct{ name string }{[]string{"floor", "wrapper"}[i]}
			rate := 1e9 / nsPerOp(r)
			note := ""
			if i == 1 {
				note = verdict(rate/floorRate >= TargetParallelRatio)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.0f\t%.2f×\t%s\n", op.name, ct.name, rate, rate/floorRate, note)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "target: wrapper ≥ %.2f× the floor's throughput (same transport settings)\n", TargetParallelRatio)
	return err
}

func reportMixed(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "1,000 mixed calls, 8 goroutines\tcontender\tconnections opened\t")
	for _, name := range []string{"floor", "wrapper"} {
		c, err := newContenders(PageSize)
		if err != nil {
			return err
		}
		calls := []Call{call(c.floor.ShowSession), call(c.floor.GetSession), call(c.floor.ListAll)}
		if name == "wrapper" {
			calls = []Call{call(c.wrap.ShowSession), call(c.wrap.GetSession), call(c.wrap.ListAll)}
		}
		n, err := Mixed(c.srv, 1000, calls...)
		c.close()
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "Get, get-session, List\t%s\t%d\n", name, n)
	}
	return tw.Flush()
}

func reportTestServers(w io.Writer) error {
	targets, err := StartTestServers()
	if err != nil {
		return err
	}
	defer func() {
		for _, t := range targets {
			t.Close()
		}
	}()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Test servers, one core (GOMAXPROCS 1)\tvalidated round trips/s\tCPU in validation\ttarget\t")
	for i, t := range targets {
		var r testing.BenchmarkResult
		var berr error
		OneCore(func() { r, berr = bench(t.Name, func(b *testing.B) { RoundTrips(b, t) }) })
		if berr != nil {
			return berr
		}
		share, err := ValidationShare(t, 2*time.Second)
		if err != nil {
			return err
		}
		target := TargetZendeskRTs
		if i == 1 {
			target = TargetGameRTs
		}
		rate := 1e9 / nsPerOp(r)
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f%%\t≥ %d: %s\n", t.Name, rate, share*100, target, verdict(rate >= float64(target)))
	}
	return tw.Flush()
}
