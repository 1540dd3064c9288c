package bench

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"testing"
	"text/tabwriter"
	"time"
)

// Targets, as BENCHMARKS.md states them.
const (
	TargetCallRatio     = 1.05  // per call, time vs the floor (median of the rounds)
	TargetExtraAllocs   = 10    // per call, allocations above the floor
	TargetListRatio     = 1.00  // listing 100k vs the hand-written loop
	TargetParallelRatio = 1.00  // 64 goroutines, throughput vs the floor
	TargetZendeskRTs    = 12000 // validated round trips/s on one core
	TargetGameRTs       = 10000
)

// Peer is another HTTP client measured beside the wrappers per call, such
// as a well-known retrying client: the floor's requests and decoding, sent
// through it. Client returns a new one for each measurement.
type Peer struct {
	Name   string
	Client func() *http.Client
}

// Report runs every measurement and writes the table of ratios to w, with
// peer (if not nil) beside the wrappers per call. It needs a Go toolchain on
// PATH for the CPU profile's attribution.
func Report(w io.Writer, peer *Peer) error {
	fmt.Fprintf(w, "sessionkit benchmarks — %s, %s/%s, %d CPUs, GOMAXPROCS %d, %d interleaved rounds (median [min–max])\n\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), rounds)
	perCall := func(w io.Writer) error { return reportPerCall(w, peer) }
	for _, step := range []func(io.Writer) error{perCall, reportListing, reportShared, reportTestServers} {
		if err := step(w); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	return nil
}

// contenders is what each measurement compares, against one server: the
// floor and the wrappers, and their calls of every operation.
type contenders struct {
	srv   *Server
	floor *Floor
	wrap  *Wrappers
	ops   []Op
}

func newContenders(total int) (*contenders, error) {
	srv, err := NewServer(total)
	if err != nil {
		return nil, err
	}
	wrap, err := NewWrappers(srv.URL)
	if err != nil {
		_ = srv.Close()
		return nil, err
	}
	floor := NewFloor(srv.URL, FloorHTTPClient())
	return &contenders{srv: srv, floor: floor, wrap: wrap, ops: Ops(floor, wrap)}, nil
}

func (c *contenders) close() {
	c.floor.Close()
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
// others, so that a shared machine's drift touches every contender alike;
// ratios are taken within a round and reported as median and range.
const rounds = 6

// benchRounds runs each of fs once per round, round-robin, and returns
// the results by contender, then round.
func benchRounds(name string, fs ...func(b *testing.B)) ([][]testing.BenchmarkResult, error) {
	out := make([][]testing.BenchmarkResult, len(fs))
	for range rounds {
		for i, f := range fs {
			r, err := bench(name, f)
			if err != nil {
				return nil, err
			}
			out[i] = append(out[i], r)
		}
	}
	return out, nil
}

// spread is the median, least and greatest of a contender's per-round
// ratios to the floor.
type spread struct{ median, lo, hi float64 }

func (s spread) String() string { return fmt.Sprintf("%.2f× [%.2f–%.2f]", s.median, s.lo, s.hi) }

// ratios returns the spread of r's time to floor's, round by round; with
// inverse, of floor's to r's (a throughput ratio).
func ratios(r, floor []testing.BenchmarkResult, inverse bool) spread {
	xs := make([]float64, len(r))
	for i := range r {
		xs[i] = nsPerOp(r[i]) / nsPerOp(floor[i])
		if inverse {
			xs[i] = 1 / xs[i]
		}
	}
	slices.Sort(xs)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	return spread{m, xs[0], xs[len(xs)-1]}
}

// medianNs is the median time per operation of rs.
func medianNs(rs []testing.BenchmarkResult) float64 {
	xs := make([]float64, len(rs))
	for i, r := range rs {
		xs[i] = nsPerOp(r)
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func nsPerOp(r testing.BenchmarkResult) float64 { return float64(r.T.Nanoseconds()) / float64(r.N) }

func verdict(ok bool) string {
	if ok {
		return "meets target"
	}
	return "MISSES target"
}

func reportPerCall(w io.Writer, peer *Peer) error {
	c, err := newContenders(PageSize)
	if err != nil {
		return err
	}
	defer c.close()
	var peerOps []Op
	if peer != nil {
		pf := NewFloor(c.srv.URL, peer.Client())
		defer pf.Close()
		peerOps = Ops(pf, c.wrap)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Per call\tcontender\tns/op\tallocs/op\tB/op\ttime ratio\textra allocs\t")
	for k, op := range c.ops {
		names := []string{"floor", "wrapper"}
		fs := []func(b *testing.B){
			func(b *testing.B) { PerCall(b, op.Floor) },
			func(b *testing.B) { PerCall(b, op.Wrapper) },
		}
		if peerOps != nil {
			names = append(names, peer.Name)
			fs = append(fs, func(b *testing.B) { PerCall(b, peerOps[k].Floor) })
		}
		rs, err := benchRounds(op.Name, fs...)
		if err != nil {
			return err
		}
		for i, r := range rs {
			sp := ratios(r, rs[0], false)
			extra := r[0].AllocsPerOp() - rs[0][0].AllocsPerOp()
			note := ""
			if names[i] == "wrapper" {
				note = verdict(sp.median <= TargetCallRatio && extra <= TargetExtraAllocs)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.0f\t%d\t%d\t%s\t%+d\t%s\n", op.Name, names[i], medianNs(r), r[0].AllocsPerOp(), r[0].AllocedBytesPerOp(), sp, extra, note)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "target: wrapper ≤ %.2f× the floor's time (median) and ≤ floor + %d allocations\n", TargetCallRatio, TargetExtraAllocs)
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
		checks := make([]Call, 2)
		peaks := make([]uint64, 2)
		for i, list := range []func(context.Context) (int, error){c.floor.ListAll, c.wrap.ListAll} {
			what := names[i] + " sessions listed"
			checks[i] = func(ctx context.Context) error {
				n, err := list(ctx)
				return cmp.Or(err, want(what, n, total))
			}
			if peaks[i], err = PeakHeap(func() error { return checks[i](context.Background()) }); err != nil {
				c.close()
				return err
			}
		}
		rs, err := benchRounds("listing", func(b *testing.B) { PerCall(b, checks[0]) }, func(b *testing.B) { PerCall(b, checks[1]) })
		if err != nil {
			c.close()
			return err
		}
		for i, r := range rs {
			sp := ratios(r, rs[0], false)
			note := ""
			if i == 1 && total == 100_000 {
				note = verdict(sp.median <= TargetListRatio)
			}
			fmt.Fprintf(tw, "%d sessions\t%s\t%.1f\t%.1f MiB\t%s\t%s\n", total, names[i], medianNs(r)/1e6, float64(peaks[i])/(1<<20), sp, note)
		}
		c.close()
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "target: 100k ≤ %.2f× the loop, peak heap the same for 10k and 100k\n", TargetListRatio)
	return err
}

// reportShared measures the Shared operations from 64 goroutines, then
// counts the connections 1,000 of them mixed with listing open.
func reportShared(w io.Writer) error {
	c, err := newContenders(PageSize)
	if err != nil {
		return err
	}
	defer c.close()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "64 goroutines, one client\tcontender\tcalls/s\tthroughput ratio\t")
	mixed := [][]Call{{call(c.floor.ListAll)}, {call(c.wrap.ListAll)}}
	for _, op := range c.ops {
		if !op.Shared {
			continue
		}
		mixed[0], mixed[1] = append(mixed[0], op.Floor), append(mixed[1], op.Wrapper)
		rs, err := benchRounds(op.Name,
			func(b *testing.B) { Parallel64(b, op.Floor) },
			func(b *testing.B) { Parallel64(b, op.Wrapper) })
		if err != nil {
			return err
		}
		for i, r := range rs {
			sp := ratios(r, rs[0], true)
			note := ""
			if i == 1 {
				note = verdict(sp.median >= TargetParallelRatio)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.0f\t%s\t%s\n", op.Name, []string{"floor", "wrapper"}[i], 1e9/medianNs(r), sp, note)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "target: wrapper ≥ %.2f× the floor's throughput (same transport settings)\n\n", TargetParallelRatio)
	fmt.Fprintln(tw, "1,000 mixed calls, 8 goroutines\tcontender\tconnections opened\t")
	for i, name := range []string{"floor", "wrapper"} {
		c.floor.Close()
		c.wrap.Close()
		n, err := Mixed(c.srv, 1000, mixed[i]...)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "the shared reads and List\t%s\t%d\n", name, n)
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
