package bench

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Call is one operation of a contender.
type Call func(ctx context.Context) error

// PerCall measures call in a loop, with allocations reported.
func PerCall(b *testing.B, call Call) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := call(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// Parallel64 measures call from 64 goroutines sharing the contender: b.N
// calls in all, split among them as they finish.
func Parallel64(b *testing.B, call Call) {
	b.ReportAllocs()
	b.ResetTimer()
	if err := fanOut(b.N, 64, call); err != nil {
		b.Fatal(err)
	}
}

// fanOut makes n calls from workers goroutines, the i-th call (from 1) to
// calls[i % len(calls)], and returns the first error.
func fanOut(n, workers int, calls ...Call) error {
	ctx := context.Background()
	var next atomic.Int64
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				if err := calls[int(i)%len(calls)](ctx); err != nil {
					failed.CompareAndSwap(nil, &err)
					return
				}
			}
		})
	}
	wg.Wait()
	if e := failed.Load(); e != nil {
		return *e
	}
	return nil
}

const heapMetric = "/memory/classes/heap/objects:bytes"

func readHeap() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// PeakHeap runs run once and returns the peak growth of the heap (live and
// not yet swept objects) over its level before, sampled every 500 µs.
func PeakHeap(run func() error) (uint64, error) {
	runtime.GC()
	base := readHeap()
	done := make(chan struct{})
	peakc := make(chan uint64)
	go func() {
		var peak uint64
		t := time.NewTicker(500 * time.Microsecond)
		defer t.Stop()
		for {
			if v := readHeap(); v > base && v-base > peak {
				peak = v - base
			}
			select {
			case <-done:
				peakc <- peak
				return
			case <-t.C:
			}
		}
	}()
	err := run()
	close(done)
	return <-peakc, err
}

// Mixed makes n calls from 8 goroutines, cycling through calls, and
// returns how many connections srv accepted meanwhile.
func Mixed(srv *Server, n int, calls ...Call) (int64, error) {
	if len(calls) == 0 {
		return 0, fmt.Errorf("bench: Mixed needs at least one call")
	}
	before := srv.Accepted()
	if err := fanOut(n, 8, calls...); err != nil {
		return 0, err
	}
	return srv.Accepted() - before, nil
}
