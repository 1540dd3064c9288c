package zendesktest

import (
	"time"

	"github.com/sessionkit/sessions/api/apitest"
	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// Option configures a Server.
type Option func(*config)

// WithUsers seeds users, with their roles and credentials.
func WithUsers(users ...User) Option {
	return func(c *config) { c.seed.Users = append(c.seed.Users, users...) }
}

// WithSessions seeds sessions of seeded users.
func WithSessions(sessions ...Session) Option {
	return func(c *config) { c.seed.Sessions = append(c.seed.Sessions, sessions...) }
}

// WithSessionArray makes the operations that show one session answer
// {"session": [{...}]}, the array the vendor's docs show, instead of the
// object the live API sends.
func WithSessionArray() Option {
	return func(c *config) { c.sessionArray = true }
}

// WithOAuthClients seeds OAuth clients: POST /oauth/tokens then mints
// tokens for their ids and secrets (grant_type client_credentials), which
// expire after the expires_in asked for, by the server's clock (WithClock),
// and are then refused with 401 invalid_token, like revoked ones
// (RevokeToken). A client whose user is not seeded, or an empty id or
// secret, is an error at NewServer or Start.
func WithOAuthClients(clients ...OAuthClient) Option {
	return func(c *config) { c.seed.OAuthClients = append(c.seed.OAuthClients, clients...) }
}

// WithRateLimit makes the server enforce a budget of perMinute requests a
// minute of its clock for the account, as Zendesk does: every authenticated
// request counts, and once the budget is spent the answer is 429
// TooManyRequests with Retry-After the whole seconds left in the minute.
// Every response reports the budget in X-Rate-Limit, X-Rate-Limit-Remaining,
// ratelimit-limit, ratelimit-remaining and ratelimit-reset (seconds to the
// reset). Without it the server reports a limit of 700 in the first two and
// refuses nothing. A perMinute below 1 makes NewServer and Start fail.
func WithRateLimit(perMinute int) Option { return func(c *config) { c.rateLimit = &perMinute } }

// WithClock sets the server's clock (time.Now by default): it stamps new
// sessions, renewals, minted tokens, rate-limit minutes and the request log.
func WithClock(now func() time.Time) Option { return func(c *config) { c.Now = now } }

// WithoutNetwork makes the server answer in-process: it does not listen,
// Client returns a client whose transport calls the handler directly, and
// no goroutine is started, so tests can run under testing/synctest.
func WithoutNetwork() Option { return func(c *config) { c.NoNetwork = true } }

// Fault is a failure to inject into the answers to an operation (or
// apitest.AnyOperation), with [WithFault] or InjectFault; go doc
// github.com/sessionkit/sessions/api/apitest Fault shows every field.
type Fault = apitest.Fault

// WithFault injects a fault for an operation (an Op constant or
// apitest.AnyOperation) from the start; see [Fault] and InjectFault.
func WithFault(op string, f Fault) Option { return func(c *config) { c.AddFault(op, f) } }

// config is what the options set.
type config struct {
	fakeapi.Config
	seed         State
	sessionArray bool
	rateLimit    *int
}
