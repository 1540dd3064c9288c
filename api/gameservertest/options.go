package gameservertest

import (
	"net/http"
	"time"

	"github.com/sessionkit/sessions/api/apitest"
	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// Option configures a Server.
type Option func(*config)

type config struct {
	fakeapi.Config
	seed          State
	readiness     *Readiness
	limit         int
	webhookClient *http.Client
}

// WithAPIToken sets the API keys the server accepts, sent as
// "authorization: token <key>". A server without keys refuses every request.
func WithAPIToken(keys ...string) Option {
	return func(c *config) { c.seed.APITokens = append(c.seed.APITokens, keys...) }
}

// WithApps seeds apps and their versions. Without apps, the server accepts
// sessions for any app name; with them, only for theirs.
func WithApps(apps ...App) Option {
	return func(c *config) { c.seed.Apps = append(c.seed.Apps, apps...) }
}

// WithDeployments seeds deployments that sessions can be linked to.
func WithDeployments(deployments ...Deployment) Option {
	return func(c *config) { c.seed.Deployments = append(c.seed.Deployments, deployments...) }
}

// WithSessions seeds sessions.
func WithSessions(sessions ...Session) Option {
	return func(c *config) { c.seed.Sessions = append(c.seed.Sessions, sessions...) }
}

// WithReadiness sets when new sessions become ready; see Readiness.
func WithReadiness(r Readiness) Option {
	return func(c *config) { c.readiness = &r }
}

// WithDefaultLimit sets the page size of list-sessions when the request
// has no limit (10 by default).
func WithDefaultLimit(n int) Option {
	return func(c *config) { c.limit = n }
}

// WithWebhookClient sets the HTTP client that sends webhooks, such as one
// whose transport calls a handler in process (for tests under
// testing/synctest with WithoutNetwork). By default the server uses its own
// client, which dials loopback addresses only and follows no redirects.
// Either way, only URLs whose host is a loopback address or "localhost" are
// posted to, and each gets WebhookTimeout.
func WithWebhookClient(c *http.Client) Option {
	return func(cfg *config) { cfg.webhookClient = c }
}

// WithClock sets the server's clock (time.Now by default): it stamps new
// sessions, decides readiness delays and stamps the request log.
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
