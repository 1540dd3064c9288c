package gameserver_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
)

func event(id, status string, ready bool) gameserver.SessionEvent {
	return gameserver.SessionEvent{Session: gameserver.Session{ID: id, Status: status, Ready: ready, Linked: ready}}
}

func TestReadyNotifierWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := gameserver.NewReadyNotifier()

		// An event that came before the wait is seen at once.
		n.Notify(event("early-S", "Ready", true))
		if ev, err := n.Wait(t.Context(), "early-S"); err != nil || ev.Session.ID != "early-S" {
			t.Errorf("Wait(early) = %+v, %v", ev, err)
		}

		// A wait ends when the event comes, not before; waiting events are
		// ignored.
		start := time.Now()
		go func() {
			time.Sleep(time.Second)
			n.Notify(event("late-S", "Waiting", false))
			time.Sleep(time.Second)
			n.Notify(event("late-S", "Unprocessable", false))
		}()
		ev, err := n.Wait(t.Context(), "late-S")
		if err != nil || !ev.Failed() || time.Since(start) != 2*time.Second {
			t.Errorf("Wait(late) = %+v, %v after %s; want the failure after 2s", ev, err, time.Since(start))
		}

		// Without an event, the context ends the wait.
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		n.Notify(event("never-S", "Waiting", false))
		if _, err := n.Wait(ctx, "never-S"); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Wait(never) = %v, want DeadlineExceeded", err)
		}
	})
}

func TestReadyNotifierManyWaiters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := gameserver.NewReadyNotifier()
		errs := make(chan error, 8)
		for range 8 {
			go func() {
				_, err := n.Wait(t.Context(), "s-S")
				errs <- err
			}()
		}
		synctest.Wait()
		n.Notify(event("s-S", "Ready", true))
		n.Notify(event("s-S", "Ready", true)) // a duplicate is harmless
		for range 8 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
	})
}

func TestReadyNotifierMemory(t *testing.T) {
	n := gameserver.NewReadyNotifier()
	for i := range gameserver.DefaultNotifierMemory + 1 {
		n.Notify(event(fmt.Sprintf("s%d-S", i), "Ready", true))
	}
	events, stop := n.Watch("s0-S")
	defer stop()
	select {
	case ev := <-events:
		t.Errorf("the oldest event is still there: %+v", ev)
	default:
	}
	newest, stop2 := n.Watch(fmt.Sprintf("s%d-S", gameserver.DefaultNotifierMemory))
	defer stop2()
	select {
	case <-newest:
	default:
		t.Error("the newest event is gone")
	}
}

func TestReadyNotifierBadInput(t *testing.T) {
	var zero gameserver.ReadyNotifier
	if _, err := zero.Wait(t.Context(), "s-S"); !errors.Is(err, gameserver.ErrInvalidArgument) {
		t.Errorf("zero notifier: %v", err)
	}
	if _, err := gameserver.NewReadyNotifier().Wait(t.Context(), ""); !errors.Is(err, gameserver.ErrInvalidArgument) {
		t.Errorf("empty id: %v", err)
	}
	var nilN *gameserver.ReadyNotifier
	nilN.Notify(event("s-S", "Ready", true)) // no panic
	if ch, stop := nilN.Watch("s-S"); ch != nil {
		t.Error("a nil notifier's channel is not nil")
	} else {
		stop()
	}
	if _, err := gameserver.NewClient(gameserver.WithReadyNotifier(nil)); !errors.Is(err, gameserver.ErrInvalidArgument) {
		t.Errorf("NewClient(WithReadyNotifier(nil)) = %v", err)
	}
}

// inProcess is an HTTP client whose transport calls h directly.
func inProcess(h http.Handler) *http.Client {
	return &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec.Result(), nil
	})}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// webhookFed returns a notifier and an in-process server (for synctest)
// whose sessions are ready 3 s after their creation and whose webhooks
// reach a WebhookHandler feeding the notifier.
func webhookFed(t *testing.T) (*gameserver.ReadyNotifier, *gameservertest.Server) {
	t.Helper()
	n := gameserver.NewReadyNotifier()
	hook, err := gameserver.WebhookHandler(n.Handle)
	if err != nil {
		t.Fatal(err)
	}
	srv := gameservertest.NewServer(t, gameservertest.WithAPIToken("key"), gameservertest.WithoutNetwork(),
		gameservertest.WithClock(time.Now), gameservertest.WithWebhookClient(inProcess(hook)),
		gameservertest.WithReadiness(gameservertest.Readiness{Delay: 3 * time.Second}))
	return n, srv
}

