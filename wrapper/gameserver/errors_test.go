package gameserver

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/openapi"
)

// operations maps each operationId of the spec to the one method that
// implements it, called with valid arguments.
func operations() map[string]func(ctx context.Context, gc *Client, opts ...Option) error {
	return map[string]func(ctx context.Context, gc *Client, opts ...Option) error{
		"session-post": func(ctx context.Context, gc *Client, opts ...Option) error {
			_, err := gc.Sessions.Create(ctx, &CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}}, opts...)
			return err
		},
		"get-session": func(ctx context.Context, gc *Client, opts ...Option) error {
			_, err := gc.Sessions.Get(ctx, sessionID, calls(opts)...)
			return err
		},
		"session-delete": func(ctx context.Context, gc *Client, opts ...Option) error {
			_, err := gc.Sessions.Delete(ctx, sessionID, calls(opts)...)
			return err
		},
		"get-users-session": func(ctx context.Context, gc *Client, opts ...Option) error {
			_, err := gc.Sessions.Users(ctx, sessionID, calls(opts)...)
			return err
		},
		"put-users-session": func(ctx context.Context, gc *Client, opts ...Option) error {
			_, err := gc.Sessions.AddUsers(ctx, sessionID, []string{"203.0.113.7"}, calls(opts)...)
			return err
		},
		"delete-users-session": func(ctx context.Context, gc *Client, opts ...Option) error {
			_, err := gc.Sessions.RemoveUsers(ctx, sessionID, []string{"203.0.113.7"}, calls(opts)...)
			return err
		},
		"list-sessions": func(ctx context.Context, gc *Client, opts ...Option) error {
			_, err := gc.Sessions.List(nil, calls(opts)...).Collect(ctx)
			return err
		},
		"sessions-bulk-stop": func(ctx context.Context, gc *Client, opts ...Option) error {
			_, err := gc.Sessions.BulkStop(ctx, []StopFilter{{Field: StopBySessionID, Values: []string{sessionID}, Type: FilterAny}}, calls(opts)...)
			return err
		},
	}
}

// calls keeps the options of opts that every call takes (a test passes
// create-only ones to the create case alone).
func calls(opts []Option) []Option {
	var out []Option
	for _, o := range opts {
		if name := o.String(); !strings.Contains(name, "WithRetryNonIdempotent") && !strings.Contains(name, "WithWaitReady") {
			out = append(out, o)
		}
	}
	return out
}

// sentinels maps statuses to the sentinel an *APIError must match.
func sentinels() map[int]error {
	return map[int]error{
		400: ErrBadRequest, 401: ErrUnauthorized, 403: ErrForbidden, 404: ErrNotFound, 409: ErrConflict,
		410: ErrGone, 422: ErrUnprocessable, 429: ErrRateLimited, 500: ErrServer, 502: ErrServer, 503: ErrServer,
	}
}

// TestEveryDeclaredError has the spec-validating gameservertest server
// answer every operation with every error status its spec declares, with
// the API's {"message"} body, and checks the *APIError and its sentinel.
func TestEveryDeclaredError(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(openapi.Gameserver())
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			seen = append(seen, op.OperationID)
			do, found := operations()[op.OperationID]
			if !found {
				t.Errorf("operation %s (%s %s) has no method", op.OperationID, method, path)
				continue
			}
			for code := range op.Responses.Map() {
				status, err := strconv.Atoi(code)
				if err != nil || status < 400 {
					continue
				}
				t.Run(fmt.Sprintf("%s/%d", op.OperationID, status), func(t *testing.T) {
					message := fmt.Sprintf("declared %d of %s", status, op.OperationID)
					srv := seeded(t)
					srv.InjectFault(op.OperationID, gameservertest.Fault{Status: status, Body: fmt.Sprintf(`{"message":%q}`, message), Times: 1})
					gc, err := NewClient(WithAPIToken(testKey), WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithoutRetries())
					if err != nil {
						t.Fatal(err)
					}
					err = do(t.Context(), gc)
					apiErr, ok := errors.AsType[*APIError](err)
					if !ok {
						t.Fatalf("error %v (%T) is not an *APIError", err, err)
					}
					if apiErr.StatusCode != status || apiErr.Message != message || apiErr.Method != method || apiErr.Attempts != 1 {
						t.Errorf("APIError = %d %q %s, %d attempts; want %d %q %s, 1 attempt",
							apiErr.StatusCode, apiErr.Message, apiErr.Method, apiErr.Attempts, status, message, method)
					}
					if want := sentinels()[status]; want == nil || !errors.Is(err, want) {
						t.Errorf("errors.Is(%v, %v) = false", err, want)
					}
					if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Operation != op.OperationID || !reqs[0].Fault {
						t.Errorf("requests %+v, want one %s answered by the fault", reqs, op.OperationID)
					}
				})
			}
		}
	}
	slices.Sort(seen)
	if want := slices.Sorted(maps.Keys(operations())); !slices.Equal(seen, want) {
		t.Errorf("spec operations %v, methods for %v", seen, want)
	}
}

