package bench

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newTestContenders starts the contenders for a test or benchmark.
func newTestContenders(tb testing.TB, total int) *contenders {
	tb.Helper()
	c, err := newContenders(total)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.close)
	return c
}

// TestContendersDoTheWork checks that every contender really decodes what
// the server sends, so that no benchmark measures a shortcut.
func TestContendersDoTheWork(t *testing.T) {
	c := newTestContenders(t, 3*PageSize)
	ctx := context.Background()
	for name, f := range map[string]func(context.Context) (int64, error){
		"floor": c.floor.ShowSession, "generated": c.gen.ShowSession, "wrapper": c.wrap.ShowSession,
	} {
		if id, err := f(ctx); err != nil || id != 8589934592 {
			t.Errorf("%s ShowSession: %d, %v", name, id, err)
		}
	}
	for name, f := range map[string]func(context.Context) (string, error){
		"floor": c.floor.GetSession, "generated": c.gen.GetSession, "wrapper": c.wrap.GetSession,
	} {
		if id, err := f(ctx); err != nil || id != "950dd2eaff09-S" {
			t.Errorf("%s GetSession: %q, %v", name, id, err)
		}
	}
	for name, f := range map[string]func(context.Context) (int, error){"floor": c.floor.ListAll, "wrapper": c.wrap.ListAll} {
		if n, err := f(ctx); err != nil || n != 3*PageSize {
			t.Errorf("%s ListAll: %d sessions, %v; want %d", name, n, err, 3*PageSize)
		}
	}
	for _, op := range Ops(c.floor, c.wrap) {
		if err := op.Floor(ctx); err != nil {
			t.Errorf("floor %s: %v", op.Name, err)
		}
		if err := op.Wrapper(ctx); err != nil {
			t.Errorf("wrapper %s: %v", op.Name, err)
		}
	}
	if n, err := Mixed(c.srv, 30, call(c.wrap.ShowSession), call(c.floor.GetSession)); err != nil || n < 0 {
		t.Errorf("Mixed: %d, %v", n, err)
	}
}

// TestRatios checks the spread of per-round ratios: median of an even
// count is the mean of the middle two, and a throughput ratio inverts.
func TestRatios(t *testing.T) {
	res := func(ns ...int64) []testing.BenchmarkResult {
		var rs []testing.BenchmarkResult
		for _, n := range ns {
			rs = append(rs, testing.BenchmarkResult{N: 1, T: time.Duration(n)})
		}
		return rs
	}
	floor := res(100, 100, 100, 100, 100, 100)
	got := ratios(res(110, 90, 100, 130, 120, 105), floor, false)
	if d := cmp.Diff(spread{1.075, 0.9, 1.3}, got, cmpopts.EquateApprox(0, 1e-9), cmp.AllowUnexported(spread{})); d != "" {
		t.Errorf("ratios (-want +got):\n%s", d)
	}
	inv := ratios(res(200, 200), res(100, 100), true)
	if d := cmp.Diff(spread{0.5, 0.5, 0.5}, inv, cmp.AllowUnexported(spread{})); d != "" {
		t.Errorf("inverse ratios (-want +got):\n%s", d)
	}
	if got := medianNs(res(3, 1, 2)); got != 2 {
		t.Errorf("medianNs = %v, want 2", got)
	}
}

// TestTestServersAnswer checks the test servers' round trip and that the
// pprof attribution finds the validator.
func TestTestServersAnswer(t *testing.T) {
	targets, err := StartTestServers()
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		defer tg.Close()
		if err := tg.RoundTrip(); err != nil {
			t.Errorf("%s: %v", tg.Name, err)
		}
	}
	top := []byte("      flat  flat%   sum%        cum   cum%\n" +
		"     0.01s  0.5%  0.5%      0.40s 20.00%  github.com/sessionkit/sessions/api/internal/fakeapi.(*validator).request\n" +
		"     0.01s  0.5%  1.0%      0.10s  5.00%  github.com/sessionkit/sessions/api/internal/fakeapi.(*validator).response\n")
	if got, err := cumShare(top, validatorFuncs); err != nil || got < 0.2499 || got > 0.2501 {
		t.Errorf("cumShare = %v, %v; want 0.25", got, err)
	}
	if _, err := cumShare([]byte("nothing"), validatorFuncs); err == nil {
		t.Error("cumShare of a profile without the validator: no error")
	}
}

func BenchmarkShowSessionFloor(b *testing.B) {
	PerCall(b, call(newTestContenders(b, PageSize).floor.ShowSession))
}

func BenchmarkShowSessionGenerated(b *testing.B) {
	PerCall(b, call(newTestContenders(b, PageSize).gen.ShowSession))
}

func BenchmarkShowSessionWrapper(b *testing.B) {
	PerCall(b, call(newTestContenders(b, PageSize).wrap.ShowSession))
}

func BenchmarkGetSessionFloor(b *testing.B) {
	PerCall(b, call(newTestContenders(b, PageSize).floor.GetSession))
}

func BenchmarkGetSessionGenerated(b *testing.B) {
	PerCall(b, call(newTestContenders(b, PageSize).gen.GetSession))
}

func BenchmarkGetSessionWrapper(b *testing.B) {
	PerCall(b, call(newTestContenders(b, PageSize).wrap.GetSession))
}

func BenchmarkList100kFloor(b *testing.B) {
	PerCall(b, call(newTestContenders(b, 100_000).floor.ListAll))
}

func BenchmarkList100kWrapper(b *testing.B) {
	PerCall(b, call(newTestContenders(b, 100_000).wrap.ListAll))
}

func BenchmarkParallel64ShowSessionFloor(b *testing.B) {
	Parallel64(b, call(newTestContenders(b, PageSize).floor.ShowSession))
}

func BenchmarkParallel64ShowSessionWrapper(b *testing.B) {
	Parallel64(b, call(newTestContenders(b, PageSize).wrap.ShowSession))
}

func BenchmarkTestServerRoundTrips(b *testing.B) {
	targets, err := StartTestServers()
	if err != nil {
		b.Fatal(err)
	}
	for _, tg := range targets {
		b.Cleanup(tg.Close)
		b.Run(tg.Name, func(b *testing.B) { RoundTrips(b, tg) })
	}
}
