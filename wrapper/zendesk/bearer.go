package zendesk

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// WithOAuth authenticates with OAuth 2 access tokens from ts, sent as
// "Authorization: <type> <token>" (Bearer by default), cached as
// WithClientCredentials's are and kept until 10 s before their expiry (or
// until refused), so a refreshing source keeps a long-running program
// authenticated. A token that cannot go in a header fails the call before
// anything is sent. nil is an error.
func WithOAuth(ts oauth2.TokenSource) Option {
	if ts == nil {
		return failing("WithOAuth(nil)", "WithOAuth token source", "must not be nil")
	}
	return clientOnly("WithOAuth([REDACTED])", func(s *settings) error {
		// oauth2.ReuseTokenSource's margin
		return s.Mint("WithOAuth", tokenSource{ts}, 10*time.Second, TokenMintTimeout)
	})
}

// tokenSource mints the tokens of WithOAuth by asking the caller's source.
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
