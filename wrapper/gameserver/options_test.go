package gameserver

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestConflictingCredentials gives a client two credential options and
// checks that NewClient refuses it with an *InvalidArgumentError naming
// the option twice (the one given and the one it conflicts with), without
// showing either key.
func TestConflictingCredentials(t *testing.T) {
	const other = "9b8a7c6d-second-key-1e2f"
	tests := []struct {
		name string
		opts []Option
	}{
		{"two keys", []Option{WithAPIToken(testKey), WithAPIToken(other)}},
		{"two keys apart", []Option{WithAPIToken(testKey), WithUserAgent("job/1"), Option{}, WithAPIToken(other)}},
		{"the same option twice", func() []Option { o := WithAPIToken(testKey); return []Option{o, o} }()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gc, err := NewClient(append(tc.opts, WithHTTPClient(noRequests(t)))...)
			e, ok := errors.AsType[*InvalidArgumentError](err)
			if gc != nil || !ok || !errors.Is(err, ErrInvalidArgument) {
				t.Fatalf("NewClient = %v, %v (%T); want an *InvalidArgumentError", gc, err, err)
			}
			msg := err.Error()
			if e.API != "gameserver" || !strings.HasPrefix(msg, "gameserver: ") {
				t.Errorf("err = %q (API %q), want it to be the gameserver client's", msg, e.API)
			}
			if e.Name != "WithAPIToken" || strings.Count(msg, "WithAPIToken") != 2 || !strings.Contains(msg, "conflicts with WithAPIToken") {
				t.Errorf("err = %q (Name %q), want it to name both WithAPIToken options", msg, e.Name)
			}
			if strings.Contains(msg, testKey) || strings.Contains(msg, other) {
				t.Errorf("err shows a key: %q", msg)
			}
		})
	}
}

// noRequests is a Doer that fails the test when anything is sent.
func noRequests(t *testing.T) Doer {
	return sessionkit.DoerFunc(func(r *http.Request) (*http.Response, error) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
		return fail(http.StatusTeapot, "no").response(r), nil
	})
}

// TestWithResponseInfo checks that WithResponseInfo fills in the final
// response's metadata on success, for every kind of call, and leaves it
// alone when a call fails or another call runs without it.
func TestWithResponseInfo(t *testing.T) {
	withHeaders := func(rep reply) reply {
		rep.Header = http.Header{
			"X-Request-Id": {"req-42"}, "X-Ratelimit-Limit": {"600"}, "X-Ratelimit-Remaining": {"599"},
			"Set-Cookie": {"session=" + testKey},
		}
		return rep
	}
	wantRL := RateLimit{Limit: 600, Remaining: 599, Present: true}
	ignoreHeader := cmpopts.IgnoreFields(ResponseInfo{}, "Header")

	for _, op := range []string{"session-post", "get-session", "session-delete", "get-users-session",
		"put-users-session", "delete-users-session", "list-sessions", "sessions-bulk-stop"} {
		t.Run(op, func(t *testing.T) {
			success := map[string]string{
				"session-post": bodyCreated, "get-session": bodyReady, "session-delete": bodyDeleted,
				"get-users-session": bodyUsers, "put-users-session": bodyUsers, "delete-users-session": bodyUsers,
				"list-sessions": bodyListOnly, "sessions-bulk-stop": bodyStopped,
			}[op]
			gc := newFake(t, withHeaders(ok(success))).serve(t)
			var info ResponseInfo
			if err := operations()[op](t.Context(), gc, WithResponseInfo(&info)); err != nil {
				t.Fatal(err)
			}
			want := ResponseInfo{StatusCode: 200, RequestID: "req-42", RateLimit: wantRL, Attempts: 1}
			if diff := cmp.Diff(want, info, ignoreHeader); diff != "" {
				t.Errorf("ResponseInfo (-want +got):\n%s", diff)
			}
			if info.Header.Get("X-Request-Id") != "req-42" || info.Header.Get("Content-Type") != "application/json" {
				t.Errorf("Header = %v", info.Header)
			}
			if v := info.Header.Values("Set-Cookie"); len(v) != 0 {
				t.Errorf("Header keeps Set-Cookie %q", v)
			}
		})
	}

	t.Run("after retries", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			unavailable := fail(http.StatusServiceUnavailable, "try later")
			gc := newFake(t, unavailable, unavailable, withHeaders(ok(bodyReady))).inMemory(t, WithRetry(noJitter()))
			var info ResponseInfo
			if _, err := gc.Sessions.Get(t.Context(), sessionID, WithResponseInfo(&info)); err != nil {
				t.Fatal(err)
			}
			if info.StatusCode != 200 || info.Attempts != 3 || info.RequestID != "req-42" {
				t.Errorf("ResponseInfo = %+v, want status 200 after 3 attempts", info)
			}
		})
	})

	t.Run("only the call that asks", func(t *testing.T) {
		gc := newFake(t, withHeaders(ok(bodyReady))).serve(t)
		info := ResponseInfo{StatusCode: -1}
		if _, err := gc.Sessions.Get(t.Context(), sessionID); err != nil {
			t.Fatal(err)
		}
		if _, err := gc.Sessions.Get(t.Context(), sessionID, WithHeader("X-Other", "1")); err != nil {
			t.Fatal(err)
		}
		if info.StatusCode != -1 {
			t.Errorf("calls without WithResponseInfo changed it: %+v", info)
		}
	})

	t.Run("an API error leaves it alone", func(t *testing.T) {
		gc := newFake(t, withHeaders(fail(http.StatusNotFound, "Session not found"))).serve(t)
		info := ResponseInfo{StatusCode: -1}
		_, err := gc.Sessions.Get(t.Context(), sessionID, WithResponseInfo(&info))
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
		if diff := cmp.Diff(ResponseInfo{StatusCode: -1}, info); diff != "" {
			t.Errorf("ResponseInfo changed by a failed call (-want +got):\n%s", diff)
		}
	})

	t.Run("a decode error leaves it alone", func(t *testing.T) {
		gc := newFake(t, withHeaders(ok(`{"session_id": 12`))).serve(t)
		info := ResponseInfo{StatusCode: -1}
		_, err := gc.Sessions.Get(t.Context(), sessionID, WithResponseInfo(&info))
		if _, ok := errors.AsType[*DecodeError](err); !ok {
			t.Fatalf("err = %v (%T), want a *DecodeError", err, err)
		}
		if info.StatusCode != -1 {
			t.Errorf("ResponseInfo changed by a failed decode: %+v", info)
		}
	})

	t.Run("nil", func(t *testing.T) {
		gc := newFake(t).inMemory(t, WithHTTPClient(noRequests(t)))
		_, err := gc.Sessions.Get(t.Context(), sessionID, WithResponseInfo(nil))
		if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "gameserver: invalid WithResponseInfo") {
			t.Errorf("err = %v, want an invalid-argument error naming WithResponseInfo", err)
		}
	})
}

