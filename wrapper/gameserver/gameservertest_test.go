package gameserver_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// These tests run the wrapper against gameservertest, which validates every
// request and answer against the API's specification.

func newClient(t *testing.T, srv *gameservertest.Server, opts ...gameserver.Option) *gameserver.Client {
	t.Helper()
	gc, err := gameserver.NewClient(append([]gameserver.Option{
		gameserver.WithAPIToken("key"), gameserver.WithBaseURL(srv.URL), gameserver.WithHTTPClient(srv.Client()),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return gc
}

// TestLifecycle drives every operation through a session's life.
func TestLifecycle(t *testing.T) {
	srv := gameservertest.NewServer(t, gameservertest.WithAPIToken("key"))
	gc := newClient(t, srv, gameserver.WithPollInterval(time.Millisecond, 5*time.Millisecond))
	ctx := t.Context()

	created, err := gc.Sessions.Create(ctx, &gameserver.CreateRequest{
		AppName:   "my-game",
		IPList:    []string{"162.254.103.13"},
		GeoIPList: []gameserver.GeoIP{{IP: "2001:db8::7", Latitude: 48.8566, Longitude: 2.3522}},
		Location:  &gameserver.Location{Latitude: 45.5, Longitude: -73.5},
		Selectors: []gameserver.Selector{{Tag: "ranked", Env: &gameserver.SelectorEnv{Key: "MODE", Value: "ranked"}}},
		Filters:   []gameserver.Filter{{Field: "location.continent", Values: []string{"North America"}, Type: gameserver.FilterAny}},
		Continent: "North America", SkipTelemetry: true, WebhookURL: "https://example.com/hook",
	}, gameserver.WithWaitReady())
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	s := created.Ready
	if s == nil || !s.Ready || s.Deployment == nil || !slices.Contains(s.Deployment.Tags, "ranked") || s.CreateTime.IsZero() {
		t.Fatalf("created and waited: %+v", s)
	}
	want := []gameserver.User{{IP: "162.254.103.13"}, {IP: "2001:db8::7", Location: &gameserver.Location{Latitude: 48.8566, Longitude: 2.3522}}}
	byIP := func(a, b gameserver.User) int { return strings.Compare(a.IP, b.IP) }
	if diff := cmp.Diff(want, slices.SortedFunc(slices.Values(s.Users), byIP)); diff != "" {
		t.Errorf("users (-want +got):\n%s", diff)
	}

	users, err := gc.Sessions.AddUsers(ctx, created.ID, []string{"203.0.113.7"})
	if err != nil || len(users) != 3 {
		t.Fatalf("AddUsers = %v, %v", users, err)
	}
	users, err = gc.Sessions.RemoveUsers(ctx, created.ID, []string{"162.254.103.13"})
	if err != nil || len(users) != 2 {
		t.Fatalf("RemoveUsers = %v, %v", users, err)
	}
	users, err = gc.Sessions.Users(ctx, created.ID)
	if err != nil || len(users) != 2 || !slices.ContainsFunc(users, func(u gameserver.User) bool { return u.IP == "203.0.113.7" }) {
		t.Fatalf("Users = %v, %v", users, err)
	}

	for _, ip := range []string{"198.51.100.1", "198.51.100.2"} {
		if _, err := gc.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: "my-game", IPList: []string{ip}}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := gc.Sessions.List(&gameserver.ListOptions{Limit: 1}).Collect(ctx)
	if err != nil || len(all) != 3 || all[0].ID != created.ID || !all[0].Ready {
		t.Fatalf("List = %+v, %v", all, err)
	}

	stopped, err := gc.Sessions.BulkStop(ctx, []gameserver.StopFilter{
		{Field: gameserver.StopByDeploymentTags, Values: []string{"ranked"}, Type: gameserver.FilterAny},
	})
	if err != nil || !slices.Equal(stopped, []string{created.ID}) {
		t.Fatalf("BulkStop = %v, %v", stopped, err)
	}
	if _, err := gc.Sessions.Delete(ctx, created.ID); !errors.Is(err, gameserver.ErrGone) {
		t.Errorf("Delete of a stopped session: %v, want ErrGone", err)
	}
	if deleted, err := gc.Sessions.DeleteIfExists(ctx, created.ID); deleted || err != nil {
		t.Errorf("DeleteIfExists of a stopped session = %v, %v", deleted, err)
	}
	if deleted, err := gc.Sessions.DeleteIfExists(ctx, all[1].ID); !deleted || err != nil {
		t.Errorf("DeleteIfExists = %v, %v", deleted, err)
	}
	if _, err := gc.Sessions.Delete(ctx, all[1].ID); !errors.Is(err, gameserver.ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
}

// TestIDsStayOnTheirRoute sends ids full of URL syntax to the
// spec-validating server: each reaches get-session for that very id (the
// 404 message names it).
func TestIDsStayOnTheirRoute(t *testing.T) {
	srv := gameservertest.NewServer(t, gameservertest.WithAPIToken("key"))
	gc := newClient(t, srv)
	for _, id := range []string{"a/b", "a/../b", "../v1/sessions", "x?page=2", "50%", "%2e%2e", "#f", "...", "a b"} {
		_, err := gc.Sessions.Get(t.Context(), id)
		apiErr, ok := errors.AsType[*gameserver.APIError](err)
		if !ok || apiErr.StatusCode != 404 || apiErr.Message != "Session "+id+" not found" {
			t.Errorf("Get(%q): %v, want a 404 naming the id", id, err)
			continue
		}
		if want := "/v1/session/" + url.PathEscape(id); !strings.HasSuffix(apiErr.URL, want) {
			t.Errorf("Get(%q) went to %s, want %s", id, apiErr.URL, want)
		}
	}
}

// TestWaitReadyInMemory waits for a session that is ready on its fourth
// poll, under a fake clock, without network.
func TestWaitReadyInMemory(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := gameservertest.NewServer(t, gameservertest.WithAPIToken("key"), gameservertest.WithoutNetwork(),
			gameservertest.WithReadiness(gameservertest.Readiness{Polls: 3}))
		gc := newClient(t, srv)
		created, err := gc.Sessions.Create(t.Context(), &gameserver.CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		s, err := gc.Sessions.WaitReady(t.Context(), created.ID)
		if err != nil || !s.Ready {
			t.Fatalf("WaitReady = %+v, %v", s, err)
		}
		if elapsed := time.Since(start); elapsed != 7*time.Second {
			t.Errorf("waited %s, want 7s (1s, 2s, 4s)", elapsed)
		}
	})
}

// TestWaitReadyRidesOutBlips: four 503s queued on get-session, and a
// session the server makes ready on its second poll. Under a one-minute
// context the wait goes on through the failed polls (each retried by the
// default policy) and ends with the session as the server holds it; the
// polls reported to WithPollProgress say which failed.
func TestWaitReadyRidesOutBlips(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := gameservertest.NewServer(t, gameservertest.WithAPIToken("key"), gameservertest.WithoutNetwork(),
			gameservertest.WithReadiness(gameservertest.Readiness{Polls: 1}))
		var polls []gameserver.Poll
		gc := newClient(t, srv, gameserver.WithPollProgress(func(p gameserver.Poll) { polls = append(polls, p) }))
		created, err := gc.Sessions.Create(t.Context(), &gameserver.CreateRequest{AppName: "my-game", IPList: []string{"162.254.103.13"}})
		if err != nil {
			t.Fatal(err)
		}
		srv.InjectFault("get-session", gameservertest.Fault{Status: 503, Times: 4})
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		s, err := gc.Sessions.WaitReady(ctx, created.ID)
		if err != nil {
			t.Fatalf("WaitReady: %v", err)
		}
		var held gameservertest.Session
		for _, h := range srv.Sessions() {
			if h.ID == created.ID {
				held = h
			}
		}
		if !held.Ready || s.ID != held.ID || !s.Ready || !s.CreateTime.Equal(held.CreateTime) {
			t.Errorf("WaitReady = %+v; the server holds %+v", s, held)
		}
		// 3 attempts a poll: the first poll fails (3 × 503), the second
		// gets the last 503 and then the session, still waiting; the third
		// finds it ready.
		var got []string
		for _, p := range polls {
			switch {
			case p.Err != nil:
				got = append(got, fmt.Sprintf("%d failed (%d so far): %v", p.Number, p.Failed, errors.Is(p.Err, gameserver.ErrServer)))
			case p.Session.Ready:
				got = append(got, fmt.Sprintf("%d ready", p.Number))
			default:
				got = append(got, fmt.Sprintf("%d waiting", p.Number))
			}
		}
		want := []string{"1 failed (1 so far): true", "2 waiting", "3 ready"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("polls (-want +got):\n%s", diff)
		}
	})
}
