package mockserver

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// Config says how to run a mock. The zero Config serves an empty account
// on two free loopback ports.
type Config struct {
	State State // the seed, which POST /__mock/reset goes back to
	// ZendeskAddr and GameserverAddr are the addresses to listen on
	// ("127.0.0.1:8080"); empty means "127.0.0.1:0", a free port.
	ZendeskAddr, GameserverAddr string
	// RateLimit, when above 0, is the Zendesk account's budget of requests
	// a minute, enforced with 429 and Retry-After as Zendesk does.
	RateLimit int
	// ClockOffset shifts the mocks' clock from the wall clock: -48h makes
	// new sessions look two days old. PUT /__mock/clock changes it.
	ClockOffset time.Duration
	// Readiness says when new game-server sessions become ready; nil keeps
	// the fake's default (at the second get-session). With Polls 0 a
	// session becomes ready after Delay on its own, and its webhook is
	// delivered without anyone polling.
	Readiness          *gameservertest.Readiness
	NoWebhooks         bool // deliveries are logged as failed and nothing is posted
	AllowRemoteControl bool // serve the control API off loopback too (else 403)
}

// Server is a running mock: both fakes, each on its own listener.
type Server struct {
	seed       State
	seedOffset time.Duration
	offset     atomic.Int64 // the clock offset, in nanoseconds

	zd *zendesktest.Server
	gs *gameservertest.Server

	zendeskURL, gameserverURL string
	servers                   []*http.Server
	done                      sync.WaitGroup
	closeOnce                 sync.Once
}

// Start starts a mock as cfg says: it listens, seeds both fakes and serves
// them until Shutdown. A seed that cannot work is an error naming what is
// wrong; nothing is left listening then.
func Start(ctx context.Context, cfg Config) (_ *Server, err error) {
	s := &Server{seed: cfg.State, seedOffset: cfg.ClockOffset}
	s.offset.Store(int64(cfg.ClockOffset))
	defer func() {
		if err != nil {
			s.closeFakes()
		}
	}()
	zopts := []zendesktest.Option{zendesktest.WithoutNetwork(), zendesktest.WithClock(s.now)}
	if cfg.RateLimit > 0 {
		zopts = append(zopts, zendesktest.WithRateLimit(cfg.RateLimit))
	}
	if s.zd, err = zendesktest.Start(zopts...); err != nil {
		return nil, fmt.Errorf("mockserver: %w", err)
	} else if err := s.zd.Reset(cfg.State.Zendesk); err != nil {
		return nil, fmt.Errorf("mockserver: zendesk state: %w", err)
	}
	gopts := []gameservertest.Option{gameservertest.WithoutNetwork(), gameservertest.WithClock(s.now)}
	if cfg.Readiness != nil {
		gopts = append(gopts, gameservertest.WithReadiness(*cfg.Readiness))
	}
	if cfg.NoWebhooks {
		gopts = append(gopts, gameservertest.WithWebhookClient(&http.Client{Transport: noWebhooks{}}))
	}
	if s.gs, err = gameservertest.Start(gopts...); err != nil {
		return nil, fmt.Errorf("mockserver: gameserver: %w", err)
	} else if err := s.gs.Reset(cfg.State.Gameserver); err != nil {
		return nil, fmt.Errorf("mockserver: gameserver state: %w", err)
	}
	var ls []net.Listener // zendesk's, the game server's
	for _, a := range [][2]string{{"zendesk", cfg.ZendeskAddr}, {"gameserver", cfg.GameserverAddr}} {
		addr := cmp.Or(a[1], "127.0.0.1:0")
		l, err := new(net.ListenConfig).Listen(ctx, "tcp", addr)
		if err != nil {
			for _, l := range ls {
				_ = l.Close()
			}
			return nil, fmt.Errorf("mockserver: %s address %q: %w", a[0], addr, err)
		}
		ls = append(ls, l)
	}
	zl, gl := ls[0], ls[1]
	s.zendeskURL, s.gameserverURL = "http://"+zl.Addr().String(), "http://"+gl.Addr().String()
	zc := newControl(s, "zendesk", s.zd.Server, s.zd.State, s.zd.Reset, &s.seed.Zendesk)
	gc := newControl(s, "gameserver", s.gs.Server, s.gs.State, s.gs.Reset, &s.seed.Gameserver)
	gc.routes = append(gc.routes, route{http.MethodGet, "/webhooks",
		"the webhooks sent so far, in the order they finished: session_id, url, body, time, status_code, error",
		func(w http.ResponseWriter, _ *http.Request) error {
			out := []webhookJSON{}
			for _, d := range s.gs.Webhooks() {
				out = append(out, webhookJSON{d.SessionID, d.URL, string(d.Body), d.Time.UTC(), d.StatusCode, d.Err})
			}
			return writeJSON(w, http.StatusOK, out)
		}})
	s.serve(zl, guard(zl.Addr(), cfg.AllowRemoteControl, zc, s.zd.Handler()))
	s.serve(gl, guard(gl.Addr(), cfg.AllowRemoteControl, gc, s.gs.Handler()))
	return s, nil
}

