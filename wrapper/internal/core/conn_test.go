package core

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestConnectionReuse drives many calls mixing 200, 404, 429 and 503 (with
// retries) over a real loopback socket and checks that they all share one
// TCP connection: every discarded or failed response is drained and closed.
func TestConnectionReuse(t *testing.T) {
	var conns, requests atomic.Int32
	errBody := strings.Repeat("e", 10<<10)
	okBody := `{"data":"` + strings.Repeat("o", 10<<10) + `"}`
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := requests.Add(1)
		switch {
		case strings.HasPrefix(r.URL.Path, "/ok"):
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, okBody)
		case strings.HasPrefix(r.URL.Path, "/missing"):
			w.WriteHeader(404)
			fmt.Fprint(w, `{"message":"`+errBody+`"}`)
		case strings.HasPrefix(r.URL.Path, "/limited"):
			// Every other request is rate limited once, then succeeds.
			if n%2 == 1 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(429)
				fmt.Fprint(w, errBody)
				return
			}
			fmt.Fprint(w, okBody)
		case strings.HasPrefix(r.URL.Path, "/down"):
			w.WriteHeader(503)
			fmt.Fprint(w, errBody)
		case strings.HasPrefix(r.URL.Path, "/empty"):
			w.WriteHeader(204)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	e, err := newEngine(testAPI(srv.URL),
		Retry(sessionkit.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Jitter: -1}))
	if err != nil {
		t.Fatal(err)
	}
	defer e.CloseIdleConnections()

	send := func(path string) error {
		var v map[string]string
		return call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", path, "", true), &v)
	}
	for i := range 40 {
		var err error
		switch i % 5 {
		case 0:
			err = send("ok")
		case 1:
			if err = send("missing"); errors.Is(err, sessionkit.ErrNotFound) {
				err = nil
			}
		case 2:
			err = send("limited")
		case 3:
			if err = send("down"); errors.Is(err, sessionkit.ErrServer) {
				err = nil
			}
		case 4:
			err = call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "empty", "", true), nil) // no body to decode
		}
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if got := conns.Load(); got != 1 {
		t.Errorf("opened %d TCP connections for %d requests, want 1", got, requests.Load())
	}
	if requests.Load() < 40+8+16 {
		t.Errorf("only %d requests: retries did not happen", requests.Load())
	}
}
