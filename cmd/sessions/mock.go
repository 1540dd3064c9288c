package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/mockserver"
)

// Environment variables "sessions mock" prints the base URLs in, for
// --base-url.
const (
	envMockZendeskURL    = "SESSIONS_MOCK_ZENDESK_URL"
	envMockGameserverURL = "SESSIONS_MOCK_GAMESERVER_URL"
)

// mockShutdownGrace is how long a stopping mock waits for requests in
// flight.
const mockShutdownGrace = 5 * time.Second

// mockFlags are the flags of "sessions mock".
type mockFlags struct {
	zendeskAddr, gameserverAddr string
	stateFile                   string
	seed                        mockSeedFlags
	rateLimit                   int
	clockOffset                 time.Duration
	readyPolls                  int
	readyAfter                  time.Duration
	noWebhooks                  bool
	allowRemoteControl          bool
}

// mockCommand is "sessions mock".
func (a *app) mockCommand() *cobra.Command {
	var f mockFlags
	cmd := &cobra.Command{
		Use:   "mock",
		Short: "Serve stateful, spec-validated mocks of both APIs for any language's tests",
		Long: `Serve the Zendesk and Edgegap fakes over HTTP on 127.0.0.1 until Ctrl-C or
SIGTERM. Every request is authenticated, validated against the API's spec and
answered from state that lives as long as the mock: point any client (or this
command, with --base-url) at the printed URLs with the printed credentials.

The state is seeded from --state FILE (JSON, see the README's "sessions mock"
section) or from the seed flags. Each server has a control API under /__mock
(GET /__mock lists it): dump or replace the state, reset to the seed, inject
faults (a status with Retry-After, a delay, a reset connection), read the
request log, shift the clock. It is refused on a non-loopback address unless
--allow-remote-control is given.

With --json the URLs and credentials are printed as one JSON object.`,
		Example: `  sessions mock
  sessions mock --zendesk 127.0.0.1:8080 --gameserver 127.0.0.1:8081 --state seed.json
  curl -s -X POST "$SESSIONS_MOCK_ZENDESK_URL/__mock/faults" -H 'Content-Type: application/json' \
    -d '{"operation": "ListSessions", "status": 429, "retry_after": 2, "times": 1}'`,
		Args: exactArgs(),
		RunE: action(func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.mockConfig(cmd, &f)
			if err != nil {
				return err
			}
			m, err := mockserver.Start(cmd.Context(), cfg)
			if err != nil {
				return usagef("%s", oneLine(err.Error()))
			}
			if err := a.printMock(m); err != nil {
				_ = m.Shutdown(context.Background())
				return err
			}
			<-cmd.Context().Done()
			ctx, cancel := context.WithTimeout(context.Background(), mockShutdownGrace)
			defer cancel()
			err = m.Shutdown(ctx)
			fmt.Fprintln(a.stderr, "sessions mock: stopped")
			return err
		}),
	}
	fl := cmd.Flags()
	fl.StringVar(&f.zendeskAddr, "zendesk", "127.0.0.1:0", "address of the Zendesk mock (port 0: a free one)")
	fl.StringVar(&f.gameserverAddr, "gameserver", "127.0.0.1:0", "address of the Edgegap mock (port 0: a free one)")
	fl.StringVar(&f.stateFile, "state", "", "seed both mocks from this JSON file instead of the seed flags")
	f.seed.addFlags(cmd)
	fl.IntVar(&f.rateLimit, "rate-limit", 0, "enforce this many Zendesk requests a minute, with 429 and Retry-After (0: report 700, enforce nothing)")
	fl.DurationVar(&f.clockOffset, "clock-offset", 0, "run the mocks' clock this far from the wall clock, e.g. -48h")
	fl.IntVar(&f.readyPolls, "ready-after-polls", 1, "game-server sessions become ready after this many get-session polls (0: on their own)")
	fl.DurationVar(&f.readyAfter, "ready-after", 0, "and no sooner than this long after their creation")
	fl.BoolVar(&f.noWebhooks, "no-webhooks", false, "deliver no game-server webhooks (deliveries are logged as failed)")
	fl.BoolVar(&f.allowRemoteControl, "allow-remote-control", false, "serve the control API on a non-loopback address too")
	return cmd
}

// mockConfig checks the flags and builds the mock's configuration.
func (a *app) mockConfig(cmd *cobra.Command, f *mockFlags) (mockserver.Config, error) {
	cfg := mockserver.Config{
		ZendeskAddr: f.zendeskAddr, GameserverAddr: f.gameserverAddr,
		RateLimit: f.rateLimit, ClockOffset: f.clockOffset,
		NoWebhooks: f.noWebhooks, AllowRemoteControl: f.allowRemoteControl,
	}
	switch {
	case f.rateLimit < 0:
		return cfg, usagef("--rate-limit %d: must be 0 (not enforced) or more", f.rateLimit)
	case f.readyPolls < 0:
		return cfg, usagef("--ready-after-polls %d: must be 0 or more", f.readyPolls)
	case f.readyAfter < 0:
		return cfg, usagef("--ready-after %s: must not be negative", f.readyAfter)
	}
	if cmd.Flags().Changed("ready-after-polls") || cmd.Flags().Changed("ready-after") {
		cfg.Readiness = &gameservertest.Readiness{Polls: f.readyPolls, Delay: f.readyAfter}
	}
	if f.stateFile == "" {
		st, err := f.seed.state(a.now().Add(f.clockOffset))
		cfg.State = st
		return cfg, err
	}
	if changed := f.seed.changed(cmd); changed != "" {
		return cfg, usagef("--state and --%s: the state file gives the whole seed; drop one", changed)
	}
	file, err := os.Open(f.stateFile)
	if err != nil {
		return cfg, usagef("--state: %v", err)
	}
	defer file.Close()
	st, err := mockserver.ParseState(file)
	if err != nil {
		return cfg, usagef("--state %s: %s", f.stateFile, strings.TrimPrefix(err.Error(), "mockserver: "))
	}
	cfg.State = st
	return cfg, nil
}
