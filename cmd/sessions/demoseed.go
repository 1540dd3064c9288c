package main

import (
	"fmt"
	"time"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// The demo account's credentials, accepted only by the in-memory servers.
const (
	demoAdminEmail   = "admin@demo.example"
	demoZendeskToken = "demo-zendesk-token"
	demoEdgegapToken = "demo-edgegap-token"
)

// The demo's Zendesk data: an admin (user 1) with one session, and users
// 1001 to 1005 with demoSessionsPerUser sessions each, the first ones idle
// for 60 days. Session ids are 10000000000 + user*10 + n: above 2^31, as
// Zendesk's are.
const (
	demoAdminID         int64 = 1
	demoFirstUser       int64 = 1001
	demoUsers                 = 5
	demoSessionsPerUser       = 5
	demoSessionIDBase   int64 = 10_000_000_000
	demoAdminSessionID        = demoSessionIDBase + 10
	demoIdleDays              = 60
)

// demoSessionID is the id of user's n-th demo session (n from 1).
func demoSessionID(user int64, n int) int64 { return demoSessionIDBase + user*10 + int64(n) }

// zendeskDemoOptions seeds the demo account at now.
func zendeskDemoOptions(now func() time.Time) []zendesktest.Option {
	t := now().UTC().Truncate(time.Second)
	users := []zendesktest.User{{ID: demoAdminID, Email: demoAdminEmail, Role: zendesktest.RoleAdmin, APIToken: demoZendeskToken}}
	sessions := []zendesktest.Session{{ID: demoAdminSessionID, UserID: demoAdminID, AuthenticatedAt: t.Add(-time.Hour), LastSeenAt: t.Add(-time.Minute)}}
	for u := range int64(demoUsers) {
		id := demoFirstUser + u
		users = append(users, zendesktest.User{ID: id, Email: fmt.Sprintf("user%d@demo.example", id), Role: zendesktest.RoleEndUser})
		for n := 1; n <= demoSessionsPerUser; n++ {
			seen := t.Add(-time.Duration(n) * time.Hour)
			if n == 1 {
				seen = t.Add(-demoIdleDays * 24 * time.Hour)
			}
			sessions = append(sessions, zendesktest.Session{
				ID: demoSessionID(id, n), UserID: id, AuthenticatedAt: seen.Add(-24 * time.Hour), LastSeenAt: seen,
			})
		}
	}
	return []zendesktest.Option{zendesktest.WithUsers(users...), zendesktest.WithSessions(sessions...), zendesktest.WithClock(now)}
}

// The demo's game-server data: app "my-game" (versions v1 and v2),
// deployments tagged "eu"/"ranked" and "us"/"casual", and demoGSSessions
// ready sessions, half on each.
const (
	demoApp        = "my-game"
	demoGSSessions = 12
	demoDeployEU   = "d3e0eu000001"
	demoDeployUS   = "d3e0us000002"
)

// demoGSSessionID is the id of the n-th seeded session (n from 1), Edgegap-shaped.
func demoGSSessionID(n int) string { return fmt.Sprintf("%012x-S", 0xdea000+n) }

// gameserverDemoOptions seeds the demo game-server account.
func gameserverDemoOptions(now func() time.Time) []gameservertest.Option {
	var sessions []gameservertest.Session
	for n := 1; n <= demoGSSessions; n++ {
		dep := demoDeployEU
		if n%2 == 0 {
			dep = demoDeployUS
		}
		sessions = append(sessions, gameservertest.Session{
			ID: demoGSSessionID(n), App: demoApp, Version: "v1", Ready: true, DeploymentRequestID: dep,
			Users: []gameservertest.User{{IP: fmt.Sprintf("198.51.100.%d", n)}},
		})
	}
	return []gameservertest.Option{
		gameservertest.WithAPIToken(demoEdgegapToken),
		gameservertest.WithClock(now),
		gameservertest.WithApps(gameservertest.App{Name: demoApp, Versions: []gameservertest.AppVersion{{Name: "v1"}, {Name: "v2"}}}),
		gameservertest.WithDeployments(
			gameservertest.Deployment{RequestID: demoDeployEU, Tags: []string{"eu", "ranked"}},
			gameservertest.Deployment{RequestID: demoDeployUS, Tags: []string{"us", "casual"}},
		),
		gameservertest.WithSessions(sessions...),
		gameservertest.WithDefaultLimit(5),
	}
}
