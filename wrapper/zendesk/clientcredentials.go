package zendesk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Token lifetimes of WithClientCredentials: Zendesk takes an expires_in
// over 300 and under 172,800 seconds.
const (
	// DefaultTokenLifetime is the lifetime asked for when no
	// WithTokenLifetime is given, Zendesk's own default for new clients.
	DefaultTokenLifetime = 30 * time.Minute
	// MinTokenLifetime is the shortest lifetime WithTokenLifetime accepts.
	MinTokenLifetime = 301 * time.Second
	// MaxTokenLifetime is the longest lifetime WithTokenLifetime accepts.
	MaxTokenLifetime = 172799 * time.Second
	// TokenRefreshMargin is how long before its expiry a token is replaced
	// by a new one, so that no request leaves with a token about to expire.
	TokenRefreshMargin = time.Minute
	// TokenMintTimeout bounds one mint (the token request and its retries).
	TokenMintTimeout = 30 * time.Second
)

// defaultScopes returns the scopes WithClientCredentials asks for when
// given none: the sessions operations read and delete.
func defaultScopes() []string { return []string{"read", "write"} }

// opCreateToken is the token endpoint, as the engine sees it: a POST that
// is harmless to repeat (a lost answer costs an unused token).
var opCreateToken = &core.Op{Name: "CreateOAuthToken", Method: http.MethodPost, RetrySafe: true}

// credentialsSpec is what WithClientCredentials was given; NewClient
// builds a new authenticator from it for each client (local.credentials),
// so that two clients given the same option never share a token.
type credentialsSpec struct {
	clientID string
	secret   core.Secret
	scopes   []string
}

// WithClientCredentials authenticates with OAuth access tokens that the
// client mints itself with the client-credentials grant: a JSON POST to
// {base}/oauth/tokens with clientID (the OAuth client's unique Identifier,
// not its numeric id), clientSecret, the scopes ("read write" when none
// are given) and an expires_in of DefaultTokenLifetime (WithTokenLifetime
// changes it). The tokens act as the user who created the OAuth client.
//
// The token request goes through the client itself — its HTTP client,
// retry policy, rate limit, headers and size limit — without credentials
// (the secret is in its body). A token is reused until TokenRefreshMargin
// before it expires, then a new one is minted; concurrent calls wait for
// that one mint instead of each making their own. A call answered 401
// (Zendesk's invalid_token: the token was revoked or expired early) drops
// the token, mints a new one and goes once more; calls refused at the same
// time with the same token share that mint.
//
// When the token endpoint refuses (invalid_client, invalid_scope, a
// 5xx...), the call fails with a *CredentialsError, which says the
// credentials rather than the call are at fault and wraps the endpoint's
// *APIError (errors.Is(err, ErrUnauthorized) holds for a wrong secret).
// The secret and the tokens never appear in errors, logs or printed
// values.
//
// It is a client option (NewClient); an empty clientID or clientSecret, or
// an empty scope, is an *InvalidArgumentError there. Zendesk deactivates
// API tokens on 2027-04-30: this is the replacement for unattended
// programs.
func WithClientCredentials(clientID, clientSecret string, scopes ...string) Option {
	spec := credentialsSpec{clientID: clientID, secret: core.Secret(clientSecret), scopes: append([]string(nil), scopes...)}
	desc := fmt.Sprintf("WithClientCredentials(%q, %s, %q)", clientID, "[REDACTED]", scopes)
	return clientOnly{core.LocalSetting("zendesk", desc, func(l *local) error {
		if l.creds != nil {
			return invalid("WithClientCredentials", nil, "is given twice: give a client one credential option")
		}
		l.creds = &spec
		return nil
	})}
}

// WithTokenLifetime sets the lifetime WithClientCredentials asks for (the
// expires_in it sends), in whole seconds from MinTokenLifetime to
// MaxTokenLifetime; DefaultTokenLifetime when not given. Another value, or
// the option without WithClientCredentials, is an *InvalidArgumentError
// at NewClient.
func WithTokenLifetime(d time.Duration) Option {
	return clientOnly{core.LocalSetting("zendesk", fmt.Sprintf("WithTokenLifetime(%s)", d), func(l *local) error {
		l.lifetime, l.hasLifetime = d, true
		return nil
	})}
}

