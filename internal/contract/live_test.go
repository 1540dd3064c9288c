//go:build live

package contract_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// liveNotConfigured is the one line the run prints when no credentials are set.
const liveNotConfigured = "contract-live: not run: set " + liveZendeskSubdomain + " with " + liveZendeskEmail + " and " +
	liveZendeskAPIToken + " (or " + liveZendeskOAuth + "), and/or " + liveEdgegapToken +
	"; writes also need " + liveWrites + "=1 with " + liveZendeskTestUser + " and " + liveEdgegapApp + " (see README, Live contract run)"

// "make contract-live" builds the suite with the tag "live" and runs
// TestLive: without credentials in the environment the binary prints one
// line saying what to set, and exits 0 before any test.
func init() {
	liveGate = func() bool {
		if cfg := readLiveConfig(os.Getenv); !cfg.zendesk && !cfg.game {
			fmt.Println(liveNotConfigured)
			return true
		}
		return false
	}
}

// TestLive runs the contract cases against the real services the
// SESSIONKIT_LIVE_* variables name, and prints the report. Ctrl-C (or
// SIGTERM) and liveRunTimeout end the run early, and what it created is
// deleted before the binary exits (unless a second Ctrl-C comes first).
func TestLive(t *testing.T) {
	ctx, stop := signal.NotifyContext(t.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // a second Ctrl-C, during the clean-up, ends the binary at once
	ctx, cancel := context.WithTimeoutCause(ctx, liveRunTimeout, fmt.Errorf("the live run took longer than %s", liveRunTimeout))
	defer cancel()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	for _, f := range liveRun(ctx, readLiveConfig(os.Getenv), &http.Client{Transport: tr, Timeout: time.Minute}, os.Stdout) {
		t.Error(f)
	}
}
