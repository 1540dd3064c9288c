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

// WithClock sets the server's clock (time.Now by default): it stamps new
// sessions, renewals and the request log.
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
	seed         State // WithUsers, WithSessions, WithOAuthClients
	sessionArray bool
	rateLimit    int  // WithRateLimit
	rateLimitSet bool // WithRateLimit was given
}