// credentials returns the authenticator of WithClientCredentials, built
// with WithTokenLifetime's lifetime, and the engine option that makes it
// the client's credentials; nil and nil without WithClientCredentials.
func (l *local) credentials() (*clientCredentials, *core.Opt, error) {
	if l.creds == nil {
		if l.hasLifetime {
			return nil, nil, invalid("WithTokenLifetime", nil, "needs WithClientCredentials")
		}
		return nil, nil, nil
	}
	lifetime := DefaultTokenLifetime
	if l.hasLifetime {
		lifetime = l.lifetime
	}
	cc, err := newClientCredentials(l.creds, lifetime)
	if err != nil {
		return nil, nil, err
	}
	return cc, core.Auth("WithClientCredentials", cc), nil
}

// newClientCredentials validates the inputs of WithClientCredentials and
// WithTokenLifetime.
func newClientCredentials(spec *credentialsSpec, lifetime time.Duration) (*clientCredentials, error) {
	switch {
	case strings.TrimSpace(spec.clientID) == "":
		return nil, invalid("WithClientCredentials clientID", nil, "must not be empty")
	case strings.ContainsAny(spec.clientID, " \t\r\n"):
		return nil, invalid("WithClientCredentials clientID", spec.clientID, "must not contain spaces (it is the client's Identifier)")
	case spec.secret == "":
		return nil, invalid("WithClientCredentials clientSecret", nil, "must not be empty")
	case lifetime%time.Second != 0:
		return nil, invalid("WithTokenLifetime", lifetime, "must be a whole number of seconds")
	case lifetime < MinTokenLifetime || lifetime > MaxTokenLifetime:
		return nil, invalid("WithTokenLifetime", lifetime,
			fmt.Sprintf("must be from %s to %s (Zendesk takes an expires_in over 300 and under 172800 seconds)", MinTokenLifetime, MaxTokenLifetime))
	}
	scopes := spec.scopes
	if len(scopes) == 0 {
		scopes = defaultScopes()
	}
	for i, s := range scopes {
		if s == "" || strings.ContainsAny(s, " \t\r\n") {
			return nil, invalid(fmt.Sprintf("WithClientCredentials scopes[%d]", i), s, "must be one non-empty scope without spaces")
		}
	}
	cc := &clientCredentials{
		clientID: spec.clientID,
		secret:   spec.secret,
		scope:    strings.Join(scopes, " "),
		lifetime: lifetime,
	}
	cc.bearer = cc.newBearer()
	return cc, nil
}

// clientCredentials is the Authenticator behind WithClientCredentials:
// the engine's bearer credentials over a caching token source that mints
// through the client's own engine, without credentials.
type clientCredentials struct {
	clientID string
	secret   core.Secret
	scope    string
	lifetime time.Duration
	engine   *core.Engine // the client's, set by bind before NewClient returns

	mu      sync.Mutex
	bearer  core.Authenticator // replaced when a token is refused
	current string             // the Authorization value last set
}

// newBearer returns bearer credentials over a new token cache:
// oauth2.ReuseTokenSourceWithExpiry hands out a token until
// TokenRefreshMargin before its expiry and lets one caller mint while the
// others wait (core.Bearer uses it as it is).
func (c *clientCredentials) newBearer() core.Authenticator {
	return core.Bearer(oauth2.ReuseTokenSourceWithExpiry(nil, minter{c}, TokenRefreshMargin))
}

// bind makes the credentials mint through e. A nil receiver does nothing.
func (c *clientCredentials) bind(e *core.Engine) {
	if c != nil {
		c.engine = e
	}
}

// Authenticate sets "Authorization: Bearer <token>", minting a token when
// there is none or it is about to expire.
func (c *clientCredentials) Authenticate(ctx context.Context, req *http.Request) error {
	c.mu.Lock()
	b := c.bearer
	c.mu.Unlock()
	if err := b.Authenticate(ctx, req); err != nil {
		return err
	}
	c.mu.Lock()
	if c.bearer == b { // not replaced meanwhile
		c.current = req.Header.Get("Authorization")
	}
	c.mu.Unlock()
	return nil
}

