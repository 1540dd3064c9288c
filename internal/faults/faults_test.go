package faults

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestFaultHeap runs the 100 MiB scenarios one at a time, alone in the
// process (it is not parallel, so no other test runs beside it), sampling
// the heap while each call reads.
func TestFaultHeap(t *testing.T) { runGroup(t, groupHeap, 1) }

// TestFaultTiming runs the scenarios that measure waits and deadlines, in
// parallel among themselves but beside nothing else: they sleep more than
// they compute.
func TestFaultTiming(t *testing.T) { runGroup(t, groupTiming, 1000) }

// TestFaults runs every other scenario against every operation of both
// clients, all in parallel.
func TestFaults(t *testing.T) {
	t.Parallel()
	runGroup(t, groupPlain, 64)
}

// runGroup runs the scenarios of group × every operation they apply to,
// each as a subtest. With concurrency above 1 the subtests run from that
// many goroutines at once: t.Run may be called concurrently, and unlike
// t.Parallel this is not capped at GOMAXPROCS, so scenarios that mostly
// wait (for Retry-After, a deadline) overlap instead of queueing.
func runGroup(t *testing.T, group string, concurrency int) {
	sem := make(chan struct{}, max(concurrency, 1))
	var wg sync.WaitGroup
	for _, sc := range scenarios() {
		if sc.group != group {
			continue
		}
		for _, op := range operations() {
			if sc.applies != nil && !sc.applies(op) {
				continue
			}
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				t.Run(sc.name+"/"+op.api+"."+op.name, func(t *testing.T) { runScenario(t, sc, op) })
			})
		}
	}
	wg.Wait()
}

// runScenario drives op through sc and checks every assertion of the
// suite: the error, the attempts, no repeated create, nothing at another
// origin, timing, heap, and the connection reused afterwards. A scenario
// of the timing group that fails on a loaded machine (the whole suite
// shares two cores; a 300 ms deadline can pass before the request is even
// out) is run once more on a fresh server; it fails only when both runs
// fail, so an engine that really waits too long, or never sends, still
// fails.
func runScenario(t *testing.T, sc scenario, op operation) {
	failed := runOnce(t, sc, op)
	if len(failed) > 0 && sc.group == groupTiming {
		t.Logf("failed on a loaded machine? running once more: %s", strings.Join(failed, "; "))
		failed = runOnce(t, sc, op)
	}
	for _, f := range failed {
		t.Error(f)
	}
}

