package zendesk

import (
	"golang.org/x/oauth2"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Authenticator sets a request's credentials; WithAuth accepts your own,
// for instance to send a session cookie. It is called once per attempt.
type Authenticator = core.Authenticator

// WithOAuth authenticates with OAuth 2 access tokens from ts, sent as
// "Authorization: Bearer <token>". A valid token is reused until it
// expires, then ts is asked again, so a refreshing source (the client
// credentials grant, a refresh token) keeps a long-running program
// authenticated: the recommended way to authenticate. nil is an error.
func WithOAuth(ts oauth2.TokenSource) Option {
	return core.WithAuth(core.Renamed("WithOAuth", core.BearerToken(ts)))
}

// WithOAuthToken authenticates with a fixed OAuth access token, sent as
// "Authorization: Bearer <token>". Prefer WithOAuth with a refreshing
// source for short-lived tokens. An empty token is an error.
func WithOAuthToken(token string) Option {
	return core.WithAuth(core.Renamed("WithOAuthToken", core.StaticBearer(core.Secret(token))))
}

// WithAPIToken authenticates with an agent's email and a Zendesk API token
// (HTTP Basic auth, username "{email}/token").
//
// Zendesk is retiring API tokens: new tokens cannot be created from
// 2026-10-27, and every token is deactivated on 2027-04-30. Move to OAuth
// (WithOAuth) before then. An empty email or token is an error.
func WithAPIToken(email, token string) Option {
	return core.WithAuth(core.Renamed("WithAPIToken", core.ZendeskAPIToken(email, core.Secret(token))))
}

// WithBasicAuth authenticates with an agent's email and password (HTTP
// Basic auth). Zendesk considers it legacy and refuses it for accounts
// with SSO or two-factor authentication; prefer WithOAuth. An empty email
// or password is an error.
func WithBasicAuth(email, password string) Option {
	return core.WithAuth(core.Renamed("WithBasicAuth", core.BasicAuth(email, core.Secret(password))))
}

// WithAuth authenticates with a as it sees fit. Use it for credentials the
// other With* options do not cover. nil is an error.
func WithAuth(a Authenticator) Option { return core.WithAuth(a) }