// TestUndecodableSuccess checks that a 200 whose body is not the expected
// JSON is a *DecodeError for every operation.
func TestUndecodableSuccess(t *testing.T) {
	for id, do := range operations() {
		t.Run(id, func(t *testing.T) {
			gc := newFake(t, reply{Status: http.StatusOK, Body: "<html>maintenance</html>"}).serve(t)
			err := do(t.Context(), gc)
			decErr, ok := errors.AsType[*DecodeError](err)
			if !ok {
				t.Fatalf("error %v (%T) is not a *DecodeError", err, err)
			}
			if decErr.StatusCode != http.StatusOK || decErr.Excerpt != "<html>maintenance</html>" {
				t.Errorf("DecodeError = %d %q", decErr.StatusCode, decErr.Excerpt)
			}
		})
	}
}

// TestDeleteStatuses checks Delete and DeleteIfExists against the
// gameservertest server: a session it deletes, one it does not know (404),
// one on a terminated deployment (410), a refused key and a refused
// request, which are not about the session being gone.
func TestDeleteStatuses(t *testing.T) {
	tests := []struct {
		name        string
		id, key     string
		setup       func(srv *gameservertest.Server)
		deleteErr   error
		wantDeleted bool
		ifExistsErr error
	}{
		{"deleted", sessionID, testKey, nil, nil, true, nil},
		{"unknown 404", "0badc0ffee00-S", testKey, nil, ErrNotFound, false, nil},
		{"terminated 410", sessionID, testKey, func(srv *gameservertest.Server) { srv.TerminateDeployment("9f511e17a5a5") }, ErrGone, false, nil},
		{"bad key 401", sessionID, "not-the-key", nil, ErrUnauthorized, false, ErrUnauthorized},
		{"refused 400", sessionID, testKey, func(srv *gameservertest.Server) {
			srv.InjectFault(gameservertest.OpSessionDelete, gameservertest.Fault{Status: 400, Body: `{"message":"bad"}`})
		}, ErrBadRequest, false, ErrBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			client := func() (*Client, *gameservertest.Server) {
				srv := seeded(t)
				if tc.setup != nil {
					tc.setup(srv)
				}
				gc, err := NewClient(WithAPIToken(tc.key), WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithoutRetries())
				if err != nil {
					t.Fatal(err)
				}
				return gc, srv
			}
			gc, _ := client()
			_, err := gc.Sessions.Delete(t.Context(), tc.id)
			if !errors.Is(err, tc.deleteErr) || (tc.deleteErr == nil) != (err == nil) {
				t.Errorf("Delete: %v, want %v", err, tc.deleteErr)
			}
			gc, srv := client()
			deleted, err := gc.Sessions.DeleteIfExists(t.Context(), tc.id)
			if deleted != tc.wantDeleted || !errors.Is(err, tc.ifExistsErr) || (tc.ifExistsErr == nil) != (err == nil) {
				t.Errorf("DeleteIfExists = %v, %v; want %v, %v", deleted, err, tc.wantDeleted, tc.ifExistsErr)
			}
			if gone := !slices.Contains(live(srv), sessionID); gone != tc.wantDeleted {
				t.Errorf("after DeleteIfExists the server holds %v: deleted = %v, want %v", live(srv), gone, tc.wantDeleted)
			}
		})
	}
}

// TestErrorMessages checks the text of the package's own errors.
func TestErrorMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&SessionFailedError{SessionID: "a", Status: "Unprocessable", Reason: "no match"},
			`gameserver: session "a" failed (Unprocessable): no match`},
		{&SessionFailedError{SessionID: "a", Reason: "no match"}, `gameserver: session "a" failed: no match`},
		{&WaitError{SessionID: "a", Polls: 1, Err: context.Canceled},
			`gameserver: waiting for session "a" to be ready (1 poll): context canceled`},
		{&WaitError{SessionID: "a", Polls: 3, Err: context.DeadlineExceeded},
			`gameserver: waiting for session "a" to be ready (3 polls): context deadline exceeded`},
		// A decoder error that is neither a syntax nor a type error (the
		// wire type has no custom unmarshaler today, so only a direct call
		// reaches this): named without quoting the error's text.
		{webhookDecodeError(errors.New(`bad "secret"`)),
			"gameserver webhook: the body is not a JSON session: it cannot be decoded"},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.err.Error()); diff != "" {
			t.Errorf("Error() (-want +got):\n%s", diff)
		}
	}
}
