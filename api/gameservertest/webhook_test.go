package gameservertest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// received is a webhook as a receiver saw it.
type received struct {
	ContentType string
	Body        map[string]any
}

// receiver serves webhooks on 127.0.0.1, answering status, and sends each
// one it gets on the returned channel.
func receiver(t *testing.T, status int) (string, <-chan received) {
	t.Helper()
	got := make(chan received, 16)
	rs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &body); err != nil {
			t.Errorf("webhook body %q: %v", b, err)
		}
		if r.Method != http.MethodPost {
			t.Errorf("webhook method %s, want POST", r.Method)
		}
		got <- received{ContentType: r.Header.Get("Content-Type"), Body: body}
		w.WriteHeader(status)
	}))
	t.Cleanup(rs.Close)
	return rs.URL + "/hooks/edgegap", got
}

// settled waits until n deliveries are logged: Close would end one still
// in flight.
func settled(srv *Server, n int) {
	for deadline := time.Now().Add(5 * time.Second); len(srv.Webhooks()) < n && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
}

func createWithHook(t *testing.T, srv *Server, app, hook string) string {
	t.Helper()
	return create(t, srv, fmt.Sprintf(`{"app_name":%q,"ip_list":["162.254.103.13"],"webhook_url":%q}`, app, hook))
}

func TestWebhookOnReady(t *testing.T) {
	hook, got := receiver(t, http.StatusNoContent)
	srv := newTestServer(t, WithReadiness(Readiness{}))
	id := createWithHook(t, srv, "game", hook)

	var r received
	select {
	case r = <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("no webhook within 5s")
	}
	want := received{ContentType: "application/json", Body: map[string]any{
		"session_id": id, "custom_id": nil, "status": "Ready", "ready": true, "linked": true, "kind": "Seat",
		"user_count": float64(1), "webhook_url": hook, "deployment_request_id": r.Body["deployment_request_id"],
	}}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("webhook (-want +got):\n%s", diff)
	}
	if dep, _ := r.Body["deployment_request_id"].(string); dep == "" {
		t.Errorf("deployment_request_id %v, want the linked deployment", r.Body["deployment_request_id"])
	}
	// Polls after readiness send nothing more.
	if s := getSession(t, srv, id); !s.Ready {
		t.Errorf("get-session after the webhook: %+v", s)
	}
	settled(srv, 1)
	srv.Close()
	ds := srv.Webhooks()
	if len(ds) != 1 || ds[0].SessionID != id || ds[0].StatusCode != http.StatusNoContent || ds[0].Err != "" || ds[0].URL != hook {
		t.Errorf("Webhooks() = %+v, want one answered 204", ds)
	}
	select {
	case r := <-got:
		t.Errorf("a second webhook: %+v", r)
	default:
	}
}

func TestWebhookOnFailure(t *testing.T) {
	hook, got := receiver(t, http.StatusOK)
	srv := newTestServer(t, WithReadiness(Readiness{}),
		WithApps(App{Name: "broken", Versions: []AppVersion{{Name: "v1", SessionError: "No deployment matches"}}}))
	id := createWithHook(t, srv, "broken", hook)
	select {
	case r := <-got:
		if r.Body["session_id"] != id || r.Body["status"] != "Unprocessable" || r.Body["ready"] != false {
			t.Errorf("webhook body %v, want session %s Unprocessable", r.Body, id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no webhook within 5s")
	}
}

// TestWebhookAfterPolls: with a readiness that needs polls, the webhook goes
// out when a poll makes the session ready, once.
func TestWebhookAfterPolls(t *testing.T) {
	hook, got := receiver(t, http.StatusOK)
	srv := newTestServer(t, WithReadiness(Readiness{Polls: 2}))
	id := createWithHook(t, srv, "game", hook)
	for range 2 {
		if s := getSession(t, srv, id); s.Ready {
			t.Fatalf("ready too early: %+v", s)
		}
	}
	select {
	case r := <-got:
		t.Fatalf("webhook before the session was ready: %v", r.Body)
	default:
	}
	for range 3 {
		getSession(t, srv, id)
	}
	settled(srv, 1)
	srv.Close()
	if ds := srv.Webhooks(); len(ds) != 1 || ds[0].StatusCode != http.StatusOK {
		t.Errorf("Webhooks() = %+v, want one", ds)
	}
	if n := len(got); n != 1 {
		t.Errorf("%d webhooks received, want 1", n)
	}
}

func TestWebhookRefusesNonLoopback(t *testing.T) {
	tests := []struct{ url, wantErr string }{
		{"https://example.com/hook", "only loopback hosts"},
		{"http://192.0.2.10:8080/hook", "only loopback hosts"},
		{"ftp://127.0.0.1/hook", "not http or https"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			srv := newTestServer(t, WithReadiness(Readiness{Polls: 1}))
			id := createWithHook(t, srv, "game", tt.url)
			getSession(t, srv, id)
			getSession(t, srv, id) // ready now
			srv.Close()
			ds := srv.Webhooks()
			if len(ds) != 1 || ds[0].StatusCode != 0 || !strings.Contains(ds[0].Err, tt.wantErr) {
				t.Errorf("Webhooks() = %+v, want one refused with %q", ds, tt.wantErr)
			}
		})
	}
}

// TestWebhookDialsLoopbackOnly: the default client's dialer refuses any
// address that is not loopback (a "localhost" resolving elsewhere), before
// connecting.
func TestWebhookDialsLoopbackOnly(t *testing.T) {
	c := loopbackClient()
	_, err := c.Get("http://192.0.2.1:9/")
	if err == nil || !strings.Contains(err.Error(), "not a loopback address") {
		t.Errorf("dialing 192.0.2.1: %v, want a refusal", err)
	}
}

// TestWebhookTimeout: a receiver that never answers is given up on after
// WebhookTimeout, and the webhook is not sent again.
func TestWebhookTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		calls := 0
		stuck := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			calls++
			<-r.Context().Done()
			return nil, r.Context().Err()
		})}
		srv := newTestServer(t, WithoutNetwork(), WithWebhookClient(stuck), WithReadiness(Readiness{Delay: time.Minute}))
		start := time.Now()
		createWithHook(t, srv, "game", "http://127.0.0.1:1/hook")
		time.Sleep(time.Minute + WebhookTimeout + time.Second)
		synctest.Wait()
		ds := srv.Webhooks()
		if len(ds) != 1 || !strings.Contains(ds[0].Err, "no answer within 10s") || calls != 1 {
			t.Fatalf("Webhooks() = %+v after %d calls, want one timed out", ds, calls)
		}
		if sent := ds[0].Time.Sub(start); sent != time.Minute {
			t.Errorf("sent %s after creation, want the readiness delay, 1m0s", sent)
		}
	})
}

