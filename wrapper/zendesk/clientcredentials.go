package zendesk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Token lifetimes of WithClientCredentials: Zendesk takes an expires_in
// over 300 and under 172,800 seconds.
const (
	DefaultTokenLifetime = 30 * time.Minute     // without WithTokenLifetime: Zendesk's default
	MinTokenLifetime     = 301 * time.Second    // the shortest WithTokenLifetime accepts
	MaxTokenLifetime     = 172799 * time.Second // the longest WithTokenLifetime accepts
	TokenRefreshMargin   = time.Minute          // how long before its expiry a token is replaced
	TokenMintTimeout     = 30 * time.Second     // bounds one mint (the token request and its retries)
)

// opCreateToken is the token endpoint: a POST harmless to repeat (a lost
// answer costs an unused token), whose body, holding the token, is never
// quoted in an error.
var opCreateToken = &core.Op{Name: "CreateOAuthToken", Method: http.MethodPost, RetrySafe: true, SecretBody: true}

// WithClientCredentials authenticates with OAuth access tokens the client
// mints itself (the client-credentials grant, a JSON POST to
// {base}/oauth/tokens) with clientID (the OAuth client's Identifier, not
// its numeric id), clientSecret, the scopes ("read write" by default) and
// an expires_in of DefaultTokenLifetime (see WithTokenLifetime). The
// tokens act as the OAuth client's creator. It replaces API tokens, which
// Zendesk deactivates on 2027-04-30, for unattended programs.
//
// The token request goes through the client's settings without
// credentials. The client caches each token until TokenRefreshMargin
// before it expires, shares one mint (bounded by TokenMintTimeout) among
// concurrent calls, each waiting under its own context, backs off after
// failures and mints again once for a call answered 401. An access_token
// that cannot go in a header, or an expires_in of 300 s or less, is
// refused and never cached; a longer expires_in than asked for, or none,
// counts as the lifetime asked for. A failed mint is a *CredentialsError.
// The secret and the tokens never appear in errors, logs or printed
// values. An empty clientID, clientSecret or scope is an
// *InvalidArgumentError.
func WithClientCredentials(clientID, clientSecret string, scopes ...string) Option {
	scopes = append([]string(nil), scopes...)
	desc := fmt.Sprintf("WithClientCredentials(%q, %s, %q)", clientID, "[REDACTED]", scopes)
	return clientOnly(desc, func(s *settings) error {
		cc, err := newClientCredentials(clientID, clientSecret, scopes)
		if err != nil {
			return err
		}
		s.creds = cc // a new one per client: two clients never share a token
		return s.Mint("WithClientCredentials", cc, TokenRefreshMargin, TokenMintTimeout)
	})
}

// WithTokenLifetime sets the lifetime WithClientCredentials asks for (the
// expires_in it sends), in whole seconds from MinTokenLifetime to
// MaxTokenLifetime. Another value, or the option without
// WithClientCredentials, is an *InvalidArgumentError at NewClient.
func WithTokenLifetime(d time.Duration) Option {
	return clientOnly(fmt.Sprintf("WithTokenLifetime(%s)", d), func(s *settings) error {
		switch {
		case d%time.Second != 0:
			return invalid("WithTokenLifetime", d, "must be a whole number of seconds")
		case d < MinTokenLifetime || d > MaxTokenLifetime:
			return invalid("WithTokenLifetime", d,
				fmt.Sprintf("must be from %s to %s (Zendesk takes an expires_in over 300 and under 172800 seconds)", MinTokenLifetime, MaxTokenLifetime))
		}
		s.lifetime = d
		return nil
	})
}

// newClientCredentials validates the arguments of WithClientCredentials.
func newClientCredentials(clientID, secret string, scopes []string) (*clientCredentials, error) {
	if strings.TrimSpace(clientID) == "" {
		return nil, invalid("WithClientCredentials clientID", nil, "must not be empty")
	}
	if strings.ContainsAny(clientID, " \t\r\n") {
		return nil, invalid("WithClientCredentials clientID", clientID, "must not contain spaces (it is the client's Identifier)")
	}
	if secret == "" {
		return nil, invalid("WithClientCredentials clientSecret", nil, "must not be empty")
	}
	if len(scopes) == 0 {
		scopes = []string{"read", "write"} // the sessions operations read and delete
	}
	for i, s := range scopes {
		if s == "" || strings.ContainsAny(s, " \t\r\n") {
			return nil, invalid(fmt.Sprintf("WithClientCredentials scopes[%d]", i), s, "must be one non-empty scope without spaces")
		}
	}
	return &clientCredentials{clientID: clientID, secret: core.Secret(secret), scope: strings.Join(scopes, " "), lifetime: DefaultTokenLifetime}, nil
}

