package core

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestAnnouncedLengthCostsNoMemory: eight concurrent calls to a real
// loopback server that announces a 32 MiB body, sends a few bytes and
// stalls grow the live heap by at most 16 MiB (it used to be 8 × 32 MiB,
// allocated before any byte arrived).
func TestAnnouncedLengthCostsNoMemory(t *testing.T) {
	const calls = 8
	release := make(chan struct{})
	var started sync.WaitGroup
	started.Add(calls)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(32<<20))
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"stalling":`))
		w.(http.Flusher).Flush()
		started.Done()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	e, err := newEngine(testAPI(srv.URL), NoRetries())
	if err != nil {
		t.Fatal(err)
	}
	defer e.CloseIdleConnections()

	before := liveHeap()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errs := make(chan error, calls)
	for range calls {
		go func() {
			req, _ := http.NewRequest("GET", e.BaseURL()+"/x", nil)
			errs <- call(t, e, ctx, opFor("GET"), req, nil)
		}()
	}
	started.Wait()
	time.Sleep(100 * time.Millisecond) // let every reader get to its first chunk
	grown := int64(liveHeap()) - int64(before)
	cancel()
	for range calls {
		if err := <-errs; !errors.Is(err, context.Canceled) {
			t.Errorf("call: %v, want context.Canceled", err)
		}
	}
	if grown > 16<<20 {
		t.Errorf("live heap grew by %d MiB with %d stalled 32 MiB bodies, want <= 16 MiB", grown>>20, calls)
	}
	t.Logf("live heap grew by %d KiB", grown>>10)
}

// liveHeap is the live heap after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
