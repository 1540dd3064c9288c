package faults

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

const (
	apiZendesk    = "zendesk"
	apiGameserver = "gameserver"
)

// Credentials the suite hands the clients. They look real on purpose: the
// security sweep looks for each of them (and for pieces of them) in every
// error, formatted value and log line, and in what other origins received.
const (
	secretZendeskToken   = "zT0k3nQ9vLx7RwPa2mYc8sDf4gHj6kLz"
	secretPassword       = "pW0rd-Ch4rl1e-H0tel-9Kx2"
	secretOAuthToken     = "oa2Acc3ssT0kenMvN8bQ5rT1yU7iO3pLk"
	secretOAuthSource    = "oa2Src3T0kenXcV6bN9mQ2wE4rT8yU1iP"
	secretGameserverKey  = "gsK3y-7f3c9e2a-41b8-4d6f-a0e5-9c2b7d1e8f40"
	secretHeaderValue    = "hDr-S3cr3t-Qz8Wx5Yv2Ut9Rs6Pq3"
	secretHeaderName     = "X-Api-Secret"
	zendeskEmail         = "agent@example.com"
	maxResponseBytes     = 8 << 20
	gameserverSessionID  = "950dd2eaff09-S"
	zendeskUserID        = 3
	zendeskSessionID     = 8589934592
	zendeskSessionObject = `{"id":8589934592,"user_id":3,"authenticated_at":"2014-11-18T17:24:29Z","last_seen_at":"2014-11-18T17:30:00Z","url":"https://acme.zendesk.com/api/v2/users/3/sessions/8589934592.json"}`
	gameserverSummary    = `{"session_id":"950dd2eaff09-S","status":"Ready","kind":"Seat","ready":true,"linked":true,"user_count":1}`
)

// credential is one way of authenticating a client.
type credential struct {
	name    string
	api     string
	secrets []string // what must never leak
	zendesk func() zendesk.Option
	game    func() gameserver.Option
}

// staticSource is an oauth2.TokenSource handing out one token.
type staticSource struct{ token string }

func (s staticSource) Token() (*oauth2.Token, error) {
	return &oauth2.Token{AccessToken: s.token, TokenType: "Bearer", Expiry: time.Now().Add(time.Hour)}, nil
}

// credentials lists every credential option of both wrappers.
func credentials() []credential {
	return []credential{
		{name: "zendesk-api-token", api: apiZendesk, secrets: []string{secretZendeskToken},
			zendesk: func() zendesk.Option { return zendesk.WithAPIToken(zendeskEmail, secretZendeskToken) }},
		{name: "zendesk-basic", api: apiZendesk, secrets: []string{secretPassword},
			//lint:ignore SA1019 a deprecated option must still never leak its password
			zendesk: func() zendesk.Option { return zendesk.WithBasicAuth(zendeskEmail, secretPassword) }},
		{name: "zendesk-oauth-token", api: apiZendesk, secrets: []string{secretOAuthToken},
			zendesk: func() zendesk.Option { return zendesk.WithOAuthToken(secretOAuthToken) }},
		{name: "zendesk-oauth-source", api: apiZendesk, secrets: []string{secretOAuthSource},
			zendesk: func() zendesk.Option { return zendesk.WithOAuth(staticSource{secretOAuthSource}) }},
		{name: "gameserver-api-token", api: apiGameserver, secrets: []string{secretGameserverKey},
			game: func() gameserver.Option { return gameserver.WithAPIToken(secretGameserverKey) }},
	}
}

// defaultCredential returns the credential the fault suite uses for api.
func defaultCredential(api string) credential {
	if api == apiZendesk {
		return credentials()[0]
	}
	return credentials()[4]
}

// clientConfig says how to build the client of one test.
type clientConfig struct {
	api        string
	baseURL    string
	httpClient *http.Client // nil: the wrapper's default client
	logger     *slog.Logger // nil: none
	cred       credential
	maxRetries int // attempts in all; 0 means 3
}

