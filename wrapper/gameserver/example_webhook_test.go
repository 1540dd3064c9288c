package gameserver_test

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// A webhook receiver that feeds a ReadyNotifier, so that Create with
// WithWaitReady returns as soon as the API says the session is linked
// instead of at its next poll.
func ExampleWebhookHandler() {
	notifier := gameserver.NewReadyNotifier()
	token := gameserver.NewWebhookToken() // keep it secret: it is the URL's only protection
	hook, err := gameserver.WebhookHandler(func(ctx context.Context, ev gameserver.SessionEvent) error {
		// Keep this short: the API waits for the answer. Duplicates can
		// happen, so make it idempotent.
		fmt.Println("webhook:", ev.Session.Status, ev.Linked())
		return nil
	}, gameserver.WithWebhookToken(token), gameserver.WithWebhookNotifier(notifier))
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("POST /hooks/edgegap/", hook)
	receiver := httptest.NewServer(mux) // in production: your own HTTPS server
	defer receiver.Close()

	// The test server posts webhooks as the API does (to loopback URLs only).
	srv := gameservertest.NewServer(nil, gameservertest.WithAPIToken("my-api-key"),
		gameservertest.WithReadiness(gameservertest.Readiness{Delay: 20 * time.Millisecond}))
	defer srv.Close()
	gc, err := gameserver.NewClient(gameserver.WithAPIToken("my-api-key"), gameserver.WithBaseURL(srv.URL),
		gameserver.WithReadyNotifier(notifier), // polling stays the fallback
		gameserver.WithPollInterval(5*time.Second, 30*time.Second))
	if err != nil {
		log.Fatal(err)
	}
	defer gc.CloseIdleConnections()

	created, err := gc.Sessions.Create(context.Background(), &gameserver.CreateRequest{
		AppName:    "my-game",
		IPList:     []string{"162.254.103.13"},
		WebhookURL: receiver.URL + "/hooks/edgegap/" + token,
	}, gameserver.WithWaitReady())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("ready:", created.Ready.Ready, created.Ready.Deployment != nil)
	// Output:
	// webhook: Ready true
	// ready: true true
}

// Waiting on the notifier alone, without polling: the event is what the
// webhook said, so confirm with Get when it matters.
func ExampleReadyNotifier_Wait() {
	n := gameserver.NewReadyNotifier()
	hook, err := gameserver.WebhookHandler(n.Handle)
	if err != nil {
		log.Fatal(err)
	}
	// A delivery, as the API makes it.
	go func() {
		req := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(
			`{"session_id":"950dd2eaff09-S","status":"Ready","ready":true,"linked":true,"kind":"Seat","user_count":1,"deployment_request_id":"9f511e17a5a5"}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		hook.ServeHTTP(rec, req)
	}()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ev, err := n.Wait(ctx, "950dd2eaff09-S")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ev.Session.ID, ev.Linked(), ev.Failed(), ev.DeploymentRequestID)
	// Output: 950dd2eaff09-S true false 9f511e17a5a5
}

// Serving the handler: anyone can reach a webhook URL, so serve it from an
// http.Server that bounds how long a client may take over its headers and
// body, and how large its headers may be. http.ListenAndServe sets none of
// these.
func ExampleWebhookHandler_server() {
	n := gameserver.NewReadyNotifier()
	token := gameserver.NewWebhookToken()
	hook, err := gameserver.WebhookHandler(n.Handle, gameserver.WithWebhookToken(token))
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("POST /hooks/edgegap/", hook)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,  // a client trickling its headers is cut off
		ReadTimeout:       10 * time.Second, // ... and one trickling its body (the API gives up after 10 s)
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0") // in production: srv.ListenAndServeTLS(...)
	if err != nil {
		log.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	fmt.Println(hook) // never its token

	// A delivery, as the API makes it.
	webhookURL := "http://" + ln.Addr().String() + "/hooks/edgegap/" + token
	resp, err := http.Post(webhookURL, "application/json", strings.NewReader(
		`{"session_id":"950dd2eaff09-S","status":"Ready","ready":true,"linked":true,"kind":"Seat","user_count":1}`))
	if err != nil {
		log.Fatal(err)
	}
	_ = resp.Body.Close()
	fmt.Println(resp.StatusCode)

	ev, err := n.Wait(context.Background(), "950dd2eaff09-S")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ev.Session.ID, ev.Linked())
	// Output:
	// gameserver.WebhookHandler(token [REDACTED], max 1048576 bytes, 0 notifiers)
	// 204
	// 950dd2eaff09-S true
}
