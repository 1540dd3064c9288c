package gameserver

import (
	"context"
	"net/http"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Client is a client of the game-server Sessions API. Build it with
// NewClient; it is safe for concurrent use and never prints its API key.
type Client struct {
	// Sessions holds the API's operations on sessions.
	Sessions *SessionsService

	shell core.ClientShell // BaseURL, CloseIdleConnections, String (shared_gen.go)
}

// SessionsService is the API's session operations: create, get, delete,
// list, the users of a session, bulk stop, and WaitReady on top of them.
// Reach it through Client.Sessions. Every method takes per-call options,
// which override the client's for that call only.
type SessionsService struct {
	engine *core.Engine
	poll   pollInterval // the client's default polling
}

// NewClient returns a client of the game-server API at DefaultBaseURL,
// configured by opts: WithAPIToken for the credentials, WithBaseURL,
// WithHTTPClient, WithRetry and the rest. Every option is validated here; an
// invalid one gives an error matching ErrInvalidArgument that names it.
//
// A client without WithAPIToken sends no credentials, which the live API
// answers with 401.
func NewClient(opts ...Option) (*Client, error) {
	eopts, l, err := core.Collect(opts, Option.clientSetting, local{poll: pollInterval{first: DefaultPollInterval, max: DefaultMaxPollInterval}})
	if err != nil {
		return nil, err
	}
	e, err := core.NewEngine(api(), eopts...)
	if err != nil {
		return nil, err
	}
	return &Client{Sessions: &SessionsService{engine: e, poll: l.poll}, shell: core.NewClientShell(e, "gameserver.Client")}, nil
}

// prepare starts a call (core.Prepare) with options of any scope (setting
// is the scope's method), over the client's polling.
func prepare[O any](s *SessionsService, opts []O, setting func(O) core.Setting[local], argErr error) (*core.Call, local, error) {
	var (
		e    *core.Engine
		poll pollInterval
	)
	if s != nil {
		e, poll = s.engine, s.poll
	}
	return core.Prepare(e, "gameserver.SessionsService", argErr, opts, setting, local{poll: poll})
}

// do sends one call: the request build makes, decoded by decode.
func (s *SessionsService) do(ctx context.Context, opts []CallOption, argErr error, op *core.Op,
	build func(base string) (*http.Request, error), decode core.Decoder) error {
	c, _, err := prepare(s, opts, CallOption.callSetting, argErr)
	if err != nil {
		return err
	}
	return c.Send(ctx, op, build, decode)
}