// testPolicy is the retry policy of the suite: the engine's behaviour with
// waits short enough to keep the suite fast, and no jitter. MaxBackoff is
// above every Retry-After the suite sends, so those are waited for.
func testPolicy(attempts int) zendesk.RetryPolicy {
	if attempts == 0 {
		attempts = 3
	}
	return zendesk.RetryPolicy{MaxAttempts: attempts, InitialBackoff: time.Millisecond,
		MaxBackoff: 5 * time.Second, Jitter: -1}
}

// clients holds the client of one test: exactly one field is set.
type clients struct {
	z *zendesk.Client
	g *gameserver.Client
}

// newClients builds the client cfg describes.
func newClients(cfg clientConfig) (clients, error) {
	if cfg.cred.name == "" {
		cfg.cred = defaultCredential(cfg.api)
	}
	switch cfg.api {
	case apiZendesk:
		opts := []zendesk.Option{
			zendesk.WithBaseURL(cfg.baseURL),
			cfg.cred.zendesk(),
			zendesk.WithHeader(secretHeaderName, secretHeaderValue),
			zendesk.WithRetry(testPolicy(cfg.maxRetries)),
			zendesk.WithMaxResponseBytes(maxResponseBytes),
		}
		if cfg.httpClient != nil {
			opts = append(opts, zendesk.WithHTTPClient(cfg.httpClient))
		}
		if cfg.logger != nil {
			opts = append(opts, zendesk.WithLogger(cfg.logger))
		}
		c, err := zendesk.NewClient("acme", opts...)
		return clients{z: c}, err
	case apiGameserver:
		opts := []gameserver.Option{
			gameserver.WithBaseURL(cfg.baseURL),
			cfg.cred.game(),
			gameserver.WithHeader(secretHeaderName, secretHeaderValue),
			gameserver.WithRetry(testPolicy(cfg.maxRetries)),
			gameserver.WithMaxResponseBytes(maxResponseBytes),
			gameserver.WithPollInterval(time.Millisecond, 5*time.Millisecond),
		}
		if cfg.httpClient != nil {
			opts = append(opts, gameserver.WithHTTPClient(cfg.httpClient))
		}
		if cfg.logger != nil {
			opts = append(opts, gameserver.WithLogger(cfg.logger))
		}
		c, err := gameserver.NewClient(opts...)
		return clients{g: c}, err
	}
	return clients{}, fmt.Errorf("unknown API %q", cfg.api)
}

// closeIdle closes the client's idle connections.
func (c clients) closeIdle() {
	if c.z != nil {
		c.z.CloseIdleConnections()
	}
	if c.g != nil {
		c.g.CloseIdleConnections()
	}
}

// operation is one method of one wrapper, with what a healthy server
// answers it.
type operation struct {
	api  string
	name string
	// method and path are the request the operation sends.
	method, path string
	// idempotent says the engine may repeat it after an ambiguous failure
	// (a 5xx, a connection broken after the request went out): GET, PUT,
	// DELETE, and BulkStop, a POST that is safe to repeat. Create is not.
	idempotent bool
	// status and body are the healthy answer; body is "" for a 204.
	status int
	body   string
	// call runs the operation and checks what it returned on success.
	call func(ctx context.Context, c clients) error
}

// hasBody reports whether the operation decodes a response body.
func (o operation) hasBody() bool { return o.body != "" }

// healthy is the answer of a healthy server to the operation.
func (o operation) healthy() Step {
	return Respond(o.status, jsonHeader(), o.body)
}

// jsonHeader is the header of a JSON answer.
func jsonHeader() http.Header {
	return http.Header{"Content-Type": {"application/json; charset=utf-8"}, "X-Zendesk-Request-Id": {"req-1"}}
}

// want returns an error when got is not want.
func want[T comparable](what string, got, want T) error {
	if got != want {
		return fmt.Errorf("%s = %v, want %v", what, got, want)
	}
	return nil
}

