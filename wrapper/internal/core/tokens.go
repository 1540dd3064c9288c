package core

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions/wrapper/internal/clip"
)

// Minter mints access tokens, for credentials given with Mint.
type Minter interface {
	// Mint sends one token request through c (the client's settings
	// without credentials) under ctx. Its error goes to every caller
	// waiting for this mint: it must hold no secret.
	Mint(ctx context.Context, c *Call) (Token, error)
}

// Token is a minted access token; NewToken is the only way to build one,
// so an unchecked token is never cached.
type Token struct {
	header   string // "Bearer <token>"
	lifetime time.Duration
}

// NewToken checks that an access token and its type ("" means Bearer) can
// go in an Authorization header (at most 8 KiB: servers refuse more
// anyway) and that its lifetime is positive. The error is a plain one that
// never quotes the token: the wrapper says whose it is.
func NewToken(accessToken, typ string, lifetime time.Duration) (Token, error) {
	if typ == "" || strings.EqualFold(typ, "bearer") {
		typ = "Bearer"
	}
	switch {
	case accessToken == "":
		return Token{}, errors.New("the access token is empty")
	case len(accessToken) > 8<<10:
		return Token{}, fmt.Errorf("the access token is %d bytes long, more than %d", len(accessToken), 8<<10)
	case !validHeaderValue(accessToken) || strings.ContainsAny(accessToken, " \t"):
		return Token{}, errors.New("the access token has characters not allowed in a header")
	case !validHeaderName(typ):
		return Token{}, fmt.Errorf("the token type %q is not one word, such as Bearer", clip.Truncate(typ, 40))
	case lifetime <= 0:
		return Token{}, fmt.Errorf("the token lifetime %s is not positive", lifetime)
	}
	return Token{header: typ + " " + accessToken, lifetime: lifetime}, nil
}

// Mint makes tokens minted by m the client's credentials; option is the
// wrapper option the user called (for errors and printing). NewEngine
// turns it into a token cache of the engine's own, which:
//
//   - sends "Authorization: <type> <token>" while the token is more than
//     margin from its end (or in the first half of a shorter life);
//   - shares one mint among the callers that need a token meanwhile, each
//     waiting under its own context; the mint runs under the starter's
//     values without its cancellation, bounded by timeout;
//   - shares a failed mint's error with its waiters; after two failures
//     in a row it is returned at once for a backoff from 1 s doubling to
//     30 s (see mintBackoff), so a storm of calls against a failing token
//     endpoint makes a bounded number of token requests;
//   - drops the token a request answered 401 carried: decide sends the
//     call once more with a fresh one.
func (c *Settings) Mint(option string, m Minter, margin, timeout time.Duration) error {
	switch {
	case isNil(m):
		return c.api.named(invalid(option, nil, "the credentials must not be nil"))
	case margin < 0 || timeout <= 0:
		return c.api.named(invalid(option, nil, "needs a margin >= 0 and a timeout > 0"))
	}
	return c.api.named(c.setAuth(option, nil, &minterSpec{m: m, margin: margin, timeout: timeout}))
}

// minterSpec is a Mint option, resolved by NewEngine.
type minterSpec struct {
	m               Minter
	margin, timeout time.Duration
}

// tokenCache is the engine's Authenticator for Mint credentials.
type tokenCache struct {
	spec minterSpec
	call *Call // the client's settings without credentials

	mu        sync.Mutex
	header    []string  // the current Authorization value; nil when none
	refreshAt time.Time // when it is replaced
	flight    *mint     // the mint in progress, if any
	failures  int       // mints failed in a row
	lastErr   error     // the last failure, returned until retryAt
	retryAt   time.Time
}

// mint is one mint in progress; header and err are set before done closes.
type mint struct {
	done   chan struct{}
	header []string
	err    error
}

// Authenticate sets the current token, waiting under ctx for a mint.
func (t *tokenCache) Authenticate(ctx context.Context, req *http.Request) error {
	h, err := t.token(ctx)
	if err != nil {
		return err
	}
	req.Header["Authorization"] = h
	return nil
}

// token returns the current Authorization value, or mints one (see Mint).
func (t *tokenCache) token(ctx context.Context) ([]string, error) {
	t.mu.Lock()
	now := time.Now()
	if t.header != nil && now.Before(t.refreshAt) {
		h := t.header
		t.mu.Unlock()
		return h, nil
	}
	if t.lastErr != nil && now.Before(t.retryAt) {
		err := t.lastErr
		t.mu.Unlock()
		return nil, err
	}
	m := t.flight
	if m == nil {
		m = &mint{done: make(chan struct{})}
		t.flight = m
		go t.mint(context.WithoutCancel(ctx), m)
	}
	t.mu.Unlock()
	select {
	case <-m.done:
		return m.header, m.err
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for a token: %w", ctx.Err())
	}
}

// mint runs one mint and records its outcome.
func (t *tokenCache) mint(ctx context.Context, m *mint) {
	ctx, cancel := context.WithTimeout(ctx, t.spec.timeout)
	defer cancel()
	start := time.Now()
	tok, err := t.spec.m.Mint(ctx, t.call)
	if err == nil && tok.header == "" {
		err = errors.New("the minter returned a token not built by NewToken")
	}
	t.mu.Lock()
	if err == nil {
		t.header = []string{tok.header} // full (cap 1), so that an append copies
		t.refreshAt = start.Add(max(tok.lifetime-t.spec.margin, tok.lifetime/2))
		t.failures, t.lastErr = 0, nil
		m.header = t.header
	} else {
		t.failures++
		t.lastErr, t.retryAt = err, time.Now().Add(mintBackoff(t.failures))
		m.err = err
	}
	t.flight = nil
	t.mu.Unlock()
	close(m.done)
}

// invalidate drops the token if it is sent, a refused request's.
func (t *tokenCache) invalidate(sent string) {
	t.mu.Lock()
	if t.header != nil && t.header[0] == sent {
		t.header = nil
	}
	t.mu.Unlock()
}

// mintBackoff is how long the n-th failed mint in a row is returned
// without a new mint: none for the first, then 1 s doubling up to 30 s.
func mintBackoff(failures int) time.Duration {
	if failures < 2 {
		return 0
	}
	// A shift of 30 is far past the cap and far from overflowing.
	return min(time.Second<<min(failures-2, 30), 30*time.Second)
}

// String describes the credentials without a token.
func (t *tokenCache) String() string             { return redacted }
func (t *tokenCache) Format(f fmt.State, _ rune) { FormatAs(f, redacted) }
