package contract_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// injectError makes the api/ server answer the next request to an operation
// with status and the given body; each server has its own Fault type.
type injectError func(operation string, status int, body, contentType string)

// inProcess starts the api/ server for spec with the fixtures the cases
// expect and returns clients pointed at it.
func inProcess(t *testing.T, spec string) (clients, injectError) {
	t.Helper()
	switch spec {
	case zendeskSpec:
		srv := zendesktest.NewServer(t,
			zendesktest.WithUsers(zendesktest.User{ID: zUserID, Email: "admin@example.com", Role: zendesktest.RoleAdmin, OAuthToken: zToken}),
			zendesktest.WithSessions(zendesktest.Session{ID: zSessionID, UserID: zUserID}),
			zendesktest.WithOAuthClients(zendesktest.OAuthClient{ID: zClientID, Secret: zClientSecret, UserID: zUserID}))
		newZendesk := func(opts ...zendesk.Option) (*zendesk.Client, error) {
			return zendesk.NewClient("example", append([]zendesk.Option{zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client())}, opts...)...)
		}
		zc, err := newZendesk(zendesk.WithOAuthToken(zToken))
		if err != nil {
			t.Fatal(err)
		}
		return clients{zendesk: zc, newZendesk: newZendesk}, func(op string, status int, body, contentType string) {
			srv.InjectFault(op, zendesktest.Fault{Status: status, Body: body, ContentType: contentType, Times: 1})
		}
	case gameSpec:
		srv := gameservertest.NewServer(t,
			gameservertest.WithAPIToken(gKey),
			gameservertest.WithApps(gameservertest.App{Name: gApp}),
			gameservertest.WithSessions(gameservertest.Session{ID: gSessionID, App: gApp, Ready: true, Users: []gameservertest.User{{IP: gUserIP}}}))
		gc, err := gameserver.NewClient(gameserver.WithBaseURL(srv.URL), gameserver.WithHTTPClient(srv.Client()), gameserver.WithAPIToken(gKey))
		if err != nil {
			t.Fatal(err)
		}
		return clients{game: gc}, func(op string, status int, body, contentType string) {
			srv.InjectFault(op, gameservertest.Fault{Status: status, Body: body, ContentType: contentType, Times: 1})
		}
	}
	t.Fatalf("no server for %s", spec)
	return clients{}, nil
}

// errorBody is an error answer to inject and what the wrapper must decode
// from it.
type errorBody struct {
	body, contentType string
	want              wantBody
}

// errorBodies are the error bodies each API documents for status: the game
// server's {"message"}; Zendesk's classic JSON body and its text/plain one.
func errorBodies(spec string, status int) []errorBody {
	msg := fmt.Sprintf("contract failure %d", status)
	if spec == gameSpec {
		return []errorBody{{body: fmt.Sprintf(`{"message":%q}`, msg), contentType: "application/json", want: wantBody{message: msg}}}
	}
	code := fmt.Sprintf("ContractError%d", status)
	return []errorBody{
		{body: fmt.Sprintf(`{"error":%q,"description":%q}`, code, msg), contentType: "application/json", want: wantBody{code: code, message: msg}},
		{body: msg, contentType: "text/plain; charset=utf-8", want: wantBody{message: msg}},
	}
}

// TestInProcess runs every contract case against the spec-validating api/
// servers: first the real behaviour, then every documented error status.
func TestInProcess(t *testing.T) {
	for _, c := range allCases() {
		statuses := operations(t, c.spec)[c.op]
		t.Run(c.op, func(t *testing.T) {
			ctx := context.Background()
			cl, inject := inProcess(t, c.spec)
			if err := c.call(ctx, cl, callOpts{}); err != nil {
				t.Fatalf("%s: %v", c.method, err)
			}
			if len(statuses) == 0 {
				t.Fatalf("%s documents no error status", c.op)
			}
			for _, status := range statuses {
				for _, v := range errorBodies(c.spec, status) {
					inject(c.op, status, v.body, v.contentType)
					checkAPIError(t, c.spec, c.call(ctx, cl, callOpts{noRetry: true}), status, &v.want)
				}
			}
		})
	}
}