// Invalidate is called by the engine (core.Invalidator) when the server
// answered req, which these credentials signed, with err, a 401 (an
// expired or revoked token: Zendesk's invalid_token). When req carried the
// current token it is dropped, so that the next Authenticate mints a new
// one; a request that carried an older token goes again with the current
// one. It returns true — the call goes once more — for a 401 only.
func (c *clientCredentials) Invalidate(req *http.Request, err error) bool {
	if ae, ok := errors.AsType[*APIError](err); !ok || ae.StatusCode != http.StatusUnauthorized {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if req != nil && req.Header.Get("Authorization") == c.current {
		c.bearer, c.current = c.newBearer(), ""
	}
	return true
}

// String describes the credentials without their secret.
func (c *clientCredentials) String() string {
	return fmt.Sprintf("WithClientCredentials(%q, [REDACTED], %q, expires_in=%d)", c.clientID, c.scope, int(c.lifetime/time.Second))
}

// Format writes String for every verb.
func (c *clientCredentials) Format(f fmt.State, _ rune) { core.FormatAs(f, c.String()) }

// minter is the oauth2.TokenSource that mints one token per call; the
// ReuseTokenSource around it caches it.
type minter struct{ c *clientCredentials }

// Token mints a token: POST {base}/oauth/tokens through the client's
// engine with core.NoAuth (the request carries the secret, not a token, and
// never comes back to these credentials), within TokenMintTimeout.
func (m minter) Token() (*oauth2.Token, error) {
	c := m.c
	if c.engine == nil {
		return nil, &CredentialsError{ClientID: c.clientID, Err: errors.New("the credentials are not bound to a client: use them through NewClient")}
	}
	call, err := c.engine.Call(core.NoAuth())
	if err != nil {
		return nil, &CredentialsError{ClientID: c.clientID, Err: err}
	}
	expiresIn, scope := int(c.lifetime/time.Second), c.scope
	body := zgen.OAuthTokenRequest{
		GrantType: "client_credentials", ClientId: c.clientID, ClientSecret: c.secret.Reveal(),
		Scope: &scope, ExpiresIn: &expiresIn,
	}
	ctx, cancel := context.WithTimeout(context.Background(), TokenMintTimeout)
	defer cancel()
	start := time.Now()
	var tr wireToken
	err = call.Send(ctx, opCreateToken, func(base string) (*http.Request, error) {
		return zgen.NewCreateOAuthTokenRequest(base, body)
	}, func(r core.Response) error {
		if err := json.Unmarshal(r.Body, &tr); err != nil {
			return err
		}
		if tr.AccessToken == "" {
			return errors.New("the token endpoint answered without an access_token")
		}
		return nil
	})
	if err != nil {
		return nil, credentialsError(c.clientID, err)
	}
	lifetime := c.lifetime
	if tr.ExpiresIn > 0 {
		lifetime = time.Duration(tr.ExpiresIn) * time.Second
	}
	return &oauth2.Token{AccessToken: tr.AccessToken, TokenType: "Bearer", Expiry: start.Add(lifetime)}, nil
}

// credentialsError wraps a failed mint.
func credentialsError(clientID string, err error) *CredentialsError {
	e := &CredentialsError{ClientID: clientID, Err: err}
	if apiErr, ok := errors.AsType[*APIError](err); ok {
		e.Code = apiErr.Code
	}
	return e
}

// CredentialsError reports that WithClientCredentials could not mint a
// token: the credentials, not the call that needed the token, are at
// fault (or the token endpoint failed). Err is the cause — an *APIError
// for an answer >= 400, so errors.Is(err, ErrUnauthorized) holds for an
// unknown client or a wrong secret, and ErrServer for a 5xx — or a
// *ConnectionError, a *DecodeError...
type CredentialsError struct {
	// ClientID is the OAuth client's Identifier (never the secret).
	ClientID string
	// Code is the OAuth error the endpoint answered, e.g. "invalid_client",
	// "invalid_scope"; "" when there was none.
	Code string
	// Err is the cause.
	Err error
}

// Error returns e.g. `zendesk: the OAuth client credentials of "acme_sync" were refused (invalid_client): ...`.
func (e *CredentialsError) Error() string {
	var b strings.Builder
	if apiErr, ok := errors.AsType[*APIError](e.Err); ok && apiErr.StatusCode < 500 {
		fmt.Fprintf(&b, "zendesk: the OAuth client credentials of %q were refused", e.ClientID)
	} else {
		fmt.Fprintf(&b, "zendesk: minting an OAuth token for client %q failed", e.ClientID)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

// Unwrap returns the cause.
func (e *CredentialsError) Unwrap() error { return e.Err }