// TestCreateWaitsByWebhook: Create with WithWaitReady and a notifier fed by
// a webhook returns the moment the session is ready, not at its next poll,
// and confirms with one get-session.
func TestCreateWaitsByWebhook(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n, srv := webhookFed(t)
		gc := newClient(t, srv, gameserver.WithPollInterval(time.Minute, time.Minute), gameserver.WithReadyNotifier(n))

		start := time.Now()
		created, err := gc.Sessions.Create(t.Context(), &gameserver.CreateRequest{
			AppName: "my-game", IPList: []string{"162.254.103.13"}, WebhookURL: "http://127.0.0.1/hook",
		}, gameserver.WithWaitReady())
		if err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took != 3*time.Second || created.Ready == nil || !created.Ready.Ready {
			t.Errorf("Create returned %+v after %s; want the ready session after the readiness delay, 3s", created.Ready, took)
		}
		if polls := countOps(srv, "get-session"); polls != 2 {
			t.Errorf("%d get-session polls, want 2 (one before, one after the webhook)", polls)
		}
		srv.Close()
		if ds := srv.Webhooks(); len(ds) != 1 || ds[0].StatusCode != http.StatusNoContent {
			t.Errorf("Webhooks() = %+v", ds)
		}
	})
}

// TestWaitReadyByWebhookOverLoopback is the same over real sockets: the
// test server POSTs to a WebhookHandler served by httptest on 127.0.0.1,
// and WaitReady returns within milliseconds of the webhook although its
// next poll is a minute away.
func TestWaitReadyByWebhookOverLoopback(t *testing.T) {
	n := gameserver.NewReadyNotifier()
	got := make(chan time.Time, 1)
	hook, err := gameserver.WebhookHandler(func(context.Context, gameserver.SessionEvent) error {
		got <- time.Now()
		return nil
	}, gameserver.WithWebhookNotifier(n))
	if err != nil {
		t.Fatal(err)
	}
	receiver := httptest.NewServer(hook)
	defer receiver.Close()
	srv := gameservertest.NewServer(t, gameservertest.WithAPIToken("key"),
		gameservertest.WithReadiness(gameservertest.Readiness{Delay: 50 * time.Millisecond}))
	gc := newClient(t, srv, gameserver.WithPollInterval(time.Minute, time.Minute))

	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	created, err := gc.Sessions.Create(ctx, &gameserver.CreateRequest{
		AppName: "my-game", IPList: []string{"162.254.103.13"}, WebhookURL: receiver.URL + "/hook",
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := gc.Sessions.WaitReady(ctx, created.ID, gameserver.WithReadyNotifier(n))
	done := time.Now()
	if err != nil || !s.Ready {
		t.Fatalf("WaitReady = %+v, %v", s, err)
	}
	arrived := <-got
	if lag := done.Sub(arrived); lag > time.Second {
		t.Errorf("WaitReady returned %s after the webhook, want milliseconds", lag)
	}
	t.Logf("WaitReady returned %s after the webhook arrived", done.Sub(arrived))
}

func countOps(srv *gameservertest.Server, op string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Operation == op {
			n++
		}
	}
	return n
}

// TestReadyNotifierMerge: a per-call WithPollInterval keeps the client's
// notifier, a per-call notifier serves a client without one, and a bad
// notifier fails where it is used, naming the option.
func TestReadyNotifierMerge(t *testing.T) {
	tests := []struct {
		name           string
		clientNotifier bool
		waitOpts       func(n *gameserver.ReadyNotifier) []gameserver.Option
	}{
		{"client notifier, call polling", true, func(*gameserver.ReadyNotifier) []gameserver.Option {
			return []gameserver.Option{gameserver.WithPollInterval(time.Hour, time.Hour)}
		}},
		{"call notifier then call polling", false, func(n *gameserver.ReadyNotifier) []gameserver.Option {
			return []gameserver.Option{gameserver.WithReadyNotifier(n), gameserver.WithPollInterval(time.Hour, time.Hour)}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				n, srv := webhookFed(t)
				opts := []gameserver.Option{gameserver.WithPollInterval(time.Minute, time.Minute)}
				if tt.clientNotifier {
					opts = append(opts, gameserver.WithReadyNotifier(n))
				}
				gc := newClient(t, srv, opts...)
				created, err := gc.Sessions.Create(t.Context(), &gameserver.CreateRequest{
					AppName: "my-game", IPList: []string{"162.254.103.13"}, WebhookURL: "http://127.0.0.1/hook",
				})
				if err != nil {
					t.Fatal(err)
				}
				start := time.Now()
				s, err := gc.Sessions.WaitReady(t.Context(), created.ID, tt.waitOpts(n)...)
				if err != nil || !s.Ready || time.Since(start) != 3*time.Second {
					t.Errorf("WaitReady = %+v, %v after %s; want ready at the webhook, 3s", s, err, time.Since(start))
				}
			})
		})
	}

	var zero gameserver.ReadyNotifier
	gc, err := gameserver.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []gameserver.Option{gameserver.WithReadyNotifier(nil), gameserver.WithReadyNotifier(&zero)} {
		if _, err := gameserver.NewClient(o); !errors.Is(err, gameserver.ErrInvalidArgument) || !strings.Contains(err.Error(), "WithReadyNotifier notifier") {
			t.Errorf("NewClient(%v) = %v", o, err)
		}
		if _, err := gc.Sessions.WaitReady(t.Context(), "s-S", o); !errors.Is(err, gameserver.ErrInvalidArgument) || !strings.Contains(err.Error(), "WithReadyNotifier notifier") {
			t.Errorf("WaitReady(%v) = %v", o, err)
		}
		if got := fmt.Sprint(o); got != "gameserver.WithReadyNotifier(*ReadyNotifier)" {
			t.Errorf("printed as %q", got)
		}
	}
	if got := fmt.Sprintf("%v", gameserver.WithReadyNotifier(gameserver.NewReadyNotifier())); got != "gameserver.WithReadyNotifier(*ReadyNotifier)" {
		t.Errorf("printed as %q", got)
	}
}

