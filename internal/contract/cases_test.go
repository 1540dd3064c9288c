package contract_test

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/sessionkit/sessions/openapi"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// callOpts are the per-call settings a case runs with, turned into each
// API's own options (a Zendesk option does not compile for the game server).
type callOpts struct {
	// noRetry makes the call a single attempt.
	noRetry bool
	// prefer, when > 0, asks Prism for that status (Prefer: code=N).
	prefer int
}

// shared returns o as Zendesk options of both kinds.
func (o callOpts) shared() []zendesk.SharedOption {
	var out []zendesk.SharedOption
	if o.noRetry {
		out = append(out, zendesk.WithoutRetries())
	}
	if o.prefer > 0 {
		out = append(out, zendesk.WithHeader("Prefer", fmt.Sprintf("code=%d", o.prefer)))
	}
	return out
}

// zendesk returns o as Zendesk call options.
func (o callOpts) zendesk() []zendesk.CallOption {
	return convert(o.shared(), func(s zendesk.SharedOption) zendesk.CallOption { return s })
}

// zendeskClient returns o as Zendesk client options, for a case whose
// request a client sends by itself (the token endpoint).
func (o callOpts) zendeskClient() []zendesk.Option {
	return convert(o.shared(), func(s zendesk.SharedOption) zendesk.Option { return s })
}

// create returns o as game-server Create options.
func (o callOpts) create() []gameserver.CreateOption {
	return convert(o.game(), func(c gameserver.CallOption) gameserver.CreateOption { return c })
}

// convert maps in through f: options of one type to an interface they
// implement.
func convert[S, T any](in []S, f func(S) T) []T {
	out := make([]T, 0, len(in))
	for _, s := range in {
		out = append(out, f(s))
	}
	return out
}

// game returns o as game-server call options.
func (o callOpts) game() []gameserver.CallOption {
	var out []gameserver.CallOption
	if o.noRetry {
		out = append(out, gameserver.WithoutRetries())
	}
	if o.prefer > 0 {
		out = append(out, gameserver.WithHeader("Prefer", fmt.Sprintf("code=%d", o.prefer)))
	}
	return out
}

// clients are the two wrappers pointed at one implementation of the specs.
type clients struct {
	zendesk *zendesk.Client
	game    *gameserver.Client
	// newZendesk builds another Zendesk client of the same server with
	// opts (for the token endpoint, which a client calls once per token).
	newZendesk func(opts ...zendesk.Option) (*zendesk.Client, error)
}

// notServiceMethods are the wrapper functions, not methods of a Sessions
// service, that implement an operation; TestEveryOperationIsCovered
// accepts their names as a case's method.
var notServiceMethods = map[string]any{
	"zendesk.WithClientCredentials": zendesk.WithClientCredentials,
}

// contractCase drives one vendor operation through its wrapper method.
type contractCase struct {
	// spec is the file under openapi/ the operation belongs to.
	spec string
	// op is the vendor's operationId.
	op string
	// method is the wrapper method, on the client's Sessions service, that
	// implements op; TestEveryOperationIsCovered checks that it exists.
	method string
	// call performs op with valid arguments for the fixtures of both the
	// in-process servers and Prism's examples, with the per-call settings o.
	call func(ctx context.Context, c clients, o callOpts) error
}

const (
	zendeskSpec = openapi.ZendeskFile
	gameSpec    = openapi.GameserverFile

	// The Zendesk fixture: an admin with an OAuth token and a session.
	zUserID    int64 = 35436
	zSessionID int64 = 14
	zToken           = "contract-oauth-token"
	// The OAuth client of the client-credentials grant, acting as zUserID.
	zClientID     = "contract_client"
	zClientSecret = "contract-client-secret"
)

// firstPage fetches the first page of a pager-returning list and stops: Prism
// answers every page with the same example, so walking on would (rightly)
// end in ErrRepeatedCursor.
func firstPage[T any](ctx context.Context, pages func(context.Context) iter.Seq2[T, error]) error {
	for _, err := range pages(ctx) {
		return err
	}
	return nil
}

