package main

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/mockserver"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// mockInfo is what "sessions mock --json" prints once it listens.
type mockInfo struct {
	ZendeskURL    string                    `json:"zendesk_url"`
	GameserverURL string                    `json:"gameserver_url"`
	Env           map[string]string         `json:"env"` // what points this command at the mock, with --base-url
	ZendeskUsers  []zendesktest.User        `json:"zendesk_users"`
	OAuthClients  []zendesktest.OAuthClient `json:"oauth_clients"`
	EdgegapKeys   []string                  `json:"edgegap_api_tokens"`
	Apps          []gameservertest.App      `json:"gameserver_apps"` // the apps a create may name (--app)
}

// printMock prints where the mock listens, the credentials it takes, and
// the variables, in print order, that point this command at it: the first
// OAuth client (which the command uses first), the first admin (or user)
// with an API token and the first API key.
func (a *app) printMock(m *mockserver.Server) error {
	seed := m.Seed()
	env := [][2]string{{envZendeskSubdomain, mockSubdomain}}
	if cs := seed.Zendesk.OAuthClients; len(cs) > 0 {
		env = append(env, [2]string{envZendeskClientID, cs[0].ID}, [2]string{envZendeskClientSecret, cs[0].Secret})
	}
	var user *zendesktest.User
	for i, u := range seed.Zendesk.Users {
		if u.APIToken != "" && (user == nil || u.Role == "admin" && user.Role != "admin") {
			user = &seed.Zendesk.Users[i]
		}
	}
	if user != nil {
		env = append(env, [2]string{envZendeskEmail, user.Email}, [2]string{envZendeskAPIToken, user.APIToken})
	}
	if keys := seed.Gameserver.APITokens; len(keys) > 0 {
		env = append(env, [2]string{envEdgegapAPIToken, keys[0]})
	}
	env = append(env, [2]string{envMockZendeskURL, m.ZendeskURL()}, [2]string{envMockGameserverURL, m.GameserverURL()})
	if a.json {
		info := mockInfo{ZendeskURL: m.ZendeskURL(), GameserverURL: m.GameserverURL(), Env: map[string]string{},
			ZendeskUsers: seed.Zendesk.Users, OAuthClients: seed.Zendesk.OAuthClients, EdgegapKeys: seed.Gameserver.APITokens,
			Apps: seed.Gameserver.Apps}
		for _, kv := range env {
			info.Env[kv[0]] = kv[1]
		}
		return jsonLine(a.stdout, info)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Zendesk     %s   (control API: %s%s)\n", m.ZendeskURL(), m.ZendeskURL(), mockserver.ControlPrefix)
	for _, u := range seed.Zendesk.Users {
		var creds []string
		for _, c := range [][2]string{{"API token ", u.APIToken}, {"password ", u.Password}, {"OAuth token ", u.OAuthToken}} {
			if c[1] != "" {
				creds = append(creds, c[0]+c[1])
			}
		}
		if len(creds) > 0 {
			fmt.Fprintf(&b, "  user %d %s (%s): %s\n", u.ID, u.Email, cmp.Or(u.Role, "end-user"), strings.Join(creds, ", "))
		}
	}
	for _, c := range seed.Zendesk.OAuthClients {
		fmt.Fprintf(&b, "  OAuth client %s, secret %s (acts as user %d)\n", c.ID, c.Secret, c.UserID)
	}
	fmt.Fprintf(&b, "Edgegap     %s   (control API: %s%s)\n", m.GameserverURL(), m.GameserverURL(), mockserver.ControlPrefix)
	for _, k := range seed.Gameserver.APITokens {
		fmt.Fprintf(&b, "  API token %s\n", k)
	}
	for _, app := range seed.Gameserver.Apps {
		fmt.Fprintf(&b, "  app %s: sessions --base-url \"$%s\" gameserver create --app %s --ip 198.51.100.7\n",
			app.Name, envMockGameserverURL, shellQuote(app.Name))
	}
	b.WriteString("\n")
	for _, kv := range env {
		fmt.Fprintf(&b, "export %s=%s\n", kv[0], shellQuote(kv[1]))
	}
	fmt.Fprintf(&b, "# sessions --base-url \"$%s\" zendesk list\n# Stop with Ctrl-C.\n", envMockZendeskURL)
	_, err := fmt.Fprint(a.stdout, b.String())
	return err
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
