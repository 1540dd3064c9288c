package gameserver_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// serveWebhooks serves h on 127.0.0.1 from an http.Server with read
// timeouts, as WebhookHandler's documentation asks, and returns its URL.
func serveWebhooks(t *testing.T, h http.Handler, readTimeout time.Duration) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: readTimeout, ReadTimeout: readTimeout, MaxHeaderBytes: 16 << 10}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln)
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		<-done
	})
	return "http://" + ln.Addr().String()
}

// floodBody is a decisive webhook body for session id padded to about
// size bytes, in one of several shapes that make a decoded event large.
func floodBody(kind int, id string, size int) []byte {
	var b bytes.Buffer
	pad := func(budget int) string { return strings.Repeat("x", max(0, size-budget)) }
	switch kind % 6 {
	case 0: // a huge error
		fmt.Fprintf(&b, `{"session_id":%q,"status":"Error","error":"%s"}`, id, pad(80))
	case 1: // a huge status on a linked session
		fmt.Fprintf(&b, `{"session_id":%q,"linked":true,"status":"Ready%s"}`, id, pad(80))
	case 2: // many users
		fmt.Fprintf(&b, `{"session_id":%q,"ready":true,"linked":true,"session_users":[`, id)
		for b.Len() < size-40 {
			b.WriteString(`{"ip":"162.254.103.13"},`)
		}
		b.WriteString(`{"ip":"1.1.1.1"}]}`)
	case 3: // a huge unknown field
		fmt.Fprintf(&b, `{"session_id":%q,"ready":true,"padding":"%s"}`, id, pad(80))
	case 4: // a huge webhook URL and custom id
		fmt.Fprintf(&b, `{"session_id":%q,"ready":true,"custom_id":"%s","webhook_url":"https://h/%s"}`, id, pad(size/2+60), pad(size/2+60))
	case 5: // a deployment with many ports
		fmt.Fprintf(&b, `{"session_id":%q,"ready":true,"deployment":{"request_id":"r","public_ip":"203.0.113.1","status":"Status.READY","ready":true,"whitelisting_active":false,"fqdn":"f","ports":{`, id)
		for i := 0; b.Len() < size-60; i++ {
			fmt.Fprintf(&b, `"p%d":{"external":31504,"internal":7777,"protocol":"UDP"},`, i)
		}
		b.WriteString(`"last":{}}}}`)
	}
	return b.Bytes()
}

