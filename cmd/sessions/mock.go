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
	"github.com/sessionkit/sessions/api/zendesktest"
)

// Environment variables "sessions mock" prints the base URLs in, for --base-url.
const (
	envMockZendeskURL    = "SESSIONS_MOCK_ZENDESK_URL"
	envMockGameserverURL = "SESSIONS_MOCK_GAMESERVER_URL"
)

// mockShutdownGrace is how long a stopping mock (or proxy) waits for requests in flight.
const mockShutdownGrace = 5 * time.Second

// The credentials of the mock's default seed. They are not secrets: the
// mock accepts them and nothing else does.
const (
	mockAdminEmail    = "admin@example.com"
	mockZendeskToken  = "mock-zendesk-token"
	mockOAuthClientID = "mock-client"
	mockOAuthSecret   = "mock-secret"
	mockEdgegapToken  = "mock-edgegap-token"
	mockSubdomain     = "mock"
)

// mockSeed are the seed flags of "sessions mock", which --state replaces.
type mockSeed struct {
	users, perUser, idle int
	idleAge              time.Duration
	app                  string
}

func (a *app) mockCommand() *cobra.Command {
	var (
		cfg       mockserver.Config
		stateFile string
		seed      mockSeed
		ready     gameservertest.Readiness
	)
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
		Args: posArgs(),
		RunE: action(func(cmd *cobra.Command, _ []string) error {
			switch {
			case cfg.RateLimit < 0:
				return usagef("--rate-limit %d: must be 0 (not enforced) or more", cfg.RateLimit)
			case ready.Polls < 0:
				return usagef("--ready-after-polls %d: must be 0 or more", ready.Polls)
			case ready.Delay < 0:
				return usagef("--ready-after %s: must not be negative", ready.Delay)
			}
			if cmd.Flags().Changed("ready-after-polls") || cmd.Flags().Changed("ready-after") {
				cfg.Readiness = &ready
			}
			var err error
			if cfg.State, err = a.mockState(cmd, stateFile, seed, cfg.ClockOffset); err != nil {
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
	fl.StringVar(&cfg.ZendeskAddr, "zendesk", "127.0.0.1:0", "address of the Zendesk mock (port 0: a free one)")
	fl.StringVar(&cfg.GameserverAddr, "gameserver", "127.0.0.1:0", "address of the Edgegap mock (port 0: a free one)")
	fl.StringVar(&stateFile, "state", "", "seed both mocks from this JSON file instead of the seed flags")
	fl.IntVar(&seed.users, "users", 3, "seed: Zendesk end users besides the admin (user 1)")
	fl.IntVar(&seed.perUser, "sessions-per-user", 2, "seed: sessions of each end user")
	fl.IntVar(&seed.idle, "idle-sessions", 1, "seed: how many of each end user's sessions are idle")
	fl.DurationVar(&seed.idleAge, "idle-age", 60*24*time.Hour, "seed: how long ago idle sessions were last seen")
	fl.StringVar(&seed.app, "app", "mock-game", "seed: the Edgegap app (version v1) sessions can be created for")
	fl.IntVar(&cfg.RateLimit, "rate-limit", 0, "enforce this many Zendesk requests a minute, with 429 and Retry-After (0: report 700, enforce nothing)")
	fl.DurationVar(&cfg.ClockOffset, "clock-offset", 0, "run the mocks' clock this far from the wall clock, e.g. -48h")
	fl.IntVar(&ready.Polls, "ready-after-polls", 1, "game-server sessions become ready after this many get-session polls (0: on their own)")
	fl.DurationVar(&ready.Delay, "ready-after", 0, "and no sooner than this long after their creation")
	fl.BoolVar(&cfg.NoWebhooks, "no-webhooks", false, "deliver no game-server webhooks (deliveries are logged as failed)")
	fl.BoolVar(&cfg.AllowRemoteControl, "allow-remote-control", false, "serve the control API on a non-loopback address too")
	return cmd
}

// mockState is the mock's seed: the state file, or else the default seed
// shaped by the seed flags at the mock's clock: an admin with an API token,
// an OAuth client acting as the admin, end users with active and idle
// sessions, an Edgegap API key and one app.
func (a *app) mockState(cmd *cobra.Command, stateFile string, s mockSeed, clockOffset time.Duration) (mockserver.State, error) {
	if stateFile != "" {
		for _, name := range []string{"users", "sessions-per-user", "idle-sessions", "idle-age", "app"} {
			if cmd.Flags().Changed(name) {
				return mockserver.State{}, usagef("--state and --%s: the state file gives the whole seed; drop one", name)
			}
		}
		file, err := os.Open(stateFile)
		if err != nil {
			return mockserver.State{}, usagef("--state: %v", err)
		}
		defer file.Close()
		st, err := mockserver.ParseState(file)
		if err != nil {
			return st, usagef("--state %s: %s", stateFile, strings.TrimPrefix(err.Error(), "mockserver: "))
		}
		return st, nil
	}
	switch {
	case s.users < 0:
		return mockserver.State{}, usagef("--users %d: must be 0 or more", s.users)
	case s.perUser < 0:
		return mockserver.State{}, usagef("--sessions-per-user %d: must be 0 or more", s.perUser)
	case s.idle < 0 || s.idle > s.perUser:
		return mockserver.State{}, usagef("--idle-sessions %d: must be from 0 to --sessions-per-user (%d)", s.idle, s.perUser)
	case s.idleAge <= 0:
		return mockserver.State{}, usagef("--idle-age %s: must be positive", s.idleAge)
	case s.app == "":
		return mockserver.State{}, usagef("--app: must not be empty")
	}
	now := a.now().Add(clockOffset).UTC().Truncate(time.Second)
	z := mockserver.ZendeskState{
		Users:        []zendesktest.User{{ID: 1, Email: mockAdminEmail, Role: "admin", APIToken: mockZendeskToken}},
		Sessions:     []zendesktest.Session{{UserID: 1, AuthenticatedAt: now.Add(-time.Hour), LastSeenAt: now}},
		OAuthClients: []zendesktest.OAuthClient{{ID: mockOAuthClientID, Secret: mockOAuthSecret, UserID: 1}},
	}
	for i := range s.users {
		id := int64(i + 2)
		z.Users = append(z.Users, zendesktest.User{ID: id, Email: fmt.Sprintf("user%d@example.com", id), Role: "end-user"})
		for j := range s.perUser {
			seen := now.Add(-time.Duration(j+1) * time.Minute)
			if j < s.idle {
				seen = now.Add(-s.idleAge - time.Duration(j)*time.Hour)
			}
			z.Sessions = append(z.Sessions, zendesktest.Session{UserID: id, AuthenticatedAt: seen.Add(-time.Hour), LastSeenAt: seen})
		}
	}
	g := mockserver.GameserverState{
		APITokens: []string{mockEdgegapToken},
		Apps:      []gameservertest.App{{Name: s.app, Versions: []gameservertest.AppVersion{{Name: "v1"}}}},
	}
	return mockserver.State{Zendesk: z, Gameserver: g}, nil
}