// TestBaseURLPathPrefix checks that a base URL with a path, such as a
// proxy's, keeps its path in front of every operation's path, with or
// without a trailing slash.
func TestBaseURLPathPrefix(t *testing.T) {
	for _, base := range []string{"https://eu.example.com/proxy", "https://eu.example.com/proxy/"} {
		t.Run(base, func(t *testing.T) {
			var got []string
			doer := sessionkit.DoerFunc(func(r *http.Request) (*http.Response, error) {
				got = append(got, r.URL.Host+r.URL.EscapedPath())
				return ok(bodyReady).response(r), nil
			})
			gc, err := NewClient(WithAPIToken(testKey), WithHTTPClient(doer), WithBaseURL(base))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := gc.Sessions.Get(t.Context(), sessionID); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"eu.example.com/proxy/v1/session/950dd2eaff09-S"}, got); diff != "" {
				t.Errorf("request URL (-want +got):\n%s", diff)
			}
			if b := gc.BaseURL(); b != "https://eu.example.com/proxy" {
				t.Errorf("BaseURL() = %q", b)
			}
		})
	}
}

// TestOptionsWhereTheyMean: an option given where it has no meaning — a
// client's option to one call, a call's option to NewClient, Create's
// options to another call, a wait's options to a call that does not wait
// — is an *InvalidArgumentError of package gameserver naming it, and
// nothing is sent.
func TestOptionsWhereTheyMean(t *testing.T) {
	gc, err := NewClient(WithHTTPClient(noRequests(t)), WithAPIToken(testKey))
	if err != nil {
		t.Fatal(err)
	}
	var info ResponseInfo
	create := &CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}}
	tests := []struct {
		name   string
		call   func() error
		option string
	}{
		{"WithResponseInfo to NewClient", func() error { _, err := NewClient(WithResponseInfo(&info)); return err }, "WithResponseInfo"},
		{"WithWaitReady to NewClient", func() error { _, err := NewClient(WithWaitReady()); return err }, "WithWaitReady"},
		{"WithWaitReady to Get", func() error { _, err := gc.Sessions.Get(t.Context(), "id", WithWaitReady()); return err }, "WithWaitReady"},
		{"WithWaitReady to WaitReady", func() error { _, err := gc.Sessions.WaitReady(t.Context(), "id", WithWaitReady()); return err }, "WithWaitReady"},
		{"WithRetryNonIdempotent to WaitReady", func() error {
			_, err := gc.Sessions.WaitReady(t.Context(), "id", WithRetryNonIdempotent())
			return err
		}, "WithRetryNonIdempotent"},
		{"WithPollInterval to Delete", func() error {
			_, err := gc.Sessions.Delete(t.Context(), "id", WithPollInterval(time.Second, time.Second))
			return err
		}, "WithPollInterval"},
		{"WithBaseURL to Create", func() error {
			_, err := gc.Sessions.Create(t.Context(), create, WithBaseURL("https://x.example"))
			return err
		}, "WithBaseURL"},
		{"WithAPIToken to List", func() error { _, err := gc.Sessions.List(nil, WithAPIToken("k")).Collect(t.Context()); return err }, "WithAPIToken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			e, ok := errors.AsType[*InvalidArgumentError](err)
			if !ok || e.API != "gameserver" || e.Name != tt.option {
				t.Errorf("err = %v, want an *InvalidArgumentError of gameserver naming %s", err, tt.option)
			}
		})
	}
}