// liveHeap is the heap still in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestWebhookFloodHeap: 300 unauthenticated webhooks of 1 MiB each, every
// one decisive for a distinct session and shaped to decode large, posted
// over loopback to a handler feeding a notifier, grow the live heap by at
// most 16 MiB; the notifier still answers for them.
func TestWebhookFloodHeap(t *testing.T) {
	const (
		hooks   = 300
		size    = gameserver.DefaultWebhookMaxBytes - 64
		maxGrow = 16 << 20
	)
	n := gameserver.NewReadyNotifier()
	hook, err := gameserver.WebhookHandler(n.Handle) // no token: anyone may post
	if err != nil {
		t.Fatal(err)
	}
	url := serveWebhooks(t, hook, 10*time.Second) + "/hook"
	tr := &http.Transport{MaxIdleConnsPerHost: 4}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	before := liveHeap()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, hooks)
	for range 4 {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < hooks; i = int(next.Add(1)) - 1 {
				body := floodBody(i, fmt.Sprintf("flood%d-S", i), size)
				resp, err := client.Post(url, "application/json", bytes.NewReader(body))
				if err != nil {
					errs <- err
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
				if resp.StatusCode != http.StatusNoContent {
					errs <- fmt.Errorf("webhook %d (%d bytes): status %d", i, len(body), resp.StatusCode)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	tr.CloseIdleConnections()
	after := liveHeap()
	grew := int64(after) - int64(before)
	t.Logf("%d webhooks of %d bytes: live heap %d -> %d bytes (%+d)", hooks, size, before, after, grew)
	if grew > maxGrow {
		t.Errorf("the live heap grew by %d bytes, want at most %d", grew, maxGrow)
	}

	// The notifier kept what a waiter needs of each.
	for _, i := range []int{0, 1, 2, hooks - 1} {
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		ev, err := n.Wait(ctx, fmt.Sprintf("flood%d-S", i))
		cancel()
		if err != nil || !(ev.Linked() || ev.Failed()) || ev.Body != nil || ev.Session.WebhookURL != "" || len(ev.Session.Users) != 0 ||
			ev.Session.Deployment != nil || len(ev.Session.Status) > 128 || len(ev.Session.Error) > 128 || len(ev.Session.CustomID) > 128 {
			t.Errorf("flood%d-S: kept %d-byte status, %d-byte error, body %d bytes, %d users (%v)",
				i, len(ev.Session.Status), len(ev.Session.Error), len(ev.Body), len(ev.Session.Users), err)
		}
	}
	runtime.KeepAlive(n)
}

// TestWebhookFloodPolls: 400 forged decisive webhooks for a session within
// a second make a waiter polling every 10 s send at most 5 get-session
// requests (counted at the test server), and they do not keep it from
// seeing the real webhook when the session does become ready.
func TestWebhookFloodPolls(t *testing.T) {
	tests := []struct {
		name      string
		readyIn   time.Duration // when the session really is ready; 0: not within the wait
		wantReady time.Duration // when WaitReady returns ready; 0: it times out
		maxPolls  int
	}{
		{"never ready", 0, 0, 5},
		{"ready at 5s", 5 * time.Second, 5 * time.Second, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				n := gameserver.NewReadyNotifier()
				hook, err := gameserver.WebhookHandler(n.Handle)
				if err != nil {
					t.Fatal(err)
				}
				delay := tt.readyIn
				if delay == 0 {
					delay = time.Hour
				}
				srv := gameservertest.NewServer(t, gameservertest.WithAPIToken("key"), gameservertest.WithoutNetwork(),
					gameservertest.WithClock(time.Now), gameservertest.WithWebhookClient(inProcess(hook)),
					gameservertest.WithReadiness(gameservertest.Readiness{Delay: delay}))
				gc := newClient(t, srv, gameserver.WithPollInterval(10*time.Second, 10*time.Second), gameserver.WithReadyNotifier(n))
				created, err := gc.Sessions.Create(t.Context(), &gameserver.CreateRequest{
					AppName: "my-game", IPList: []string{"162.254.103.13"}, WebhookURL: "http://127.0.0.1/hook",
				})
				if err != nil {
					t.Fatal(err)
				}
				start := time.Now()
				forged := make(chan int, 1)
				go func() {
					accepted := 0
					for i := range 400 {
						body := fmt.Sprintf(`{"session_id":%q,"status":"Ready","ready":true,"linked":true}`, created.ID)
						if i%2 == 1 {
							body = fmt.Sprintf(`{"session_id":%q,"status":"Unprocessable","error":"forged"}`, created.ID)
						}
						rec := httptest.NewRecorder()
						hook.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(body)))
						if rec.Code == http.StatusNoContent {
							accepted++
						}
						time.Sleep(time.Second / 400)
					}
					forged <- accepted
				}()
				ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
				defer cancel()
				s, err := gc.Sessions.WaitReady(ctx, created.ID)
				took := time.Since(start)
				if accepted := <-forged; accepted != 400 {
					t.Errorf("%d of 400 forged webhooks accepted", accepted)
				}
				polls := countOps(srv, "get-session")
				if polls > tt.maxPolls {
					t.Errorf("%d get-session requests, want at most %d", polls, tt.maxPolls)
				}
				if tt.wantReady == 0 {
					var werr *gameserver.WaitError
					if !errors.As(err, &werr) || !errors.Is(err, context.DeadlineExceeded) || werr.Polls != polls {
						t.Errorf("WaitReady = %+v, %v; want a *WaitError matching DeadlineExceeded with %d polls", s, err, polls)
					}
				} else if err != nil || !s.Ready || took != tt.wantReady {
					t.Errorf("WaitReady = %+v, %v after %s; want ready after %s", s, err, took, tt.wantReady)
				}
				t.Logf("%d get-session requests in %s", polls, took)
			})
		})
	}
}

// TestWebhookPollSpacing pins when the polls a flood of forged webhooks
// brings forward are made, polling from 250 ms: no sooner than a gap
// after the previous poll, the gap starting at 250 ms and doubling with
// each such poll while it is shorter than the pause it cuts.
func TestWebhookPollSpacing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := gameserver.NewReadyNotifier()
		hook, err := gameserver.WebhookHandler(n.Handle)
		if err != nil {
			t.Fatal(err)
		}
		srv := gameservertest.NewServer(t, gameservertest.WithAPIToken("key"), gameservertest.WithoutNetwork(),
			gameservertest.WithClock(time.Now), gameservertest.WithReadiness(gameservertest.Readiness{Delay: time.Hour}))
		gc := newClient(t, srv, gameserver.WithPollInterval(250*time.Millisecond, 10*time.Second), gameserver.WithReadyNotifier(n))
		created, err := gc.Sessions.Create(t.Context(), &gameserver.CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
		defer cancel()
		flooded := make(chan struct{})
		go func() {
			defer close(flooded)
			body := fmt.Sprintf(`{"session_id":%q,"status":"Ready","ready":true,"linked":true}`, created.ID)
			for ctx.Err() == nil {
				hook.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(body)))
				time.Sleep(10 * time.Millisecond)
			}
		}()
		_, err = gc.Sessions.WaitReady(ctx, created.ID)
		<-flooded
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("WaitReady: %v, want the deadline", err)
		}
		var polls []time.Duration
		for _, r := range srv.Requests() {
			if r.Operation == "get-session" {
				polls = append(polls, r.Time.Sub(start))
			}
		}
		want := []time.Duration{0, 250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}
		if diff := cmp.Diff(want, polls); diff != "" {
			t.Errorf("get-session times (-want +got):\n%s", diff)
		}
	})
}