// TestReadyNotifierKeepsWhatWaitersNeed: a notifier keeps of an event only
// its short fields, each cut to 128 bytes at a UTF-8 boundary — never the
// body, the users, the deployment or the webhook URL — and ignores an
// event whose session id is longer than 128 bytes.
func TestReadyNotifierKeepsWhatWaitersNeed(t *testing.T) {
	long := strings.Repeat("é", 200) // 2 bytes each: 128 bytes cut in the middle of none
	id128 := strings.Repeat("i", 126) + "-S"
	full := gameserver.SessionEvent{
		Session: gameserver.Session{
			ID: id128, CustomID: "c", Status: "Status.READY", Ready: true, Linked: true, Kind: "Seat", UserCount: 2,
			AppVersionID: 7, CreateTime: time.Now(), Elapsed: time.Second, Error: "x" + long,
			WebhookURL: "https://h/hooks/" + gameserver.NewWebhookToken(),
			Users:      []gameserver.User{{IP: "162.254.103.13"}}, IPs: []gameserver.User{{IP: "162.254.103.13"}},
			Deployment: &gameserver.Deployment{RequestID: "r", Ports: map[string]gameserver.Port{"p": {External: 1}}},
		},
		DeploymentRequestID: "r",
		Full:                true,
		Body:                []byte(`{"session_id":"x"}`),
	}
	want := gameserver.SessionEvent{
		Session: gameserver.Session{ID: id128, CustomID: "c", Status: "Status.READY", Ready: true, Linked: true, Kind: "Seat",
			UserCount: 2, Error: "x" + strings.Repeat("é", 63)},
		DeploymentRequestID: "r",
		Full:                true,
	}
	n := gameserver.NewReadyNotifier()
	n.Notify(full)
	n.Notify(gameserver.SessionEvent{Session: gameserver.Session{ID: id128 + "x", Ready: true}})
	got, err := n.Wait(t.Context(), id128)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kept (-want +got):\n%s", diff)
	}
	if !utf8.ValidString(got.Session.Error) {
		t.Errorf("the cut error is not valid UTF-8: %q", got.Session.Error)
	}
	if got := fmt.Sprint(n); got != "gameserver.ReadyNotifier(1 sessions remembered, 0 waited for)" {
		t.Errorf("printed as %q", got)
	}
}

// TestReadyNotifierTotalBound: however many events, and however large
// their fields, a notifier holds at most DefaultNotifierMemory sessions'
// events, within 8 MiB in all.
func TestReadyNotifierTotalBound(t *testing.T) {
	const maxHeld = 8 << 20
	n := gameserver.NewReadyNotifier()
	big := strings.Repeat("x", 1<<10)
	before := liveHeap()
	for i := range 3 * gameserver.DefaultNotifierMemory {
		id := fmt.Sprintf("%0120d-S", i)
		n.Notify(gameserver.SessionEvent{
			Session:             gameserver.Session{ID: id, CustomID: big, Status: big, Kind: big, Error: big, Ready: true},
			DeploymentRequestID: big,
		})
	}
	held := int64(liveHeap()) - int64(before)
	t.Logf("%d sessions remembered in %d bytes (%d per session)", gameserver.DefaultNotifierMemory, held, held/gameserver.DefaultNotifierMemory)
	if held > maxHeld {
		t.Errorf("the notifier holds %d bytes, want at most %d", held, maxHeld)
	}
	if got, want := fmt.Sprint(n), fmt.Sprintf("gameserver.ReadyNotifier(%d sessions remembered, 0 waited for)", gameserver.DefaultNotifierMemory); got != want {
		t.Errorf("printed as %q, want %q", got, want)
	}
	runtime.KeepAlive(n)
}
