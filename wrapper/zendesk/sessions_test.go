package zendesk_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestOperations calls every operation against a recording server and
// checks the exact method, escaped path, encoded query and Authorization
// header sent, and the decoded result.
func TestOperations(t *testing.T) {
	const user, sess = int64(1) << 40, int64(1) << 33
	cursorPage := `{"sessions":[` + sessionJSON + `],"meta":{"has_more":false,"after_cursor":null,"before_cursor":"bc"},"links":{"next":null,"prev":"https://acme.zendesk.com/api/v2/sessions?page%5Bbefore%5D=bc"}}`
	tests := []struct {
		name  string
		call  func(ctx context.Context, zc *zendesk.Client) (any, error)
		reply reply
		want  seen
		res   any
	}{
		{
			name: "ListSessions default",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return zc.Sessions.List(nil).Collect(ctx)
			},
			reply: reply{status: 200, body: cursorPage},
			want:  seen{Method: "GET", Path: "/api/v2/sessions", Query: "page%5Bsize%5D=100"},
			res:   []zendesk.Session{recorded()},
		},
		{
			name: "ListSessions options",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return zc.Sessions.List(&zendesk.ListOptions{PageSize: 50, After: "a+b/c=", Sort: "-authenticated_at"}).Collect(ctx)
			},
			reply: reply{status: 200, body: cursorPage},
			want:  seen{Method: "GET", Path: "/api/v2/sessions", Query: "page%5Bsize%5D=50&page%5Bafter%5D=a%2Bb%2Fc%3D&sort=-authenticated_at"},
			res:   []zendesk.Session{recorded()},
		},
		{
			name: "ListSessions before",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return zc.Sessions.List(&zendesk.ListOptions{Before: "bc"}).Collect(ctx)
			},
			reply: reply{status: 200, body: `{"sessions":[],"meta":{"has_more":false}}`},
			want:  seen{Method: "GET", Path: "/api/v2/sessions", Query: "page%5Bsize%5D=100&page%5Bbefore%5D=bc"},
			res:   []zendesk.Session{},
		},
		{
			name: "ListUserSessions cursor",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return zc.Sessions.ListByUser(user, &zendesk.ListOptions{PageSize: 1}).Collect(ctx)
			},
			reply: reply{status: 200, body: cursorPage},
			want:  seen{Method: "GET", Path: "/api/v2/users/1099511627776/sessions", Query: "page%5Bsize%5D=1"},
			res:   []zendesk.Session{recorded()},
		},
		{
			name: "ListUserSessions offset",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return zc.Sessions.ListByUser(user, &zendesk.ListOptions{Offset: true, Page: 3, PageSize: 10, Sort: "id"}).Collect(ctx)
			},
			reply: reply{status: 200, body: `{"sessions":[` + sessionJSON + `],"next_page":null,"previous_page":"https://acme.zendesk.com/api/v2/users/1/sessions.json?page=2","count":21}`},
			want:  seen{Method: "GET", Path: "/api/v2/users/1099511627776/sessions", Query: "sort=id&page=3&per_page=10"},
			res:   []zendesk.Session{recorded()},
		},
		{
			name: "ShowSession",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return zc.Sessions.Get(ctx, user, sess)
			},
			reply: reply{status: 200, body: bodySessionObject},
			want:  seen{Method: "GET", Path: "/api/v2/users/1099511627776/sessions/8589934592"},
			res:   recorded(),
		},
		{
			name: "DeleteSession",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return nil, zc.Sessions.Delete(ctx, user, sess)
			},
			reply: reply{status: 204},
			want:  seen{Method: "DELETE", Path: "/api/v2/users/1099511627776/sessions/8589934592"},
		},
		{
			name: "BulkDeleteSessionsByUserId",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return nil, zc.Sessions.DeleteAllForUser(ctx, user)
			},
			reply: reply{status: 204},
			want:  seen{Method: "DELETE", Path: "/api/v2/users/1099511627776/sessions"},
		},
		{
			name: "ShowCurrentlyAuthenticatedSession",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return zc.Sessions.Current(ctx)
			},
			reply: reply{status: 200, body: bodySessionArray},
			want:  seen{Method: "GET", Path: "/api/v2/users/me/session"},
			res:   recorded(),
		},
		{
			name: "RenewCurrentSession",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return zc.Sessions.Renew(ctx)
			},
			reply: reply{status: 200, body: bodyRenew},
			want:  seen{Method: "GET", Path: "/api/v2/users/me/session/renew"},
			res:   "huU1eXsF/VdCDSmSHk4wxpbYvU0kJt8VNSCuZMa3tdg=",
		},
		{
			name: "DeleteAuthenticatedSession",
			call: func(ctx context.Context, zc *zendesk.Client) (any, error) {
				return nil, zc.Sessions.Logout(ctx)
			},
			reply: reply{status: 204},
			want:  seen{Method: "DELETE", Path: "/api/v2/users/me/logout"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, tc.reply)
			got, err := tc.call(t.Context(), f.client(t))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.res, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			tc.want.Auth = apiTokenAuth()
			if diff := cmp.Diff([]seen{tc.want}, f.requests()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

// sessionJSON is the recorded session object.
const sessionJSON = `{"id":8589934592,"user_id":12884901888,"authenticated_at":"2014-11-18T17:24:29Z","last_seen_at":"2014-11-18T17:30:52Z","url":"https://acme.zendesk.com/api/v2/users/12884901888/sessions/8589934592.json"}`

// TestBadArguments checks that bad ids fail before any request, with an
// error naming the argument.
func TestBadArguments(t *testing.T) {
	s := offlineClient(t).Sessions
	tests := []struct {
		name string
		call func(ctx context.Context) error
		want string
	}{
		{"Get userID 0", func(ctx context.Context) error { _, err := s.Get(ctx, 0, 1); return err }, "zendesk: invalid userID 0: must be > 0"},
		{"Get userID < 0", func(ctx context.Context) error { _, err := s.Get(ctx, -5, 1); return err }, "zendesk: invalid userID -5: must be > 0"},
		{"Get sessionID 0", func(ctx context.Context) error { _, err := s.Get(ctx, 1, 0); return err }, "zendesk: invalid sessionID 0: must be > 0"},
		{"Delete userID", func(ctx context.Context) error { return s.Delete(ctx, 0, 1) }, "zendesk: invalid userID 0: must be > 0"},
		{"Delete sessionID", func(ctx context.Context) error { return s.Delete(ctx, 1, -1) }, "zendesk: invalid sessionID -1: must be > 0"},
		{"DeleteAllForUser", func(ctx context.Context) error { return s.DeleteAllForUser(ctx, 0) }, "zendesk: invalid userID 0: must be > 0"},
		{"per-call WithHeader Host", func(ctx context.Context) error { _, err := s.Current(ctx, zendesk.WithHeader("Host", "x")); return err },
			`zendesk: invalid WithHeader key "Host": is managed by net/http`},
		{"per-call bad option", func(ctx context.Context) error { return s.Logout(ctx, zendesk.WithUserAgent("")) },
			"zendesk: invalid WithUserAgent: must not be empty"},
		{"per-call nil WithResponseInfo", func(ctx context.Context) error { return s.Logout(ctx, zendesk.WithResponseInfo(nil)) },
			"zendesk: invalid WithResponseInfo: the target must not be nil"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call(t.Context())
			if !errors.Is(err, zendesk.ErrInvalidArgument) {
				t.Fatalf("err = %v, want ErrInvalidArgument", err)
			}
			if _, ok := errors.AsType[*zendesk.InvalidArgumentError](err); !ok {
				t.Errorf("err %T is not an *InvalidArgumentError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %q, want it to contain %q", err, tc.want)
			}
		})
	}
	t.Run("nil ctx", func(t *testing.T) {
		//lint:ignore SA1012 testing a nil context on purpose
		_, err := s.Current(nil)
		if !errors.Is(err, zendesk.ErrInvalidArgument) {
			t.Errorf("err = %v, want ErrInvalidArgument", err)
		}
	})
	t.Run("zero service", func(t *testing.T) {
		var zero zendesk.SessionsService
		if err := zero.Logout(t.Context()); !errors.Is(err, zendesk.ErrInvalidArgument) {
			t.Errorf("err = %v, want ErrInvalidArgument", err)
		}
		var nilSvc *zendesk.SessionsService
		if _, err := nilSvc.List(nil).Collect(t.Context()); !errors.Is(err, zendesk.ErrInvalidArgument) {
			t.Errorf("err = %v, want ErrInvalidArgument", err)
		}
	})
}

// TestPerCallOptions checks that per-call options override the client's
// for one call only.
func TestPerCallOptions(t *testing.T) {
	f := newFake(t, reply{status: 204})
	zc := f.client(t, zendesk.WithHeader("X-Client", "1"))
	if err := zc.Sessions.Logout(t.Context(), zendesk.WithUserAgent("per-call/1"), zendesk.WithHeader("X-Call", "2")); err != nil {
		t.Fatal(err)
	}
	if err := zc.Sessions.Logout(t.Context()); err != nil {
		t.Fatal(err)
	}
	got, hdr := f.requests(), f.headers()
	// Credentials are a client setting: both calls carry the client's.
	if got[0].Auth != apiTokenAuth() || got[1].Auth != apiTokenAuth() {
		t.Errorf("Authorization = %q then %q", got[0].Auth, got[1].Auth)
	}
	if ua := hdr[0].Get("User-Agent"); ua != "per-call/1 sessionkit-go-zendesk/0.1" {
		t.Errorf("first User-Agent = %q", ua)
	}
	if ua := hdr[1].Get("User-Agent"); ua != "sessionkit-go-zendesk/0.1" {
		t.Errorf("second User-Agent = %q, want the client's", ua)
	}
	if hdr[0].Get("X-Client") != "1" || hdr[0].Get("X-Call") != "2" || hdr[1].Get("X-Client") != "1" || hdr[1].Get("X-Call") != "" {
		t.Errorf("headers: %v then %v", hdr[0], hdr[1])
	}
}