// TestWebhookHandlerHostileBodies: bodies that do not decode, are too large
// or are huge in one field end in a 400 or 413 whose message names the
// problem in a few words, quotes nothing of the body, and never reach fn;
// DecodeSessionEvent returns a *WebhookBodyError for each that decodes to
// no event.
func TestWebhookHandlerHostileBodies(t *testing.T) {
	const token = "TOKENTOKENTOKENTOKEN"
	big := strings.Repeat("9", 1<<19)
	tests := []struct {
		name       string
		body       string
		chunked    bool
		wantStatus int
		wantMsg    string
	}{
		{"empty", "", false, 400, "invalid JSON"},
		{"truncated", `{"session_id":"a-S","webhook_url":"https://h/` + token, false, 400, "invalid JSON"},
		{"not UTF-8 JSON", "\xff\xfe{}", false, 400, "invalid JSON"},
		{"a string", `"` + token + `"`, false, 400, `the body is a JSON string, want an object`},
		{"wrong field type", `{"session_id":"a-S","webhook_url":"https://h/` + token + `","ready":"` + token + `"}`, false, 400, `field "ready" is a JSON string, want a boolean`},
		{"huge integer", `{"session_id":"a-S","user_count":` + big + `}`, false, 400, `field "user_count" is a JSON number, want an integer in range`},
		{"huge exponent", `{"session_id":"a-S","elapsed":1e999999}`, false, 400, `field "elapsed" is a JSON number`},
		{"deep nesting", `{"session_id":"a-S","x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`, false, 400, "exceeded max depth"},
		{"no session_id", `{"ready":true,"webhook_url":"https://h/` + token + `"}`, false, 400, "no session_id"},
		{"too large", `{"session_id":"a-S","error":"` + strings.Repeat("x", gameserver.DefaultWebhookMaxBytes) + `"}`, false, 413, "too large"},
		{"too large, chunked", `{"session_id":"a-S","error":"` + strings.Repeat("x", gameserver.DefaultWebhookMaxBytes) + `"}`, true, 413, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			h, err := gameserver.WebhookHandler(func(context.Context, gameserver.SessionEvent) error {
				called = true
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var body io.Reader = strings.NewReader(tt.body)
			if tt.chunked {
				body = struct{ io.Reader }{body}
			}
			req := httptest.NewRequest(http.MethodPost, "/hook", body)
			if tt.chunked {
				req.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			msg := rec.Body.String()
			if rec.Code != tt.wantStatus || called || !strings.Contains(msg, tt.wantMsg) || len(msg) > 200 || strings.Contains(msg, token) {
				t.Errorf("status %d, fn called %v, answer %.300q; want %d with a short answer containing %q, quoting nothing",
					rec.Code, called, msg, tt.wantStatus, tt.wantMsg)
			}
			if tt.wantStatus != 400 {
				return
			}
			_, err = gameserver.DecodeSessionEvent([]byte(tt.body))
			if _, ok := errors.AsType[*gameserver.WebhookBodyError](err); !ok || strings.Contains(err.Error(), token) {
				t.Errorf("DecodeSessionEvent: %v, want a *WebhookBodyError without the body", err)
			}
		})
	}
}

// TestWebhookHandlerTrickledBody: a body trickled in a byte at a time
// behind a Content-Length of 1 MiB is cut off by the server's ReadTimeout:
// the connection ends (with a 400 when the answer gets through) long
// before the body would have been sent, and fn is not called.
func TestWebhookHandlerTrickledBody(t *testing.T) {
	var called atomic.Bool
	h, err := gameserver.WebhookHandler(func(context.Context, gameserver.SessionEvent) error {
		called.Store(true)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	url := serveWebhooks(t, h, 300*time.Millisecond)
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{", 1<<20)
	answer := make(chan *http.Response, 1)
	go func() {
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
			t.Error("the server neither answered nor closed the connection within 30 s")
		}
		if err != nil {
			resp = nil // the server closed the connection without an answer
		}
		answer <- resp
	}()
	ticker := time.NewTicker(20 * time.Millisecond)
	defer ticker.Stop()
	sent := 1
	for {
		select {
		case resp := <-answer:
			if resp != nil && resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400", resp.StatusCode)
			}
			if called.Load() {
				t.Error("fn was called for a trickled body")
			}
			t.Logf("cut off after %d bytes of body (answer %v)", sent, resp != nil)
			return
		case <-ticker.C:
			if _, err := conn.Write([]byte(" ")); err != nil {
				continue // the server is closing: its answer, or EOF, follows
			}
			sent++
		}
	}
}
