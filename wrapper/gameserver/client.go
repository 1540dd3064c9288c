package gameserver

import (
	"context"
	"fmt"
	"log/slog"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// DefaultBaseURL is the API's base URL when no WithBaseURL is given.
const DefaultBaseURL = "https://api.edgegap.com"

// userAgent is the SDK's User-Agent product; WithUserAgent prepends the
// caller's.
const userAgent = "sessionkit-go-gameserver/0.1"

// Client is a client of the game-server Sessions API. Build it with
// NewClient; it is safe for concurrent use and never prints its API key.
type Client struct {
	// Sessions holds the API's operations on sessions.
	Sessions *SessionsService

	engine *core.Engine
}

// SessionsService is the API's session operations: create, get, delete,
// list, the users of a session, bulk stop, and WaitReady on top of them.
// Reach it through Client.Sessions. Every method takes per-call options,
// which override the client's for that call only.
type SessionsService struct {
	engine *core.Engine
	gen    ggen.ClientInterface
	// Client-wide defaults of the wrapper's own options (WithWaitReady,
	// WithPollInterval); per-call options override them.
	wait bool
	poll pollInterval
}

// prepare checks that the service was made by NewClient, then validates the
// per-call options and returns the context to call the generated client
// with. A nil or zero service is an error, never a panic.
func (s *SessionsService) prepare(ctx context.Context, opts []Option) (context.Context, error) {
	if s == nil || s.engine == nil || s.gen == nil {
		return nil, core.InvalidArgument("gameserver.SessionsService", "is not initialised: use NewClient")
	}
	return s.engine.Prepare(ctx, opts...)
}

// NewClient returns a client of the game-server API at DefaultBaseURL,
// configured by opts: WithAPIToken for the credentials, WithBaseURL,
// WithHTTPClient, WithRetry and the rest. Every option is validated here; an
// invalid one gives an error matching ErrInvalidArgument that names it.
//
// A client without WithAPIToken sends no credentials, which the live API
// answers with 401.
func NewClient(opts ...Option) (*Client, error) {
	e, err := core.NewEngine(core.Settings{DefaultBaseURL: DefaultBaseURL, UserAgent: userAgent}, opts...)
	if err != nil {
		return nil, err
	}
	poll, err := pollFrom(opts, pollInterval{first: DefaultPollInterval, max: DefaultMaxPollInterval})
	if err != nil {
		return nil, err
	}
	wait, _ := core.ExtensionValue[bool](opts, waitReadyKey{})
	g, err := ggen.NewClient(e.BaseURL(), ggen.WithHTTPClient(e))
	if err != nil {
		return nil, fmt.Errorf("gameserver: building the generated client: %w", err)
	}
	return &Client{
		Sessions: &SessionsService{engine: e, gen: g, wait: wait, poll: poll},
		engine:   e,
	}, nil
}

// BaseURL returns the URL the client sends its requests to, such as
// https://api.edgegap.com, without a trailing slash; "" for a nil client.
func (c *Client) BaseURL() string { return c.eng().BaseURL() }

// CloseIdleConnections closes the idle connections of the client's HTTP
// client, when it has such a method (*http.Client does).
func (c *Client) CloseIdleConnections() { c.eng().CloseIdleConnections() }

// String describes the client's settings, without credentials.
func (c *Client) String() string { return core.ClientString("gameserver.Client", c.eng()) }

// GoString is String, so %#v never shows a credential either.
func (c *Client) GoString() string { return c.String() }

// Format writes String for every verb, so %+v and %#v are safe to log.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, c.String()) }

// LogValue makes slog print String.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// eng is the client's engine; nil for a nil client (the engine's methods
// accept a nil receiver).
func (c *Client) eng() *core.Engine {
	if c == nil {
		return nil
	}
	return c.engine
}