// ZendeskURL is the base URL of the Zendesk mock (http://127.0.0.1:41234).
func (s *Server) ZendeskURL() string { return s.zendeskURL }

// GameserverURL is the base URL of the game-server mock.
func (s *Server) GameserverURL() string { return s.gameserverURL }

// Seed returns the state the mock started with.
func (s *Server) Seed() State { return s.seed }

// State returns both fakes' state as it stands now, in the seed's format.
func (s *Server) State() State {
	return State{Zendesk: s.zd.State(), Gameserver: s.gs.State()}
}

// Shutdown stops the mock: injected delays end at once, pending webhooks
// are dropped, and it waits for the requests in flight until ctx ends.
// Calling it again does nothing.
func (s *Server) Shutdown(ctx context.Context) error {
	var err error
	s.closeOnce.Do(func() {
		s.closeFakes()
		for _, hs := range s.servers {
			if e := hs.Shutdown(ctx); e != nil {
				err = errors.Join(err, fmt.Errorf("mockserver: shutting down: %w", e))
				_ = hs.Close()
			}
		}
		s.done.Wait()
	})
	return err
}

// now is the mocks' clock: the wall clock plus the offset.
func (s *Server) now() time.Time { return time.Now().Add(time.Duration(s.offset.Load())) }

func (s *Server) closeFakes() {
	if s.zd != nil {
		s.zd.Close()
	}
	if s.gs != nil {
		s.gs.Close()
	}
}

// serve serves h on l until Shutdown.
func (s *Server) serve(l net.Listener, h http.Handler) {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	s.servers = append(s.servers, hs)
	s.done.Go(func() { _ = hs.Serve(l) })
}

// guard routes ControlPrefix to the control API, anything else to the
// fake, refusing what a web page the user visits could send (see the
// package doc) and, on a listener off loopback, the whole control API
// unless remote control is allowed.
func guard(addr net.Addr, remoteControl bool, control, api http.Handler) http.Handler {
	host, port, _ := net.SplitHostPort(addr.String())
	loopback := fakeapi.Loopback(host)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, p, err := net.SplitHostPort(r.Host)
		if err != nil {
			h, p = r.Host, "80"
		}
		if loopback && (p != port || !fakeapi.Loopback(h)) {
			writeError(w, http.StatusMisdirectedRequest, fmt.Sprintf("host %q: this mock answers only its own loopback address and port %s", r.Host, port))
			return
		}
		if r.URL.Path != ControlPrefix && !strings.HasPrefix(r.URL.Path, ControlPrefix+"/") {
			api.ServeHTTP(w, r)
			return
		}
		if !loopback && !remoteControl {
			writeError(w, http.StatusForbidden, "the control API is off on a non-loopback listen address; start the mock with --allow-remote-control (Config.AllowRemoteControl) to serve it there")
			return
		}
		if err := sameSite(r); err != nil {
			writeError(w, http.StatusForbidden, err.Error())
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "" || r.ContentLength > 0 {
			if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: the control API takes application/json only", ct))
				return
			}
		}
		control.ServeHTTP(w, r)
	})
}

// sameSite refuses a request a browser marks as cross-site, or whose
// Origin is not a loopback one.
func sameSite(r *http.Request) error {
	if strings.EqualFold(r.Header.Get("Sec-Fetch-Site"), "cross-site") {
		return errors.New("a cross-site request (Sec-Fetch-Site: cross-site) may not use the control API")
	}
	origin := r.Header.Get("Origin")
	u, err := url.Parse(origin)
	if origin == "" || err == nil && (u.Scheme == "http" || u.Scheme == "https") && fakeapi.Loopback(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("origin %q: only pages on a loopback address may use the control API", origin)
}

// noWebhooks is the webhook transport of a mock without webhook delivery.
type noWebhooks struct{}

func (noWebhooks) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_ = r.Body.Close()
	}
	return nil, errors.New("mockserver: webhook delivery is off (--no-webhooks)")
}
