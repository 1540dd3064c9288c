package core

import (
	"context"
	"errors"
	"fmt"
	"github.com/sessionkit/sessions/wrapper/internal/clip"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Minter mints access tokens, for credentials given to the engine with
// Mint. The engine resolves them when it is built: it gives the minter
// c, a call with the client's settings (HTTP client, retry policy, rate
// limit, headers, size limit) but no credentials, so that minting never
// comes back to the credentials or the client being built, and caches
// what Mint returns (see Mint).
type Minter interface {
	// Mint sends one token request through c, under ctx, and returns the
	// token (checked by NewToken). Its error is the call's error, as
	// returned to every caller waiting for this mint: it must hold no
	// secret.
	Mint(ctx context.Context, c *Call) (Token, error)
}

// Token is a minted access token, checked by NewToken: the only way to
// build one, so that an unchecked token is never cached.
type Token struct {
	header   string // "Bearer <token>"
	lifetime time.Duration
}

// maxTokenBytes bounds an access token: header fields beyond a few KiB
// are refused by servers and proxies anyway.
const maxTokenBytes = 8 << 10

// checkToken checks that an access token and its type (such as "Bearer";
// "" means Bearer) can go in an Authorization header and returns the
// header's value. The error says what is wrong without quoting the
// token; it is a plain error (a token comes from a server or a token
// source, not from the caller's arguments): the wrapper says whose.
func checkToken(accessToken, typ string) (string, error) {
	if typ == "" {
		typ = "Bearer"
	}
	switch {
	case accessToken == "":
		return "", errors.New("the access token is empty")
	case len(accessToken) > maxTokenBytes:
		return "", fmt.Errorf("the access token is %d bytes long, more than %d", len(accessToken), maxTokenBytes)
	case !validHeaderValue(accessToken) || strings.ContainsAny(accessToken, " \t"):
		return "", errors.New("the access token has characters not allowed in a header")
	case !validHeaderName(typ):
		return "", fmt.Errorf("the token type %q is not one word, such as Bearer", clip.Truncate(typ, 40))
	}
	if strings.EqualFold(typ, "bearer") {
		typ = "Bearer"
	}
	return typ + " " + accessToken, nil
}

// NewToken checks a minted token (see checkToken) and its lifetime, which
// must be positive: it is used until Mint's margin before it ends.
func NewToken(accessToken, typ string, lifetime time.Duration) (Token, error) {
	h, err := checkToken(accessToken, typ)
	if err != nil {
		return Token{}, err
	}
	if lifetime <= 0 {
		return Token{}, fmt.Errorf("the token lifetime %s is not positive", lifetime)
	}
	return Token{header: h, lifetime: lifetime}, nil
}

// Mint makes tokens minted by m the client's credentials; option is the
// wrapper option the user called (for errors and printing). It conflicts
// with any other credential option. The engine resolves it in NewEngine
// into a token cache of its own (two engines never share a token), which:
//
//   - sends "Authorization: <type> <token>" on every attempt while the
//     token is more than margin from its end (or, for a lifetime under
//     twice the margin, in the first half of its life);
//   - shares one mint among every caller that needs a token meanwhile.
//     Each caller waits under its own context and returns when it ends,
//     with an error matching the context's; the mint itself runs under a
//     context of its own: the values of the caller that started it, none
//     of its cancellation (one caller giving up does not fail the
//     others), bounded by timeout;
//   - shares a failed mint's error too, with every caller waiting for it;
//     after two failures in a row the error is also returned at once to
//     callers for a backoff that starts at a second and doubles up to 30 s
//     (a single failure is not remembered, so one bad answer costs the
//     next call nothing), so that a storm of calls against a failing token
//     endpoint makes a bounded number of token requests;
//   - drops the token when a request that carried it is answered 401:
//     decide then sends the call once more, with a fresh token (of many
//     calls refused with one token, the first drops it, the others use
//     the one minted for it).
func (c *Settings) Mint(option string, m Minter, margin, timeout time.Duration) error {
	switch {
	case isNil(m):
		return c.api.named(invalid(option, nil, "the credentials must not be nil"))
	case margin < 0 || timeout <= 0:
		return c.api.named(invalid(option, nil, "needs a margin >= 0 and a timeout > 0"))
	case c.auth != nil || c.minter != nil:
		return c.api.named(invalid(option, nil, "conflicts with "+c.authName+": give a client one credential option"))
	}
	c.minter, c.authName = &minterSpec{m: m, margin: margin, timeout: timeout}, option
	return nil
}

// minterSpec is a Mint option, resolved by NewEngine.
type minterSpec struct {
	m               Minter
	margin, timeout time.Duration
}

// Failure backoff of a token cache (see Mint).
const (
	mintBackoffFirst = time.Second
	mintBackoffMax   = 30 * time.Second
)

// tokenCache is the engine's Authenticator for Mint credentials.
type tokenCache struct {
	spec minterSpec
	call *Call // the engine's settings without credentials

	mu        sync.Mutex
	header    []string  // the current Authorization value; nil when none
	refreshAt time.Time // when it is replaced
	flight    *mint     // the mint in progress, if any
	failures  int       // mints failed in a row
	lastErr   error     // the last failure, returned until retryAt
	retryAt   time.Time
}

// mint is one mint in progress; header and err are set before done is
// closed.
type mint struct {
	done   chan struct{}
	header []string
	err    error
}

// Authenticate sets the current token, or waits under ctx for the mint
// that replaces it.
func (t *tokenCache) Authenticate(ctx context.Context, req *http.Request) error {
	h, err := t.token(ctx)
	if err != nil {
		return err
	}
	req.Header["Authorization"] = h
	return nil
}

// token returns the current Authorization value, minting one when there
// is none: see Mint.
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
		t.header = []string{tok.header}
		t.header = t.header[:1:1] // full, so that an append copies
		t.refreshAt = start.Add(refreshAfter(tok.lifetime, t.spec.margin))
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

// invalidate drops the token when it is the one a refused request carried
// (sent is that request's Authorization value).
func (t *tokenCache) invalidate(sent string) {
	t.mu.Lock()
	if t.header != nil && t.header[0] == sent {
		t.header = nil
	}
	t.mu.Unlock()
}

// refreshAfter is how long a token of lifetime is used: until margin
// before its end, or half its life when that is shorter.
func refreshAfter(lifetime, margin time.Duration) time.Duration {
	return max(lifetime-margin, lifetime/2)
}

// mintBackoff is how long the failure of the n-th failed mint in a row is
// returned to callers without a new mint: none for the first, then from
// a second, doubling, up to 30 s.
func mintBackoff(failures int) time.Duration {
	if failures < 2 {
		return 0
	}
	// A shift of 30 is far past the cap and far from overflowing.
	return min(mintBackoffFirst<<min(failures-2, 30), mintBackoffMax)
}

// String describes the credentials without a token.
func (t *tokenCache) String() string             { return redacted }
func (t *tokenCache) Format(f fmt.State, _ rune) { FormatAs(f, redacted) }
