//go:build prism

package contract_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// prismServer is a running "prism mock" of one spec, listening on loopback.
type prismServer struct {
	URL string

	cmd  *exec.Cmd
	done chan struct{}
	mu   sync.Mutex
	log  strings.Builder
}

// startPrism starts Prism (installed by "make contract" from tools/prism's
// lock file) for spec on a free 127.0.0.1 port and waits until it answers.
// The process group is killed when the test ends, and the kernel kills
// Prism if the test process dies first, whatever happens.
func startPrism(t *testing.T, spec string) *prismServer {
	t.Helper()
	bin, err := filepath.Abs("../../tools/prism/node_modules/.bin/prism")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("prism is not installed (%v): run 'make contract', which runs npm ci in tools/prism", err)
	}
	specPath, err := filepath.Abs(filepath.Join("../../openapi", spec))
	if err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "mock", "-h", "127.0.0.1", "-p", fmt.Sprint(port), specPath)
	// Prism gets its own process group, killed whole when the test ends.
	// Pdeathsig kills it too if this test binary dies without cleaning up
	// (a -timeout panic, a signal), so Prism never outlives the run.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start prism: %v", err)
	}
	p := &prismServer{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.mu.Lock()
			p.log.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
		}
		_ = cmd.Wait()
	}()
	t.Cleanup(func() {
		cancel()
		<-p.done
		if t.Failed() {
			t.Logf("prism log for %s:\n%s", spec, p.Log())
		}
	})
	if err := p.waitReady(60 * time.Second); err != nil {
		t.Fatalf("prism for %s did not come up: %v\n%s", spec, err, p.Log())
	}
	return p
}

// Log returns what Prism printed so far.
func (p *prismServer) Log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

func (p *prismServer) waitReady(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.done:
			return errors.New("prism exited")
		case <-tick.C:
		}
		resp, err := http.Get(p.URL + "/__prism_ready_probe")
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// violationGuard is an http.Client transport that fails the test whenever
// Prism reports that a request violated the spec (the sl-violations header).
type violationGuard struct {
	t    *testing.T
	next http.RoundTripper
}

func (g violationGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := g.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if v := resp.Header.Get("sl-violations"); v != "" {
		g.t.Errorf("prism: %s %s violates the spec: %s", req.Method, req.URL.RequestURI(), v)
	}
	return resp, nil
}

func TestPrismHarness(t *testing.T) {
	p := startPrism(t, "gameserver-sessions.yaml")
	get := func(path string, header http.Header) *http.Response {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, p.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header = header
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	auth := http.Header{"Authorization": {"token contract-api-key"}}
	if resp := get("/no/such/route", auth); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown route: status %d, want 404", resp.StatusCode)
	}
	// The signal violationGuard relies on: a request that breaks the spec
	// (limit above its maximum of 100) is flagged in sl-violations.
	if resp := get("/v1/sessions?limit=1000", auth); resp.Header.Get("sl-violations") == "" {
		t.Errorf("limit=1000 was not flagged: status %d, headers %v", resp.StatusCode, resp.Header)
	}
	if resp := get("/v1/sessions?limit=10", auth); resp.Header.Get("sl-violations") != "" {
		t.Errorf("a valid request was flagged: %s", resp.Header.Get("sl-violations"))
	}
	http.DefaultClient.CloseIdleConnections()
}