// runOnce is one run of runScenario: it returns what failed.
func runOnce(t *testing.T, sc scenario, op operation) (failed []string) {
	e := newEnv(t, op, sc.env)
	e.script = Sequence(sc.steps(e)...)
	c, err := newClients(clientConfig{api: op.api, baseURL: e.main.URL, httpClient: e.tlsClient})
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() {
		c.closeIdle()
		if e.tlsClient != nil {
			e.tlsClient.CloseIdleConnections()
		}
	})
	w := sc.want(e)

	deadline := sc.deadline
	if deadline == 0 {
		deadline = 20 * time.Second
	}
	start := time.Now() // the deadline counts from here
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	var wg sync.WaitGroup
	if sc.during != nil {
		wg.Go(func() { sc.during(e, cancel) })
	}
	var heap *heapSampler
	if sc.group == groupHeap {
		heap = startHeapSampler()
	}

	callErr := op.call(ctx, c)
	returned := time.Now()
	var peak uint64
	if heap != nil {
		peak = heap.stop()
	}
	wg.Wait()
	cancel()

	fail := func(format string, args ...any) {
		failed = append(failed, fmt.Sprintf(format+"\n%s", append(args, describe(e))...))
	}
	switch {
	case w.err == nil && callErr != nil:
		fail("call failed: %v, want success", callErr)
	case w.err != nil && callErr == nil:
		fail("call succeeded, want an error")
	case w.err != nil:
		if err := w.err(op.api, callErr); err != nil {
			fail("%v", err)
		}
	}
	if got := len(e.opRequests()); got != w.attempts {
		fail("%d requests to %s %s, want %d", got, op.method, op.path, w.attempts)
	}
	if op.name == "Create" {
		// A second POST /v1/session is allowed only after a 429, an answer
		// the server gives without acting on the request.
		posts, allowed := 0, 1
		for _, r := range e.main.Requests() {
			if r.Method == "POST" && r.Path == "/v1/session" {
				posts++
			}
		}
		if strings.HasPrefix(sc.name, "429-") {
			allowed = 2
		}
		if posts > allowed {
			fail("%d POST /v1/session, want at most %d: a create was repeated", posts, allowed)
		}
	}
	if e.other != nil {
		for _, r := range e.redirected() {
			if leaked := credentialIn(r); leaked != "" {
				fail("the other origin %s received %s on %s %s", e.other.URL, leaked, r.Method, r.Target)
			}
		}
		if n := len(e.redirected()); n != 0 {
			fail("the other origin %s received %d requests, want none", e.other.URL, n)
		}
	}
	if sc.deadline > 0 {
		if d := returned.Sub(start); d < sc.deadline || d > sc.deadline+50*time.Millisecond {
			fail("returned after %v with a %v deadline, want within 50ms after it", d, sc.deadline)
		}
	}
	if w.timing != nil {
		if err := w.timing(e, returned); err != nil {
			fail("timing: %v", err)
		}
	}
	if heap != nil {
		if limit := uint64(maxResponseBytes) * 3 / 2; peak > limit {
			fail("heap grew by %d MiB during the call, want at most %d MiB (1.5× the %d MiB limit)",
				peak>>20, limit>>20, maxResponseBytes>>20)
		}
	}

	// The probe: a healthy call right after must reuse the connection the
	// scenario left idle, or open exactly one when none could survive.
	before := e.main.Accepted()
	e.probing.Store(true)
	pctx, pcancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer pcancel()
	if err := probe(op.api).call(pctx, c); err != nil {
		fail("probe after the scenario: %v", err)
	}
	opened := e.main.Accepted() - before
	switch {
	case w.reused && opened != 0:
		fail("the probe opened %d connections, want the idle one reused", opened)
	case !w.reused && opened != 1:
		fail("the probe opened %d connections, want 1 (none could survive the scenario)", opened)
	}
	return failed
}

// credentialIn returns which credentials r carries ("" for none): an
// Authorization header, and every header, request line or body holding one
// of the suite's secrets.
func credentialIn(r Request) string {
	var found []string
	if r.Header.Get("Authorization") != "" {
		found = append(found, "an Authorization header")
	}
	for k, vs := range r.Header {
		for _, v := range vs {
			for _, s := range allSecrets() {
				if strings.Contains(v, s) {
					found = append(found, "a secret in header "+k)
				}
			}
		}
	}
	for _, s := range allSecrets() {
		if strings.Contains(r.Target, s) || strings.Contains(string(r.Body), s) {
			found = append(found, "a secret in the request line or body")
		}
	}
	return strings.Join(found, ", ")
}

// allSecrets lists every secret the suite hands a client.
func allSecrets() []string {
	out := []string{secretHeaderValue}
	for _, c := range credentials() {
		out = append(out, c.secrets...)
	}
	return out
}

// describe lists what main received, for failure messages.
func describe(e *env) string {
	var b strings.Builder
	fmt.Fprintf(&b, "main %s accepted %d connections; requests:", e.main.URL, e.main.Accepted())
	for _, r := range e.main.Requests() {
		fmt.Fprintf(&b, "\n  conn %d %s %s", r.Conn, r.Method, r.Target)
	}
	if e.other != nil {
		fmt.Fprintf(&b, "\nother %s requests: %d", e.other.URL, len(e.redirected()))
	}
	return b.String()
}

// heapSampler samples the live heap (objects, including unswept garbage)
// every millisecond and keeps the peak above the baseline.
type heapSampler struct {
	base uint64
	done chan struct{}
	peak chan uint64
}

const heapMetric = "/memory/classes/heap/objects:bytes"

func readHeap() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func startHeapSampler() *heapSampler {
	runtime.GC()
	h := &heapSampler{base: readHeap(), done: make(chan struct{}), peak: make(chan uint64)}
	go func() {
		var peak uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if v := readHeap(); v > h.base && v-h.base > peak {
				peak = v - h.base
			}
			select {
			case <-h.done:
				h.peak <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

// stop ends sampling and returns the peak growth over the baseline.
func (h *heapSampler) stop() uint64 {
	close(h.done)
	return <-h.peak
}
