package contract_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/openapi"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// callOpts are the per-call settings a case runs with, turned into each
// API's own options (a Zendesk option does not compile for the game server).
type callOpts struct {
	// noRetry makes the call a single attempt.
	noRetry bool
	// prefer, when > 0, asks Prism for that status (Prefer: code=N).
	prefer int
	// tokenLifetime, when > 0, is the lifetime a minted OAuth token is
	// asked for (the live run asks for the shortest: it cannot revoke it).
	tokenLifetime time.Duration
}

// zendesk returns o as Zendesk options.
func (o callOpts) zendesk() []zendesk.Option {
	var out []zendesk.Option
	if o.noRetry {
		out = append(out, zendesk.WithoutRetries())
	}
	if o.prefer > 0 {
		out = append(out, zendesk.WithHeader("Prefer", fmt.Sprintf("code=%d", o.prefer)))
	}
	return out
}

// zendeskClient returns o as the options of a Zendesk client whose
// request it sends by itself (the token endpoint).
func (o callOpts) zendeskClient() []zendesk.Option {
	out := o.zendesk()
	if o.tokenLifetime > 0 {
		out = append(out, zendesk.WithTokenLifetime(o.tokenLifetime))
	}
	return out
}

// game returns o as game-server options.
func (o callOpts) game() []gameserver.Option {
	var out []gameserver.Option
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
	"zendesk.UsersService.ByEmail":  (*zendesk.UsersService).ByEmail,
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
	// write marks an operation that changes something on the server (a
	// session, a token, a session's expiry): the live run sends it only
	// when writes are enabled.
	write bool
	// call performs op on the fixture fx with the per-call settings o and
	// returns what the wrapper returned (nil for an operation that returns
	// nothing but its error).
	call func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error)
	// want is what call must return, read from the in-process servers'
	// state: st.before holds it as it was before the call.
	want func(st *fakeState) any
	// end, for a write, is the state the call must leave: what the server
	// holds after it and what it should hold.
	end func(st *fakeState) (got, want any)
}

// fixture names what the cases act on: ids the server knows.
type fixture struct {
	zUserID, zSessionID      int64
	zClientID, zClientSecret string // the OAuth client of the client-credentials grant
	zEmail                   string // the email of a user that SearchUsers finds
	gApp, gSessionID         string
	gUserIP                  string
	// gWebhookURL is the webhook_url a created session registers; "" for
	// none.
	gWebhookURL string
}

const (
	zendeskSpec = openapi.ZendeskFile
	gameSpec    = openapi.GameserverFile

	zToken = "contract-oauth-token"
	// gKey is the game server's API key.
	gKey = "contract-api-key"
)

// page is what a listing case returns: its first page, without the header
// (which carries the request id and the rate limit, checked elsewhere).
type page[T any] struct {
	Items            []T
	NextCursor       string
	HasMore          bool
	Total            int
	RateLimitPresent bool
}

// firstPage fetches the first page of a listing and stops: Prism answers
// every page with the same example, so walking on would (rightly) end in
// ErrRepeatedCursor.
func firstPage[T any](ctx context.Context, pages iter.Seq2[*sessionkit.Page[T], error]) (any, error) {
	for p, err := range pages {
		if err != nil {
			return nil, err
		}
		return page[T]{Items: p.Items, NextCursor: p.NextCursor, HasMore: p.HasMore, Total: p.Total, RateLimitPresent: p.RateLimit.Present}, nil
	}
	return nil, errors.New("the listing yielded no page")
}

// renewed is what a Renew case returns: whether a token came back.
type renewed struct{ TokenSet bool }

// done is the value of a call that returns only an error.
func done(err error) (any, error) { return nil, err }