// clientCredentials mints the tokens of WithClientCredentials for the
// engine, which caches them (core.Settings.Mint).
type clientCredentials struct {
	clientID string
	secret   core.Secret
	scope    string
	lifetime time.Duration
}

var _ core.Minter = (*clientCredentials)(nil)

// Mint posts the token request through call and checks the answer; its
// error is a *CredentialsError.
func (c *clientCredentials) Mint(ctx context.Context, call *core.Call) (core.Token, error) {
	body := zgen.OAuthTokenRequest{
		GrantType: "client_credentials", ClientId: c.clientID, ClientSecret: c.secret.Reveal(),
		Scope: c.scope, ExpiresIn: int(c.lifetime / time.Second),
	}
	var tok core.Token
	err := call.Do(ctx, opCreateToken, func(base string) (*http.Request, error) {
		return zgen.NewCreateOAuthTokenRequest(base, body)
	}, func(r core.Response) error {
		var w zgen.OAuthTokenResponse
		if err := json.Unmarshal(r.Body, &w); err != nil {
			return err
		}
		lifetime, err := c.granted(w.ExpiresIn)
		if err == nil {
			tok, err = core.NewToken(w.AccessToken, "Bearer", lifetime)
		}
		return err
	})
	if err != nil {
		e := &CredentialsError{ClientID: c.clientID, Err: err}
		if apiErr, ok := errors.AsType[*APIError](err); ok {
			e.Code = apiErr.Code
		}
		return core.Token{}, e
	}
	return tok, nil
}

// granted is the lifetime a token is used for, from the answer's
// expires_in (0 when it sent none): never longer than asked for, and an
// error for 300 s or less. Compared in whole seconds, so nothing overflows.
func (c *clientCredentials) granted(expiresIn int) (time.Duration, error) {
	if expiresIn == 0 {
		return c.lifetime, nil
	}
	if expiresIn < int(MinTokenLifetime/time.Second) {
		return 0, fmt.Errorf("expires_in %d is not over 300 seconds, the least Zendesk grants", expiresIn)
	}
	return time.Duration(min(expiresIn, int(c.lifetime/time.Second))) * time.Second, nil
}

// String describes the credentials without their secret.
func (c *clientCredentials) String() string {
	return fmt.Sprintf("WithClientCredentials(%q, [REDACTED], %q, expires_in=%d)", c.clientID, c.scope, int(c.lifetime/time.Second))
}

// Format writes String for every verb.
func (c *clientCredentials) Format(f fmt.State, _ rune) { core.FormatAs(f, c.String()) }

// CredentialsError reports that WithClientCredentials could not mint a
// token: the credentials, not the call that needed the token, are at
// fault (or the token endpoint failed). Err is the cause — an *APIError
// for an answer >= 400 (errors.Is(err, ErrUnauthorized) holds for a wrong
// secret, ErrServer for a 5xx), a *ConnectionError, a *DecodeError...
type CredentialsError struct {
	ClientID string // the OAuth client's Identifier (never the secret)
	// Code is the OAuth error the endpoint answered, e.g. "invalid_client",
	// "invalid_scope"; "" when there was none.
	Code string
	Err  error // the cause
}

// Error returns e.g. `zendesk: the OAuth client credentials of "acme_sync" were refused (invalid_client): ...`.
func (e *CredentialsError) Error() string {
	what := fmt.Sprintf("minting an OAuth token for client %q failed", e.ClientID)
	if apiErr, ok := errors.AsType[*APIError](e.Err); ok && apiErr.StatusCode < 500 {
		what = fmt.Sprintf("the OAuth client credentials of %q were refused", e.ClientID)
	}
	if e.Code != "" {
		what += " (" + e.Code + ")"
	}
	return fmt.Sprintf("zendesk: %s: %v", what, e.Err)
}

// Unwrap returns the cause.
func (e *CredentialsError) Unwrap() error { return e.Err }
