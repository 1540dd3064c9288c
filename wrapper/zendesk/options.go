package zendesk

import (
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/internal/core"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"golang.org/x/oauth2"
)

//go:generate go run ../internal/shared/cmd

// Option configures a Client: NewClient takes them. Credentials,
// WithBaseURL, WithHTTPClient, WithRateLimit and WithInsecureHTTP are
// client options only; the options of type SharedOption work per call
// too. A game-server option is not an Option of this package: passing one
// does not compile. A nil Option is ignored. Options print without
// secrets.
type Option interface {
	clientSetting() setting
}

// CallOption configures one call: every method of SessionsService takes
// them, and they override the client's settings for that call only
// (WithHeader adds to the client's headers). An invalid one makes the call
// fail with an *InvalidArgumentError before any request is sent.
type CallOption interface {
	callSetting() setting
}

// SharedOption is an option that works in both places: as an Option for
// NewClient and as a CallOption for one call. WithRetry, WithoutRetries,
// WithHeader, WithUserAgent, WithLogger and WithMaxResponseBytes return
// one. Like every option it prints as its name and arguments, without
// secrets, with every fmt verb.
type SharedOption struct{ setting }

func (o SharedOption) clientSetting() setting { return o.setting }
func (o SharedOption) callSetting() setting   { return o.setting }

// clientOnly is an Option that only a client takes.
type clientOnly struct{ setting }

func (o clientOnly) clientSetting() setting { return o.setting }

// callOnly is a CallOption that only a call takes.
type callOnly struct{ setting }

func (o callOnly) callSetting() setting { return o.setting }

// setting is what every option of this package carries (core.Setting):
// an engine option, or a change to the client's own settings, local.
type setting = core.Setting[local]

// local is what the client's options set beside the engine's settings:
// WithClientCredentials and WithTokenLifetime (clientcredentials.go).
type local struct {
	creds       *credentialsSpec
	lifetime    time.Duration
	hasLifetime bool
}

// clientOpt, sharedOpt and callOpt make the engine's option o an option of
// this package, of each scope.
func clientOpt(o *core.Opt) Option { return clientOnly{core.EngineSetting[local]("zendesk", o)} }
func sharedOpt(o *core.Opt) SharedOption {
	return SharedOption{core.EngineSetting[local]("zendesk", o)}
}
func callOpt(o *core.Opt) CallOption { return callOnly{core.EngineSetting[local]("zendesk", o)} }

// failing is a client option printed as desc whose use fails with an
// *InvalidArgumentError naming name.
func failing(desc, name, reason string) Option {
	return clientOnly{core.LocalSetting("zendesk", desc, func(*local) error { return invalid(name, nil, reason) })}
}

// Adaptive configures WithAdaptiveRateLimit; the zero value is fine. See
// sessionkit.Adaptive for its fields.
type Adaptive = sessionkit.Adaptive

// WithAdaptiveRateLimit paces the client from the rate-limit headers of
// every response (X-Rate-Limit, X-Rate-Limit-Remaining, ratelimit-reset):
// it spaces requests so that what remains of the account's budget, less
// a small reserve, lasts until the window resets, and waits for the reset
// when only the reserve is left. Several independent clients of one
// account (other processes, other machines) therefore converge on the
// account's limit without a coordinator. A 429 still waits its
// Retry-After.
func WithAdaptiveRateLimit(a Adaptive) Option { return clientOpt(core.AdaptiveRateLimit(a)) }

// Authenticator sets a request's credentials; WithAuth accepts your own,
// for instance to send a session cookie. It is called once per attempt,
// only for requests to the base URL's origin.
// See sessionkit.Authenticator for its method.
type Authenticator = sessionkit.Authenticator

// WithOAuth authenticates with OAuth 2 access tokens from ts, sent as
// "Authorization: Bearer <token>". A valid token is reused until it
// expires, then ts is asked again, so a refreshing source keeps a
// long-running program authenticated. nil is an error.
func WithOAuth(ts oauth2.TokenSource) Option { return oauthOption(ts) } // bearer.go

// WithOAuthToken authenticates with a fixed OAuth access token, sent as
// "Authorization: Bearer <token>". Prefer WithOAuth with a refreshing
// source for short-lived tokens. An empty token is an error.
func WithOAuthToken(token string) Option {
	return clientOpt(core.Auth("WithOAuthToken", core.StaticHeader("Authorization", "Bearer", core.Secret(token))))
}

// WithAPIToken authenticates with an agent's email and a Zendesk API token
// (HTTP Basic auth, username "{email}/token"). An empty email or token is
// an error.
//
// Only older accounts can use it: Zendesk accounts created on or after
// 2026-07-28 cannot create or use API tokens, and every existing token is
// deactivated on 2027-04-30 (then deleted). Prefer WithClientCredentials
// (or WithOAuth) for anything that must keep working.
func WithAPIToken(email, token string) Option {
	if strings.TrimSpace(email) == "" {
		return failing("WithAPIToken(email, token)", "WithAPIToken email", "must not be empty")
	}
	if token == "" {
		return failing("WithAPIToken(email, token)", "WithAPIToken token", "must not be empty")
	}
	return clientOpt(core.Auth("WithAPIToken", core.Basic(email+"/token", core.Secret(token))))
}

// WithBasicAuth authenticates with an agent's email and password (HTTP
// Basic auth). An empty email or password is an error.
//
// Deprecated: Zendesk switched off password authentication for API
// requests (the rollout finished in January 2026): every request sent with
// it is answered 401. Use WithClientCredentials, or WithOAuth with a token
// source of your own.
func WithBasicAuth(email, password string) Option {
	return clientOpt(core.Auth("WithBasicAuth", core.Basic(email, core.Secret(password))))
}

// WithAuth authenticates with a as it sees fit. Use it for credentials the
// other With* options do not cover. nil is an error.
func WithAuth(a Authenticator) Option { return clientOpt(core.Auth("WithAuth", a)) }
