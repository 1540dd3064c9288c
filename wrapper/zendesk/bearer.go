package zendesk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"golang.org/x/oauth2"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// oauthOption is WithOAuth: bearer credentials over ts. It lives in this
// package, the only one that takes an oauth2.TokenSource, so that a
// program using only the game-server client links no golang.org/x/oauth2.
func oauthOption(ts oauth2.TokenSource) Option {
	if ts == nil {
		return failing("WithOAuth(nil)", "WithOAuth token source", "must not be nil")
	}
	return engineOption(core.Auth("WithOAuth", &bearer{ts: oauth2.ReuseTokenSource(nil, nonNil{ts})}))
}

// nonNil is the caller's token source, with a nil token and no error made
// an error: oauth2.ReuseTokenSource would dereference the nil token.
type nonNil struct{ oauth2.TokenSource }

// Token returns the source's token, or an error when it gave neither a
// token nor an error.
func (s nonNil) Token() (*oauth2.Token, error) {
	t, err := s.TokenSource.Token()
	if err == nil && t == nil {
		return nil, errors.New("the token source returned neither a token nor an error")
	}
	return t, err
}

// bearer sends "Authorization: Bearer <token>" (or the token's own type)
// with tokens from ts, a caching oauth2.ReuseTokenSource over nonNil, so
// that a token is never nil without an error. A token that cannot go in a
// header (core.CheckToken) fails the call before anything is sent, and is
// not retried.
type bearer struct {
	ts oauth2.TokenSource

	mu     sync.Mutex
	token  string   // the last token seen
	header []string // its header value, checked
}

// Authenticate sets the current token's header.
func (a *bearer) Authenticate(_ context.Context, req *http.Request) error {
	tok, err := a.ts.Token()
	if err != nil {
		return fmt.Errorf("getting a token: %w", err)
	}
	a.mu.Lock()
	if a.header == nil || tok.AccessToken != a.token {
		h, err := core.CheckToken(tok.AccessToken, tok.Type())
		if err != nil {
			a.mu.Unlock()
			return fmt.Errorf("the WithOAuth token source returned a token that cannot be sent: %w", err)
		}
		a.token, a.header = tok.AccessToken, []string{h}
		a.header = a.header[:1:1] // full, so that an append copies
	}
	h := a.header
	a.mu.Unlock()
	req.Header["Authorization"] = h
	return nil
}

// String and Format never show a token.
func (a *bearer) String() string             { return "[REDACTED]" }
func (a *bearer) Format(f fmt.State, _ rune) { core.FormatAs(f, a.String()) }
