package main

import (
	"github.com/sessionkit/sessions/api/gameservertest"

	"github.com/sessionkit/sessions/api/zendesktest"

	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/api/mockserver"
)

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

// mockSeedFlags shape the default seed of "sessions mock".
type mockSeedFlags struct {
	users, perUser, idle int
	idleAge              time.Duration
	app                  string
}

// mockSeedFlagNames are the seed flags, which --state replaces.
var mockSeedFlagNames = [...]string{"users", "sessions-per-user", "idle-sessions", "idle-age", "app"}

func (s *mockSeedFlags) addFlags(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.IntVar(&s.users, "users", 3, "seed: Zendesk end users besides the admin (user 1)")
	fl.IntVar(&s.perUser, "sessions-per-user", 2, "seed: sessions of each end user")
	fl.IntVar(&s.idle, "idle-sessions", 1, "seed: how many of each end user's sessions are idle")
	fl.DurationVar(&s.idleAge, "idle-age", 60*24*time.Hour, "seed: how long ago idle sessions were last seen")
	fl.StringVar(&s.app, "app", "mock-game", "seed: the Edgegap app (version v1) sessions can be created for")
}

// changed names a seed flag given on the command line, or "".
func (s *mockSeedFlags) changed(cmd *cobra.Command) string {
	for _, name := range mockSeedFlagNames {
		if cmd.Flags().Changed(name) {
			return name
		}
	}
	return ""
}

// state builds the default seed at now: an admin with an API token, an
// OAuth client acting as the admin, end users with active and idle
// sessions, an Edgegap API key and one app.
func (s *mockSeedFlags) state(now time.Time) (mockserver.State, error) {
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
	now = now.UTC().Truncate(time.Second)
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
