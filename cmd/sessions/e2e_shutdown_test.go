package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions/api/gameservertest"
)

// TestBinaryMockStopsWithinGrace: "sessions mock" with a webhook in flight
// to a receiver that never answers and a request held by an hour-long
// fault delay exits on Ctrl-C within its grace (it took 9.5 s before).
func TestBinaryMockStopsWithinGrace(t *testing.T) {
	t.Parallel()
	arrived, release := make(chan struct{}, 1), make(chan struct{})
	receiver := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-release
	}))
	t.Cleanup(receiver.Close)
	t.Cleanup(func() { close(release) })
	p := startE2E(t, "--ready-after-polls", "0")
	g := p.info.GameserverURL
	req, err := http.NewRequest("POST", g+"/v1/session", strings.NewReader(`{"app_name": "e2e-game", "ip_list": ["198.51.100.1"], "webhook_url": "`+receiver.URL+`/hook"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "token e2e-edgegap")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	<-arrived
	p.fault(t, g, `{"operation": "list-sessions", "delay": "1h"}`)
	held := p.command(context.Background(), nil, "--base-url", g, "--request-timeout", "1h", "gameserver", "list")
	if err := held.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = held.Process.Kill(); _ = held.Wait() })
	p.untilLogged(t, g, gameservertest.OpListSessions, counted(0, 1))
	start := time.Now()
	if err := p.stop(os.Interrupt); err != nil {
		t.Logf("the mock's exit: %v", err)
	}
	if took := time.Since(start); took > mockShutdownGrace+2*time.Second {
		t.Errorf("sessions mock took %s to stop after Ctrl-C, more than its %s grace", took, mockShutdownGrace)
	}
}
