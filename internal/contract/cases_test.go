package contract_test

import (
	"context"
	"iter"
	"net/http"

	"github.com/sessionkit/sessions/openapi"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// Option is the per-call option type; both wrappers alias the same engine
// type, so one list of options serves either client.
type Option = zendesk.Option

// clients are the two wrappers pointed at one implementation of the specs.
type clients struct {
	zendesk *zendesk.Client
	game    *gameserver.Client
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
	// in-process servers and Prism's examples; opts are per-call options.
	call func(ctx context.Context, c clients, opts ...Option) error
}

const (
	zendeskSpec = openapi.ZendeskFile
	gameSpec    = openapi.GameserverFile

	// The Zendesk fixture: an admin with an OAuth token and a session.
	zUserID    int64 = 35436
	zSessionID int64 = 14
	zToken           = "contract-oauth-token"
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
	{zendeskSpec, "ListSessions", "List", func(ctx context.Context, c clients, opts ...Option) error {
		return firstPage(ctx, c.zendesk.Sessions.List(nil, opts...).Pages)
	}},
	{zendeskSpec, "ListUserSessions", "ListByUser", func(ctx context.Context, c clients, opts ...Option) error {
		return firstPage(ctx, c.zendesk.Sessions.ListByUser(zUserID, &zendesk.ListOptions{PageSize: 10}, opts...).Pages)
	}},
	{zendeskSpec, "ShowSession", "Get", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.zendesk.Sessions.Get(ctx, zUserID, zSessionID, opts...)
		return err
	}},
	{zendeskSpec, "DeleteSession", "Delete", func(ctx context.Context, c clients, opts ...Option) error {
		return c.zendesk.Sessions.Delete(ctx, zUserID, zSessionID, opts...)
	}},
	{zendeskSpec, "BulkDeleteSessionsByUserId", "DeleteAllForUser", func(ctx context.Context, c clients, opts ...Option) error {
		return c.zendesk.Sessions.DeleteAllForUser(ctx, zUserID, opts...)
	}},
	{zendeskSpec, "ShowCurrentlyAuthenticatedSession", "Current", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.zendesk.Sessions.Current(ctx, opts...)
		return err
	}},
	{zendeskSpec, "RenewCurrentSession", "Renew", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.zendesk.Sessions.Renew(ctx, opts...)
		return err
	}},
	{zendeskSpec, "DeleteAuthenticatedSession", "Logout", func(ctx context.Context, c clients, opts ...Option) error {
		return c.zendesk.Sessions.Logout(ctx, opts...)
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
	{gameSpec, "session-post", "Create", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.game.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: gApp, IPList: []string{"198.51.100.1"}}, opts...)
		return err
	}},
	{gameSpec, "get-session", "Get", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.game.Sessions.Get(ctx, gSessionID, opts...)
		return err
	}},
	{gameSpec, "session-delete", "Delete", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.game.Sessions.Delete(ctx, gSessionID, opts...)
		return err
	}},
	{gameSpec, "get-users-session", "Users", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.game.Sessions.Users(ctx, gSessionID, opts...)
		return err
	}},
	{gameSpec, "put-users-session", "AddUsers", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.game.Sessions.AddUsers(ctx, gSessionID, []string{"198.51.100.2"}, opts...)
		return err
	}},
	{gameSpec, "delete-users-session", "RemoveUsers", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.game.Sessions.RemoveUsers(ctx, gSessionID, []string{gUserIP}, opts...)
		return err
	}},
	{gameSpec, "list-sessions", "List", func(ctx context.Context, c clients, opts ...Option) error {
		return firstPage(ctx, c.game.Sessions.List(&gameserver.ListOptions{Limit: 10}, opts...).Pages)
	}},
	{gameSpec, "sessions-bulk-stop", "BulkStop", func(ctx context.Context, c clients, opts ...Option) error {
		_, err := c.game.Sessions.BulkStop(ctx, []gameserver.StopFilter{{Field: gameserver.StopBySessionID, Values: []string{gSessionID}, Type: gameserver.FilterAny}}, opts...)
		return err
	}},
}

// allCases are the contract cases of both APIs.
func allCases() []contractCase {
	return append(append([]contractCase(nil), zendeskCases...), gameCases...)
}
