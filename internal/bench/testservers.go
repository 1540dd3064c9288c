package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// TestServerTarget is one of the api/ test servers with a validated request
// to send it again and again.
type TestServerTarget struct {
	Name   string
	Client *http.Client
	Req    *http.Request
	Close  func()
}

// StartTestServers starts both test servers with one session each and
// returns a ShowSession and a get-session request for them.
func StartTestServers() ([]TestServerTarget, error) {
	z, err := zendesktest.Start(
		zendesktest.WithUsers(zendesktest.User{ID: 3, Email: benchEmail, APIToken: benchToken}),
		zendesktest.WithSessions(zendesktest.Session{ID: 8589934592, UserID: 3}))
	if err != nil {
		return nil, fmt.Errorf("bench: starting zendesktest: %w", err)
	}
	zr, err := http.NewRequest(http.MethodGet, z.URL+"/api/v2/users/3/sessions/8589934592", nil)
	if err != nil {
		z.Close()
		return nil, err
	}
	zr.SetBasicAuth(benchEmail+"/token", benchToken)

	g, err := gameservertest.Start(gameservertest.WithAPIToken(benchKey),
		gameservertest.WithSessions(gameservertest.Session{ID: "950dd2eaff09-S", App: "game", Ready: true,
			Users: []gameservertest.User{{IP: "198.51.100.7"}, {IP: "198.51.100.8"}}}))
	if err != nil {
		z.Close()
		return nil, fmt.Errorf("bench: starting gameservertest: %w", err)
	}
	gr, err := http.NewRequest(http.MethodGet, g.URL+"/v1/session/950dd2eaff09-S", nil)
	if err != nil {
		z.Close()
		g.Close()
		return nil, err
	}
	gr.Header.Set("Authorization", "token "+benchKey)
	return []TestServerTarget{
		{Name: "zendesktest ShowSession", Client: z.Client(), Req: zr, Close: z.Close},
		{Name: "gameservertest get-session", Client: g.Client(), Req: gr, Close: g.Close},
	}, nil
}

// RoundTrip sends t's request once and reads the whole answer.
func (t TestServerTarget) RoundTrip() error {
	resp, err := t.Client.Do(t.Req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: status %d", t.Name, resp.StatusCode)
	}
	return nil
}

// RoundTrips measures t's validated round trips.
func RoundTrips(b *testing.B, t TestServerTarget) {
	b.ReportAllocs()
	for b.Loop() {
		if err := t.RoundTrip(); err != nil {
			b.Fatal(err)
		}
	}
}

// OneCore runs f with GOMAXPROCS 1 and restores it after.
func OneCore(f func()) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	f()
}

// validatorFuncs are the functions of the test servers' validation: the
// route lookup and the request and response checks against the spec.
var validatorFuncs = []string{
	"fakeapi.(*validator).route",
	"fakeapi.(*validator).request",
	"fakeapi.(*validator).response",
}

// ValidationShare profiles round trips of t for d on one core and returns
// the share of CPU samples (0 to 1) inside the validator's functions, as
// `go tool pprof -top -cum` attributes them.
func ValidationShare(t TestServerTarget, d time.Duration) (float64, error) {
	dir, err := os.MkdirTemp("", "benchreport-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "cpu.pprof")
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	var runErr error
	OneCore(func() {
		if err := pprof.StartCPUProfile(f); err != nil {
			runErr = err
			return
		}
		for end := time.Now().Add(d); time.Now().Before(end); {
			if err := t.RoundTrip(); err != nil {
				runErr = err
				break
			}
		}
		pprof.StopCPUProfile()
	})
	if err := f.Close(); err != nil {
		return 0, err
	}
	if runErr != nil {
		return 0, runErr
	}
	out, err := exec.Command("go", "tool", "pprof", "-top", "-cum", "-nodecount=100000", path).Output()
	if err != nil {
		return 0, fmt.Errorf("bench: go tool pprof: %w", err)
	}
	return cumShare(out, validatorFuncs)
}

// cumShare sums the cum% that a `pprof -top -cum` listing gives the named
// functions (which do not call one another).
func cumShare(top []byte, funcs []string) (float64, error) {
	var share float64
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(top))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		// flat flat% sum% cum cum% name...
		if len(fields) < 6 || !strings.HasSuffix(fields[4], "%") {
			continue
		}
		name := strings.Join(fields[5:], " ")
		for _, fn := range funcs {
			if strings.HasSuffix(name, fn) {
				pct, err := strconv.ParseFloat(strings.TrimSuffix(fields[4], "%"), 64)
				if err != nil {
					return 0, fmt.Errorf("bench: pprof line %q: %w", sc.Text(), err)
				}
				share += pct / 100
				found++
			}
		}
	}
	if found == 0 {
		return 0, fmt.Errorf("bench: no validator function in the profile (looked for %s)", strings.Join(funcs, ", "))
	}
	return share, sc.Err()
}
