package core

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestTransportErrorsAreRedacted: net/http's errors quote the request URL
// whole; a credential-like query value in it must not reach the returned
// error, the OnRetry event or the debug log, as the engine's own URLs
// never do.
func TestTransportErrorsAreRedacted(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := ln.Addr().String()
	_ = ln.Close()
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x?token="+leakQueryToken, http.StatusFound)
	}))
	defer srv.Close()

	for _, tc := range []struct{ name, base, path string }{
		{"connection refused", "http://" + deadAddr, "/x?token=" + leakQueryToken},
		{"redirect to another origin", srv.URL, "/away"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			var events []string
			e, err := newEngine(API{Name: "test", DefaultBaseURL: tc.base},
				Logger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
				Retry(sessionkit.RetryPolicy{MaxAttempts: 2, InitialBackoff: 1, Jitter: -1, OnRetry: func(ev sessionkit.RetryEvent) {
					events = append(events, fmt.Sprintf("%v %+v", ev.Err, ev))
				}}))
			if err != nil {
				t.Fatal(err)
			}
			defer e.CloseIdleConnections()
			req, _ := http.NewRequest("GET", e.BaseURL()+tc.path, nil)
			err = call(t, e, t.Context(), opFor("GET"), req, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for what, out := range map[string]string{
				"error": err.Error() + fmt.Sprintf(" %+v", err),
				"event": strings.Join(events, "\n"),
				"log":   logs.String(),
			} {
				if strings.Contains(out, leakQueryToken) {
					t.Errorf("the %s shows the query secret:\n%s", what, out)
				}
			}
		})
	}
}