var zendeskCases = []contractCase{
	{zendeskSpec, "ListSessions", "List", func(ctx context.Context, c clients, o callOpts) error {
		return firstPage(ctx, c.zendesk.Sessions.List(nil, o.zendesk()...).Pages)
	}},
	{zendeskSpec, "ListUserSessions", "ListByUser", func(ctx context.Context, c clients, o callOpts) error {
		return firstPage(ctx, c.zendesk.Sessions.ListByUser(zUserID, &zendesk.ListOptions{PageSize: 10}, o.zendesk()...).Pages)
	}},
	{zendeskSpec, "ShowSession", "Get", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.zendesk.Sessions.Get(ctx, zUserID, zSessionID, o.zendesk()...)
		return err
	}},
	{zendeskSpec, "DeleteSession", "Delete", func(ctx context.Context, c clients, o callOpts) error {
		return c.zendesk.Sessions.Delete(ctx, zUserID, zSessionID, o.zendesk()...)
	}},
	{zendeskSpec, "BulkDeleteSessionsByUserId", "DeleteAllForUser", func(ctx context.Context, c clients, o callOpts) error {
		return c.zendesk.Sessions.DeleteAllForUser(ctx, zUserID, o.zendesk()...)
	}},
	{zendeskSpec, "ShowCurrentlyAuthenticatedSession", "Current", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.zendesk.Sessions.Current(ctx, o.zendesk()...)
		return err
	}},
	{zendeskSpec, "RenewCurrentSession", "Renew", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.zendesk.Sessions.Renew(ctx, o.zendesk()...)
		return err
	}},
	{zendeskSpec, "DeleteAuthenticatedSession", "Logout", func(ctx context.Context, c clients, o callOpts) error {
		return c.zendesk.Sessions.Logout(ctx, o.zendesk()...)
	}},
	// The token endpoint is called by a client with client credentials
	// before its first call, and again when the token is about to expire;
	// a new client mints at once. o's settings go to that client (the
	// mint is not part of any call).
	{zendeskSpec, "CreateOAuthToken", "zendesk.WithClientCredentials", func(ctx context.Context, c clients, o callOpts) error {
		zc, err := c.newZendesk(append(o.zendeskClient(), zendesk.WithClientCredentials(zClientID, zClientSecret, "read"))...)
		if err != nil {
			return err
		}
		_, err = zc.Sessions.Current(ctx)
		return err
	}},
}

// sentinelFor is the sentinel an *APIError with status must match.
func sentinelFor(status int) error {
	switch {
	case status == http.StatusBadRequest:
		return zendesk.ErrBadRequest
	case status == http.StatusUnauthorized:
		return zendesk.ErrUnauthorized
	case status == http.StatusForbidden:
		return zendesk.ErrForbidden
	case status == http.StatusNotFound:
		return zendesk.ErrNotFound
	case status == http.StatusConflict:
		return zendesk.ErrConflict
	case status == http.StatusGone:
		return zendesk.ErrGone
	case status == http.StatusUnprocessableEntity:
		return zendesk.ErrUnprocessable
	case status == http.StatusTooManyRequests:
		return zendesk.ErrRateLimited
	case status >= 500:
		return zendesk.ErrServer
	}
	return nil
}

const (
	// The game-server fixture: an app, a session of it with one user, and the API key.
	gApp       = "contract-app"
	gSessionID = "950dd2eaff09-S"
	gUserIP    = "203.0.113.7"
	gKey       = "contract-api-key"
)

var gameCases = []contractCase{
	{gameSpec, "session-post", "Create", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.game.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: gApp, IPList: []string{"198.51.100.1"}}, o.create()...)
		return err
	}},
	{gameSpec, "get-session", "Get", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.game.Sessions.Get(ctx, gSessionID, o.game()...)
		return err
	}},
	{gameSpec, "session-delete", "Delete", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.game.Sessions.Delete(ctx, gSessionID, o.game()...)
		return err
	}},
	{gameSpec, "get-users-session", "Users", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.game.Sessions.Users(ctx, gSessionID, o.game()...)
		return err
	}},
	{gameSpec, "put-users-session", "AddUsers", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.game.Sessions.AddUsers(ctx, gSessionID, []string{"198.51.100.2"}, o.game()...)
		return err
	}},
	{gameSpec, "delete-users-session", "RemoveUsers", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.game.Sessions.RemoveUsers(ctx, gSessionID, []string{gUserIP}, o.game()...)
		return err
	}},
	{gameSpec, "list-sessions", "List", func(ctx context.Context, c clients, o callOpts) error {
		return firstPage(ctx, c.game.Sessions.List(&gameserver.ListOptions{Limit: 10}, o.game()...).Pages)
	}},
	{gameSpec, "sessions-bulk-stop", "BulkStop", func(ctx context.Context, c clients, o callOpts) error {
		_, err := c.game.Sessions.BulkStop(ctx, []gameserver.StopFilter{{Field: gameserver.StopBySessionID, Values: []string{gSessionID}, Type: gameserver.FilterAny}}, o.game()...)
		return err
	}},
}

// allCases are the contract cases of both APIs.
func allCases() []contractCase {
	return append(append([]contractCase(nil), zendeskCases...), gameCases...)
}