// operations lists every operation of both wrappers.
func operations() []operation {
	const zSession = `{"session":` + zendeskSessionObject + `}`
	const zList = `{"sessions":[` + zendeskSessionObject + `],"meta":{"has_more":false,"after_cursor":null,"before_cursor":null},"links":{"next":null,"prev":null}}`
	const gGet = `{"session_id":"950dd2eaff09-S","status":"Ready","ready":true,"linked":true,"kind":"Seat","user_count":1,"app_version":7,"create_time":"2024-05-26 12:00:45.831041","elapsed":3}`
	const gUsers = `{"session_users":[{"ip":"198.51.100.7","latitude":45.5,"longitude":-73.6}]}`
	const gList = `{"data":[` + gameserverSummary + `],"total_count":1,"pagination":{"number":1,"next_page_number":null,"previous_page_number":null,"paginator":{"num_pages":1},"has_next":false,"has_previous":false}}`
	zPath := fmt.Sprintf("/api/v2/users/%d/sessions", zendeskUserID)
	zOne := fmt.Sprintf("%s/%d", zPath, zendeskSessionID)
	gOne := "/v1/session/" + gameserverSessionID
	checkSession := func(s zendesk.Session, err error) error {
		if err != nil {
			return err
		}
		return want("session ID", s.ID, zendeskSessionID)
	}
	checkList := func(n int, err error) error {
		if err != nil {
			return err
		}
		return want("sessions listed", n, 1)
	}
	checkUsers := func(u []gameserver.User, err error) error {
		if err != nil {
			return err
		}
		return want("users", len(u), 1)
	}
	ips := []string{"198.51.100.7"}
	return []operation{
		{api: apiZendesk, name: "List", method: "GET", path: "/api/v2/sessions", idempotent: true, status: 200, body: zList,
			call: func(ctx context.Context, c clients) error {
				s, err := c.z.Sessions.List(nil).Collect(ctx)
				return checkList(len(s), err)
			}},
		{api: apiZendesk, name: "ListByUser", method: "GET", path: zPath, idempotent: true, status: 200, body: zList,
			call: func(ctx context.Context, c clients) error {
				s, err := c.z.Sessions.ListByUser(zendeskUserID, nil).Collect(ctx)
				return checkList(len(s), err)
			}},
		{api: apiZendesk, name: "Get", method: "GET", path: zOne, idempotent: true, status: 200, body: zSession,
			call: func(ctx context.Context, c clients) error {
				return checkSession(c.z.Sessions.Get(ctx, zendeskUserID, zendeskSessionID))
			}},
		{api: apiZendesk, name: "Delete", method: "DELETE", path: zOne, idempotent: true, status: 204,
			call: func(ctx context.Context, c clients) error {
				return c.z.Sessions.Delete(ctx, zendeskUserID, zendeskSessionID)
			}},
		{api: apiZendesk, name: "DeleteAllForUser", method: "DELETE", path: zPath, idempotent: true, status: 204,
			call: func(ctx context.Context, c clients) error {
				return c.z.Sessions.DeleteAllForUser(ctx, zendeskUserID)
			}},
		{api: apiZendesk, name: "Current", method: "GET", path: "/api/v2/users/me/session", idempotent: true, status: 200, body: zSession,
			call: func(ctx context.Context, c clients) error {
				return checkSession(c.z.Sessions.Current(ctx))
			}},
		{api: apiZendesk, name: "Renew", method: "GET", path: "/api/v2/users/me/session/renew", idempotent: true, status: 200,
			body: `{"authenticity_token":"csrf-renewed"}`,
			call: func(ctx context.Context, c clients) error {
				tok, err := c.z.Sessions.Renew(ctx)
				if err != nil {
					return err
				}
				return want("authenticity token", tok, "csrf-renewed")
			}},
		{api: apiZendesk, name: "Logout", method: "DELETE", path: "/api/v2/users/me/logout", idempotent: true, status: 204,
			call: func(ctx context.Context, c clients) error {
				return c.z.Sessions.Logout(ctx)
			}},
		{api: apiGameserver, name: "Create", method: "POST", path: "/v1/session", status: 200,
			body: `{"session_id":"950dd2eaff09-S","app":"game","version":"v1"}`,
			call: func(ctx context.Context, c clients) error {
				s, err := c.g.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: "game", VersionName: "v1", IPList: ips})
				if err != nil {
					return err
				}
				return want("created ID", s.ID, gameserverSessionID)
			}},
		{api: apiGameserver, name: "Get", method: "GET", path: gOne, idempotent: true, status: 200, body: gGet,
			call: func(ctx context.Context, c clients) error {
				s, err := c.g.Sessions.Get(ctx, gameserverSessionID)
				if err != nil {
					return err
				}
				return want("session ID", s.ID, gameserverSessionID)
			}},
		{api: apiGameserver, name: "Delete", method: "DELETE", path: gOne, idempotent: true, status: 200,
			body: `{"message":"Instance deleted","session_id":"950dd2eaff09-S"}`,
			call: func(ctx context.Context, c clients) error {
				d, err := c.g.Sessions.Delete(ctx, gameserverSessionID)
				if err != nil {
					return err
				}
				return want("deleted ID", d.ID, gameserverSessionID)
			}},
		{api: apiGameserver, name: "DeleteIfExists", method: "DELETE", path: gOne, idempotent: true, status: 200,
			body: `{"message":"Instance deleted","session_id":"950dd2eaff09-S"}`,
			call: func(ctx context.Context, c clients) error {
				deleted, err := c.g.Sessions.DeleteIfExists(ctx, gameserverSessionID)
				if err != nil {
					return err
				}
				return want("deleted", deleted, true)
			}},
		{api: apiGameserver, name: "List", method: "GET", path: "/v1/sessions", idempotent: true, status: 200, body: gList,
			call: func(ctx context.Context, c clients) error {
				s, err := c.g.Sessions.List(nil).Collect(ctx)
				return checkList(len(s), err)
			}},
		{api: apiGameserver, name: "Users", method: "GET", path: gOne + "/users", idempotent: true, status: 200, body: gUsers,
			call: func(ctx context.Context, c clients) error {
				return checkUsers(c.g.Sessions.Users(ctx, gameserverSessionID))
			}},
		{api: apiGameserver, name: "AddUsers", method: "PUT", path: gOne + "/users", idempotent: true, status: 200, body: gUsers,
			call: func(ctx context.Context, c clients) error {
				return checkUsers(c.g.Sessions.AddUsers(ctx, gameserverSessionID, ips))
			}},
		{api: apiGameserver, name: "RemoveUsers", method: "DELETE", path: gOne + "/users", idempotent: true, status: 200, body: gUsers,
			call: func(ctx context.Context, c clients) error {
				return checkUsers(c.g.Sessions.RemoveUsers(ctx, gameserverSessionID, ips))
			}},
		{api: apiGameserver, name: "BulkStop", method: "POST", path: "/v1/sessions/bulk-stop", idempotent: true, status: 200,
			body: `{"processable":[{"session_id":"950dd2eaff09-S"}]}`,
			call: func(ctx context.Context, c clients) error {
				ids, err := c.g.Sessions.BulkStop(ctx, []gameserver.StopFilter{{Field: gameserver.StopBySessionID,
					Values: []string{gameserverSessionID}, Type: gameserver.FilterAny}})
				if err != nil {
					return err
				}
				return want("stopped", len(ids), 1)
			}},
		{api: apiGameserver, name: "WaitReady", method: "GET", path: gOne, idempotent: true, status: 200, body: gGet,
			call: func(ctx context.Context, c clients) error {
				// A poll that fails transiently does not end a wait (it goes
				// on until its deadline): the scenario judges the first poll,
				// a Get with its retries, and a failure of it ends this wait.
				ctx, stop := context.WithCancel(ctx)
				defer stop()
				var first error
				s, err := c.g.Sessions.WaitReady(ctx, gameserverSessionID, gameserver.WithPollProgress(func(p gameserver.Poll) {
					if p.Number == 1 && p.Err != nil {
						first = p.Err
						stop()
					}
				}))
				if first != nil {
					return first
				}
				if err != nil {
					return err
				}
				return want("ready", s.Ready, true)
			}},
	}
}

// probe is the healthy operation the suite calls after a scenario to see
// whether the connection is reused: Current for Zendesk, Get for the game
// server.
func probe(api string) operation {
	for _, o := range operations() {
		if o.api == api && o.name == map[string]string{apiZendesk: "Current", apiGameserver: "Get"}[api] {
			return o
		}
	}
	panic("no probe for " + api)
}
