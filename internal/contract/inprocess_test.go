package contract_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// injectError makes the api/ server answer the next request to an operation
// with status and the given body; each server has its own Fault type.
type injectError func(operation string, status int, body, contentType string)

// inProcess starts the api/ server for spec with the fixture the cases
// expect and returns clients pointed at it and its state.
func inProcess(t *testing.T, spec string) (clients, *fakeState, injectError) {
	t.Helper()
	clock := func() time.Time { return fixedNow }
	st := &fakeState{fx: inProcessFixture, now: fixedNow, zCurrent: zCurrentID}
	switch spec {
	case zendeskSpec:
		srv := zendesktest.NewServer(t, zendesktest.WithClock(clock), zendesktest.WithUsers(zUsers...),
			zendesktest.WithSessions(zSeed...),
			zendesktest.WithOAuthClients(zendesktest.OAuthClient{ID: inProcessFixture.zClientID, Secret: inProcessFixture.zClientSecret, UserID: zUsers[0].ID}))
		newZendesk := func(opts ...zendesk.Option) (*zendesk.Client, error) {
			return zendesk.NewClient("example", append([]zendesk.Option{zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client())}, opts...)...)
		}
		zc, err := newZendesk(zendesk.WithOAuthToken(zToken))
		if err != nil {
			t.Fatal(err)
		}
		st.z = srv
		return clients{zendesk: zc, newZendesk: newZendesk}, st, func(op string, status int, body, contentType string) {
			srv.InjectFault(op, zendesktest.Fault{Status: status, Body: body, ContentType: contentType, Times: 1})
		}
	case gameSpec:
		srv := gameservertest.NewServer(t,
			gameservertest.WithClock(clock),
			gameservertest.WithAPIToken(gKey),
			gameservertest.WithApps(gameservertest.App{Name: inProcessFixture.gApp, Versions: []gameservertest.AppVersion{gVersion}}),
			gameservertest.WithDeployments(gDeployment),
			gameservertest.WithSessions(gSeed...))
		gc, err := gameserver.NewClient(gameserver.WithBaseURL(srv.URL), gameserver.WithHTTPClient(srv.Client()), gameserver.WithAPIToken(gKey))
		if err != nil {
			t.Fatal(err)
		}
		st.g = srv
		return clients{game: gc}, st, func(op string, status int, body, contentType string) {
			srv.InjectFault(op, gameservertest.Fault{Status: status, Body: body, ContentType: contentType, Times: 1})
		}
	}
	t.Fatalf("no server for %s", spec)
	return clients{}, nil, nil
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
// servers: first the real behaviour, whose returned value (and, for a
// write, the server's end state) must equal what the server's state says,
// then every documented error status.
func TestInProcess(t *testing.T) {
	for _, c := range allCases() {
		statuses := operations(t, c.spec)[c.op]
		t.Run(c.op, func(t *testing.T) {
			ctx := context.Background()
			cl, st, inject := inProcess(t, c.spec)
			st.snapshot()
			got, err := c.call(ctx, cl, st.fx, callOpts{})
			if err != nil {
				t.Fatalf("%s: %v", c.method, err)
			}
			var want any
			if c.want != nil {
				want = c.want(st)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s returned (-state +got):\n%s", c.method, diff)
			}
			if c.end != nil {
				gotEnd, wantEnd := c.end(st)
				if diff := cmp.Diff(wantEnd, gotEnd); diff != "" {
					t.Errorf("after %s, the server holds (-want +got):\n%s", c.method, diff)
				}
			}
			if len(statuses) == 0 {
				t.Fatalf("%s documents no error status", c.op)
			}
			for _, status := range statuses {
				for _, v := range errorBodies(c.spec, status) {
					inject(c.op, status, v.body, v.contentType)
					_, err := c.call(ctx, cl, st.fx, callOpts{noRetry: true})
					checkAPIError(t, c.spec, err, status, &v.want)
				}
			}
		})
	}
}
