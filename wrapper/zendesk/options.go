package zendesk

import (
	"strings"

	"github.com/sessionkit/sessions/wrapper/internal/core"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// clientOnly is the Option printed as desc that sets the client's own
// settings with set; per call it is an *InvalidArgumentError naming it.
func clientOnly(desc string, set func(*settings) error) Option {
	return Option{desc, func(s *settings) error {
		if s.IsCall() {
			name, _, _ := strings.Cut(desc, "(")
			return invalid(name, nil, "is a client option: give it to NewClient, not to a call")
		}
		return set(s)
	}}
}

// failing is a client option printed as desc whose use fails with an
// *InvalidArgumentError naming name.
func failing(desc, name, reason string) Option {
	return clientOnly(desc, func(*settings) error { return invalid(name, nil, reason) })
}

// Adaptive configures WithAdaptiveRateLimit; see sessionkit.Adaptive.
type Adaptive = sessionkit.Adaptive

// WithAdaptiveRateLimit paces the client from the rate-limit headers of
// every response (X-Rate-Limit-Remaining, ratelimit-reset; see Adaptive),
// so that independent clients of one account (other processes, other
// machines) converge on the account's limit without a coordinator. A 429
// still waits its Retry-After.
func WithAdaptiveRateLimit(a Adaptive) Option { return engineOption(core.AdaptiveRateLimit(a)) }

// Authenticator sets a request's credentials (WithAuth); see
// sessionkit.Authenticator.
type Authenticator = sessionkit.Authenticator

// WithOAuthToken authenticates with a fixed OAuth access token, sent as
// "Authorization: Bearer <token>". Prefer WithOAuth with a refreshing
// source for short-lived tokens. An empty token is an error.
func WithOAuthToken(token string) Option {
	return engineOption(core.Auth("WithOAuthToken", core.StaticHeader("Authorization", "Bearer", core.Secret(token))))
}

// WithAPIToken authenticates with an agent's email and a Zendesk API token
// (HTTP Basic auth, username "{email}/token"). An empty email or token is
// an error. Accounts created on or after 2026-07-28 cannot use API tokens,
// and every token is deactivated on 2027-04-30: prefer
// WithClientCredentials or WithOAuth for anything that must keep working.
func WithAPIToken(email, token string) Option {
	if strings.TrimSpace(email) == "" {
		return failing("WithAPIToken(email, token)", "WithAPIToken email", "must not be empty")
	}
	if token == "" {
		return failing("WithAPIToken(email, token)", "WithAPIToken token", "must not be empty")
	}
	return engineOption(core.Auth("WithAPIToken", core.Basic(email+"/token", core.Secret(token))))
}

// WithBasicAuth authenticates with an agent's email and password (HTTP
// Basic auth). An empty email or password is an error.
//
// Deprecated: Zendesk switched off password authentication for API
// requests in January 2026 (every request is answered 401). Use
// WithClientCredentials or WithOAuth.
func WithBasicAuth(email, password string) Option {
	return engineOption(core.Auth("WithBasicAuth", core.Basic(email, core.Secret(password))))
}

// WithAuth authenticates with a, for credentials the other options do not
// cover. nil is an error.
func WithAuth(a Authenticator) Option { return engineOption(core.Auth("WithAuth", a)) }
