package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"go.uber.org/goleak"

	gsgen "github.com/sessionkit/sessions/gen/gameserver"
	zgen "github.com/sessionkit/sessions/gen/zendesk"
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
	gen := newGenerated(t, c.srv.URL)
	if id, err := gen.ShowSession(ctx); err != nil || id != 8589934592 {
		t.Errorf("generated ShowSession: %d, %v", id, err)
	}
	if id, err := gen.GetSession(ctx); err != nil || id != "950dd2eaff09-S" {
		t.Errorf("generated GetSession: %q, %v", id, err)
	}
	for name, f := range map[string]func(context.Context) (int, error){"floor": c.floor.ListAll, "wrapper": c.wrap.ListAll} {
		if n, err := f(ctx); err != nil || n != 3*PageSize {
			t.Errorf("%s ListAll: %d sessions, %v; want %d", name, n, err, 3*PageSize)
		}
	}
	var shared []string
	for _, op := range c.ops {
		if err := op.Floor(ctx); err != nil {
			t.Errorf("floor %s: %v", op.Name, err)
		}
		if err := op.Wrapper(ctx); err != nil {
			t.Errorf("wrapper %s: %v", op.Name, err)
		}
		if op.Shared {
			shared = append(shared, op.Name)
		}
	}
	if d := cmp.Diff([]string{"ShowSession", "GetSession"}, shared); d != "" {
		t.Errorf("shared operations (-want +got):\n%s", d)
	}
	if n, err := Mixed(c.srv, 30, op(t, c, "ShowSession").Wrapper, op(t, c, "GetSession").Floor); err != nil || n < 0 {
		t.Errorf("Mixed: %d, %v", n, err)
	}
	// A wrong answer is an error, not a measurement.
	bad := Ops(NewFloor(c.srv.URL+"/nowhere", FloorHTTPClient()), c.wrap)
	if err := bad[0].Floor(ctx); err == nil {
		t.Error("floor call of a missing path: no error")
	}
}

// op returns c's operation of that name.
func op(tb testing.TB, c *contenders, name string) Op {
	tb.Helper()
	for _, o := range c.ops {
		if o.Name == name {
			return o
		}
	}
	tb.Fatalf("no operation %s", name)
	return Op{}
}

// generated is the generated clients alone, over the floor's HTTP client:
// the request builders of gen/, the response decoded into gen's types.
type generated struct {
	z *zgen.Client
	g *gsgen.Client
}

func newGenerated(tb testing.TB, base string) *generated {
	tb.Helper()
	hc := FloorHTTPClient()
	tb.Cleanup(hc.CloseIdleConnections)
	f := NewFloor(base, hc)
	auth := func(a string) func(context.Context, *http.Request) error {
		return func(_ context.Context, r *http.Request) error { r.Header.Set("Authorization", a); return nil }
	}
	z, err := zgen.NewClient(base, zgen.WithHTTPClient(hc), zgen.WithRequestEditorFn(auth(f.zAuth)))
	if err != nil {
		tb.Fatal(err)
	}
	g, err := gsgen.NewClient(base, gsgen.WithHTTPClient(hc), gsgen.WithRequestEditorFn(auth(f.gAuth)))
	if err != nil {
		tb.Fatal(err)
	}
	return &generated{z: z, g: g}
}

// decodeOK decodes a 200 answer into v and drains the body.
func decodeOK(resp *http.Response, err error, v any) error {
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	err = json.NewDecoder(resp.Body).Decode(v)
	_, _ = io.Copy(io.Discard, resp.Body)
	return err
}

// ShowSession is ShowSession through gen/zendesk alone.
func (g *generated) ShowSession(ctx context.Context) (int64, error) {
	var body zgen.SessionResponse
	resp, err := g.z.ShowSession(ctx, 3, 8589934592)
	if err := decodeOK(resp, err, &body); err != nil {
		return 0, err
	}
	s, err := body.Session.AsSession() // an absent session does not decode
	return s.Id, err
}

// GetSession is get-session through gen/gameserver alone.
func (g *generated) GetSession(ctx context.Context) (string, error) {
	var body gsgen.SessionGet
	resp, err := g.g.GetSession(ctx, "950dd2eaff09-S")
	err = decodeOK(resp, err, &body)
	return body.SessionID, err
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
	PerCall(b, op(b, newTestContenders(b, PageSize), "ShowSession").Floor)
}

func BenchmarkShowSessionGenerated(b *testing.B) {
	PerCall(b, call(newGenerated(b, newTestContenders(b, PageSize).srv.URL).ShowSession))
}

func BenchmarkShowSessionWrapper(b *testing.B) {
	PerCall(b, op(b, newTestContenders(b, PageSize), "ShowSession").Wrapper)
}

func BenchmarkGetSessionFloor(b *testing.B) {
	PerCall(b, op(b, newTestContenders(b, PageSize), "GetSession").Floor)
}

func BenchmarkGetSessionGenerated(b *testing.B) {
	PerCall(b, call(newGenerated(b, newTestContenders(b, PageSize).srv.URL).GetSession))
}

func BenchmarkGetSessionWrapper(b *testing.B) {
	PerCall(b, op(b, newTestContenders(b, PageSize), "GetSession").Wrapper)
}

func BenchmarkList100kFloor(b *testing.B) {
	PerCall(b, call(newTestContenders(b, 100_000).floor.ListAll))
}

func BenchmarkList100kWrapper(b *testing.B) {
	PerCall(b, call(newTestContenders(b, 100_000).wrap.ListAll))
}

func BenchmarkParallel64ShowSessionFloor(b *testing.B) {
	Parallel64(b, op(b, newTestContenders(b, PageSize), "ShowSession").Floor)
}

func BenchmarkParallel64ShowSessionWrapper(b *testing.B) {
	Parallel64(b, op(b, newTestContenders(b, PageSize), "ShowSession").Wrapper)
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
