package zendesk

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// oauthMargin is how long before its expiry a WithOAuth token is asked
// for again: oauth2.ReuseTokenSource's margin.
const oauthMargin = 10 * time.Second

// oauthOption is WithOAuth: the engine's token cache (the one of
// WithClientCredentials too) over ts. It lives in this package, the only
// one that takes an oauth2.TokenSource, so that a program using only the
// game-server client links no golang.org/x/oauth2.
func oauthOption(ts oauth2.TokenSource) Option {
	if ts == nil {
		return failing("WithOAuth(nil)", "WithOAuth token source", "must not be nil")
	}
	return clientOnly("WithOAuth([REDACTED])", func(s *settings) error {
		return s.Mint("WithOAuth", tokenSource{ts}, oauthMargin, TokenMintTimeout)
	})
}

// tokenSource mints the tokens of WithOAuth by asking the caller's source;
// the engine caches them until oauthMargin before their expiry (a token
// without one until it is refused, an expired one for the request that
// asked only). A token that cannot go in a header fails the call before
// anything is sent, and is not retried.
type tokenSource struct{ ts oauth2.TokenSource }

// Mint returns the source's current token.
func (s tokenSource) Mint(context.Context, *core.Call) (core.Token, error) {
	tok, err := s.ts.Token()
	switch {
	case err != nil:
		return core.Token{}, fmt.Errorf("getting a token: %w", err)
	case tok == nil:
		return core.Token{}, errors.New("getting a token: the token source returned neither a token nor an error")
	}
	lifetime := max(time.Until(tok.Expiry), time.Nanosecond)
	if tok.Expiry.IsZero() {
		lifetime = 100 * 365 * 24 * time.Hour // until it is refused
	}
	t, err := core.NewToken(tok.AccessToken, tok.Type(), lifetime)
	if err != nil {
		return core.Token{}, fmt.Errorf("the WithOAuth token source returned a token that cannot be sent: %w", err)
	}
	return t, nil
}

// String and Format never show a token.
func (s tokenSource) String() string             { return "[REDACTED]" }
func (s tokenSource) Format(f fmt.State, _ rune) { core.FormatAs(f, s.String()) }
