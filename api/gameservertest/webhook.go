package gameservertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// WebhookTimeout is how long the server waits for a webhook receiver's
// answer, as the real service does, before giving up. Webhooks are never
// retried.
const WebhookTimeout = 10 * time.Second

// WebhookDelivery is one webhook the server sent, or refused to send, to a
// session's webhook_url when the session became linked or failed.
type WebhookDelivery struct {
	// SessionID and URL are the session's id and webhook_url.
	SessionID, URL string
	// Body is the JSON body sent: the session's list-sessions fields, the
	// body observed from the live service.
	Body []byte
	// Time is when it was sent, by the server's clock.
	Time time.Time
	// StatusCode is the receiver's answer; 0 when there was none.
	StatusCode int
	// Err says why there was no answer: the URL is not on a loopback
	// address (the server posts nowhere else), the receiver did not answer
	// within WebhookTimeout, the server was closed... "" when it answered.
	Err string
}

// Webhooks returns the webhooks sent so far, in the order they finished.
func (s *Server) Webhooks() []WebhookDelivery {
	h := s.st.hooks
	return fakeapi.Locked(&h.mu, func() []WebhookDelivery { return slices.Clone(h.log) })
}

// webhooks sends each session's webhook once: when it becomes linked or fails.
type webhooks struct {
	client *http.Client
	encode func(any) ([]byte, error) // a session's body, as the API sends it (set by wrap)
	ctx    context.Context           // cancelled by close: the posts in flight end
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.Mutex
	closed bool
	// timers are the readiness delays running, by session: each ends when
	// it fires, or when its session goes (prune).
	timers map[*session]*time.Timer
	log    []WebhookDelivery
}

// loopbackClient is an HTTP client that connects to loopback addresses
// only, whatever a host name resolves to, and follows no redirect.
func loopbackClient() *http.Client {
	d := &net.Dialer{Timeout: WebhookTimeout, Control: func(_, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		if !fakeapi.Loopback(host) {
			return fmt.Errorf("gameservertest: webhook address %s is not a loopback address", address)
		}
		return nil
	}}
	return &http.Client{
		Transport:     &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// schedule makes a session with a webhook advance on its own after its
// readiness delay when readiness needs no polls, so that its webhook goes
// out without anyone polling. The store's lock is held.
func (h *webhooks) schedule(st *store, s *session) {
	if s.WebhookURL == "" || st.readiness.Polls > 0 {
		return
	}
	delay := max(0, st.readiness.Delay-st.now().Sub(s.CreateTime))
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.timers[s] = time.AfterFunc(delay, func() {
		st.Lock()
		defer st.Unlock()
		h.mu.Lock()
		delete(h.timers, s)
		h.mu.Unlock()
		if st.sessions[s.ID] == s {
			st.advance(s, st.now())
		}
	})
}

// prune stops the readiness timers of sessions the store no longer holds
// (deleted, or replaced by Reset). The store's lock is held.
func (h *webhooks) prune(st *store) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s, t := range h.timers {
		if st.sessions[s.ID] != s {
			t.Stop()
			delete(h.timers, s)
		}
	}
}

// due sends a session's webhook, once, now that it is linked or failed.
// The store's lock is held; the POST happens in the background.
func (h *webhooks) due(s *session, now time.Time) {
	if s.WebhookURL == "" {
		return
	}
	body, err := h.encode(wireContext(s))
	if err != nil {
		return // a session always encodes
	}
	d := WebhookDelivery{SessionID: s.ID, URL: s.WebhookURL, Body: body, Time: now}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		d.Err = "the server was closed"
		h.log = append(h.log, d)
		return
	}
	h.wg.Go(func() {
		d.StatusCode, d.Err = h.post(d.URL, body)
		h.mu.Lock()
		h.log = append(h.log, d)
		h.mu.Unlock()
	})
}

// post sends one webhook and returns the receiver's status, or why there
// was none.
func (h *webhooks) post(target string, body []byte) (int, string) {
	u, err := url.Parse(target)
	switch {
	case err != nil:
		return 0, fmt.Sprintf("gameservertest: webhook URL %q: %v", target, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return 0, fmt.Sprintf("gameservertest: webhook URL %q is not http or https", target)
	case !fakeapi.Loopback(u.Hostname()):
		return 0, fmt.Sprintf("gameservertest: refusing to post a webhook to %q: "+
			"only loopback hosts are posted to", target)
	}
	ctx, cancel := context.WithTimeout(h.ctx, WebhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "gameservertest-webhook")
	resp, err := h.client.Do(req)
	if err != nil {
		switch {
		case h.ctx.Err() != nil:
			return 0, "the server was closed: " + err.Error()
		case errors.Is(err, context.DeadlineExceeded):
			return 0, fmt.Sprintf("no answer within %s: %v", WebhookTimeout, err)
		}
		return 0, err.Error()
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	_ = resp.Body.Close()
	return resp.StatusCode, ""
}

// Stop drops the webhooks of the store not sent yet and ends those in
// flight: Server.Close calls it first.
func (st *store) Stop() { st.hooks.close() }

// close drops the webhooks not sent yet, ends those in flight (each is
// logged with why) and waits for them. Calling it again is harmless.
func (h *webhooks) close() {
	h.mu.Lock()
	h.closed = true
	h.cancel()
	for _, t := range h.timers {
		t.Stop()
	}
	clear(h.timers)
	h.mu.Unlock()
	h.wg.Wait()
}