// TestWebhookCloseEndsDeliveries: Close ends a delivery in flight at once,
// logging why, and drops the webhooks not due yet; it does not wait out
// WebhookTimeout for a receiver that does not answer.
func TestWebhookCloseEndsDeliveries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		started := make(chan struct{}, 1)
		stuck := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			started <- struct{}{}
			<-r.Context().Done()
			return nil, r.Context().Err()
		})}
		srv := newTestServer(t, WithoutNetwork(), WithWebhookClient(stuck), WithClock(time.Now), WithReadiness(Readiness{Delay: time.Minute}))
		createWithHook(t, srv, "game", "http://localhost/hook")
		time.Sleep(time.Minute)
		<-started
		if _, err := srv.AddSession(Session{App: "game", WebhookURL: "http://localhost/later", Users: []User{{IP: "1.2.3.4"}}}); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		srv.Close()
		ds := srv.Webhooks()
		if took := time.Since(start); took != 0 || len(ds) != 1 || !strings.Contains(ds[0].Err, "the server was closed") {
			t.Errorf("Close took %s; Webhooks() = %+v; want one ended at once by the close", took, ds)
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestWebhookBookkeepingEndsWithItsSession checks that what the server keeps
// for a session's webhook (its readiness timer) goes with the session: when
// it is deleted or replaced by Reset, not when the server closes.
func TestWebhookBookkeepingEndsWithItsSession(t *testing.T) {
	srv := newTestServer(t, WithReadiness(Readiness{Delay: time.Hour}))
	pending := func() int {
		h := srv.st.hooks
		h.mu.Lock()
		defer h.mu.Unlock()
		return len(h.timers)
	}
	var ids []string
	for i := range 20 {
		ids = append(ids, create(t, srv, fmt.Sprintf(`{"app_name":"game","ip_list":["10.0.0.%d"],"webhook_url":"http://127.0.0.1:9/hook"}`, i+1)))
	}
	if n := pending(); n != 20 {
		t.Fatalf("%d readiness timers for 20 waiting sessions", n)
	}
	for _, id := range ids[:10] {
		wantStatus(t, call(t, srv, http.MethodDelete, "/v1/session/"+id, ""), http.StatusOK)
	}
	if n := pending(); n != 10 {
		t.Errorf("%d readiness timers after deleting 10 of 20 sessions, want 10", n)
	}
	if err := srv.Reset(State{}); err != nil {
		t.Fatal(err)
	}
	if n := pending(); n != 0 {
		t.Errorf("%d readiness timers after Reset to nothing, want 0", n)
	}
	if err := srv.Reset(State{Sessions: []Session{{App: "game", Users: []User{{IP: "10.1.0.1"}}, DeploymentRequestID: "nope"}}}); err == nil {
		t.Fatal("Reset with an unknown deployment: no error")
	}
	if n := pending(); n != 0 {
		t.Errorf("%d readiness timers after a failed Reset, want 0", n)
	}
}