var zendeskCases = []contractCase{
	{spec: zendeskSpec, op: "ListSessions", method: "List",
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return firstPage(ctx, c.zendesk.Sessions.List(nil, o.zendesk()...).Pages(ctx))
		},
		want: func(st *fakeState) any { // an admin sees every session
			return page[zendesk.Session]{Items: st.zSessions(nil), RateLimitPresent: true}
		}},
	{spec: zendeskSpec, op: "ListUserSessions", method: "ListByUser",
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return firstPage(ctx, c.zendesk.Sessions.ListByUser(fx.zUserID, &zendesk.ListOptions{PageSize: 10}, o.zendesk()...).Pages(ctx))
		},
		want: func(st *fakeState) any {
			return page[zendesk.Session]{Items: st.zSessions(func(s zendesktest.Session) bool { return s.UserID == st.fx.zUserID }), RateLimitPresent: true}
		}},
	{spec: zendeskSpec, op: "ShowSession", method: "Get",
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.zendesk.Sessions.Get(ctx, fx.zUserID, fx.zSessionID, o.zendesk()...)
		},
		want: func(st *fakeState) any { return st.zSession(st.fx.zSessionID) }},
	{spec: zendeskSpec, op: "SearchUsers", method: "zendesk.UsersService.ByEmail",
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.zendesk.Users.ByEmail(ctx, fx.zEmail, o.zendesk()...)
		},
		want: func(st *fakeState) any {
			return zendesk.User{ID: 35436, Email: "admin@example.com", Role: "admin", Active: true}
		}},
	{spec: zendeskSpec, op: "DeleteSession", method: "Delete", write: true,
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return done(c.zendesk.Sessions.Delete(ctx, fx.zUserID, fx.zSessionID, o.zendesk()...))
		},
		end: func(st *fakeState) (got, want any) {
			return st.zIDs(st.z.Sessions()), st.zIDs(st.zBefore, func(s zendesktest.Session) bool { return s.ID != st.fx.zSessionID })
		}},
	{spec: zendeskSpec, op: "BulkDeleteSessionsByUserId", method: "DeleteAllForUser", write: true,
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return done(c.zendesk.Sessions.DeleteAllForUser(ctx, fx.zUserID, o.zendesk()...))
		},
		end: func(st *fakeState) (got, want any) {
			return st.zIDs(st.z.Sessions()), st.zIDs(st.zBefore, func(s zendesktest.Session) bool { return s.UserID != st.fx.zUserID })
		}},
	{spec: zendeskSpec, op: "ShowCurrentlyAuthenticatedSession", method: "Current",
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.zendesk.Sessions.Current(ctx, o.zendesk()...)
		},
		want: func(st *fakeState) any { return st.zSession(st.zCurrent) }},
	{spec: zendeskSpec, op: "RenewCurrentSession", method: "Renew", write: true, // it extends the session
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			token, err := c.zendesk.Sessions.Renew(ctx, o.zendesk()...)
			return renewed{TokenSet: token != ""}, err
		},
		want: func(*fakeState) any { return renewed{TokenSet: true} }, // a fresh one each time, which the server keeps nowhere
		end: func(st *fakeState) (got, want any) { // the current session is seen now
			return st.zSession(st.zCurrent).LastSeenAt, st.now
		}},
	{spec: zendeskSpec, op: "DeleteAuthenticatedSession", method: "Logout", write: true,
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return done(c.zendesk.Sessions.Logout(ctx, o.zendesk()...))
		},
		end: func(st *fakeState) (got, want any) { // under token auth, nothing happens
			return st.zIDs(st.z.Sessions()), st.zIDs(st.zBefore)
		}},
	// The token endpoint is called by a client with client credentials
	// before its first call, and again when the token is about to expire;
	// a new client mints at once. o's settings go to that client (the
	// mint is not part of any call).
	{spec: zendeskSpec, op: "CreateOAuthToken", method: "zendesk.WithClientCredentials", write: true,
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			zc, err := c.newZendesk(append(o.zendeskClient(), zendesk.WithClientCredentials(fx.zClientID, fx.zClientSecret, "read"))...)
			if err != nil {
				return nil, err
			}
			return zc.Sessions.Current(ctx)
		},
		want: func(st *fakeState) any { return st.zSession(st.zCurrent) },
		end: func(st *fakeState) (got, want any) { // one token, minted for the client
			var clients []string
			for _, tok := range st.z.OAuthTokens() {
				clients = append(clients, tok.ClientID)
			}
			return clients, []string{st.fx.zClientID}
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

var gameCases = []contractCase{
	{spec: gameSpec, op: "session-post", method: "Create", write: true,
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.game.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: fx.gApp, IPList: []string{"198.51.100.1"},
				Selectors:  []gameserver.Selector{{Tag: "contract", Env: &gameserver.SelectorEnv{Key: "MODE", Value: "contract"}}},
				WebhookURL: fx.gWebhookURL}, o.game()...)
		},
		want: func(st *fakeState) any { // the session the server now holds
			s := st.gNew()
			return &gameserver.CreatedSession{ID: s.ID, App: s.App, Version: s.Version, WebhookURL: s.WebhookURL,
				Selectors: []gameserver.Selector{{Tag: "contract", Env: &gameserver.SelectorEnv{Key: "MODE", Value: "contract"}}}}
		},
		end: func(st *fakeState) (got, want any) {
			s := st.gNew()
			return s.Users, []gameservertest.User{{IP: "198.51.100.1"}}
		}},
	{spec: gameSpec, op: "get-session", method: "Get",
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.game.Sessions.Get(ctx, fx.gSessionID, o.game()...)
		},
		want: func(st *fakeState) any { return st.gSession(st.fx.gSessionID) }},
	{spec: gameSpec, op: "session-delete", method: "Delete", write: true,
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.game.Sessions.Delete(ctx, fx.gSessionID, o.game()...)
		},
		want: func(st *fakeState) any {
			s := st.gBeforeSession(st.fx.gSessionID)
			return &gameserver.DeletedSession{ID: s.ID, CustomID: s.CustomID, Message: "Session " + s.ID + " deleted"}
		},
		end: func(st *fakeState) (got, want any) {
			return st.gIDs(st.g.Sessions()), st.gIDs(st.gBefore, func(s gameservertest.Session) bool { return s.ID != st.fx.gSessionID })
		}},
	{spec: gameSpec, op: "get-users-session", method: "Users",
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.game.Sessions.Users(ctx, fx.gSessionID, o.game()...)
		},
		want: func(st *fakeState) any { return gUsers(st.gBeforeSession(st.fx.gSessionID).Users) }},
	{spec: gameSpec, op: "put-users-session", method: "AddUsers", write: true,
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.game.Sessions.AddUsers(ctx, fx.gSessionID, []string{"198.51.100.2"}, o.game()...)
		},
		want: func(st *fakeState) any { return gUsers(st.gNow(st.fx.gSessionID).Users) },
		end: func(st *fakeState) (got, want any) {
			return st.gNow(st.fx.gSessionID).Users, append(st.gBeforeSession(st.fx.gSessionID).Users, gameservertest.User{IP: "198.51.100.2"})
		}},
	{spec: gameSpec, op: "delete-users-session", method: "RemoveUsers", write: true,
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.game.Sessions.RemoveUsers(ctx, fx.gSessionID, []string{fx.gUserIP}, o.game()...)
		},
		want: func(st *fakeState) any { return gUsers(st.gNow(st.fx.gSessionID).Users) },
		end: func(st *fakeState) (got, want any) {
			var kept []gameservertest.User
			for _, u := range st.gBeforeSession(st.fx.gSessionID).Users {
				if u.IP != st.fx.gUserIP {
					kept = append(kept, u)
				}
			}
			return st.gNow(st.fx.gSessionID).Users, kept
		}},
	{spec: gameSpec, op: "list-sessions", method: "List",
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return firstPage(ctx, c.game.Sessions.List(&gameserver.ListOptions{Limit: 10}, o.game()...).Pages(ctx))
		},
		want: func(st *fakeState) any {
			var items []gameserver.SessionSummary
			for _, s := range st.gBefore {
				if !s.Terminated {
					items = append(items, gSummary(s))
				}
			}
			return page[gameserver.SessionSummary]{Items: items, Total: len(items)}
		}},
	{spec: gameSpec, op: "sessions-bulk-stop", method: "BulkStop", write: true,
		call: func(ctx context.Context, c clients, fx fixture, o callOpts) (any, error) {
			return c.game.Sessions.BulkStop(ctx, []gameserver.StopFilter{{Field: gameserver.StopBySessionID, Values: []string{fx.gSessionID}, Type: gameserver.FilterAny}}, o.game()...)
		},
		want: func(st *fakeState) any { return []string{st.fx.gSessionID} },
		end: func(st *fakeState) (got, want any) { // the session is terminated, the others live on
			var live []string
			for _, s := range st.g.Sessions() {
				if !s.Terminated {
					live = append(live, s.ID)
				}
			}
			return live, st.gIDs(st.gBefore, func(s gameservertest.Session) bool { return s.ID != st.fx.gSessionID && !s.Terminated })
		}},
}

// allCases are the contract cases of both APIs.
func allCases() []contractCase {
	return append(append([]contractCase(nil), zendeskCases...), gameCases...)
}
