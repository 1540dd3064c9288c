package zendesktest

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestStateAndReset(t *testing.T) {
	at := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	srv := newTestServer(t, WithSessions(Session{ID: 5, UserID: endUserID, AuthenticatedAt: at}),
		WithOAuthClients(OAuthClient{ID: "ci", Secret: "s", UserID: endUserID}))
	before := srv.State()
	if err := srv.Reset(before); err != nil {
		t.Fatalf("Reset(State()): %v", err)
	}
	if diff := cmp.Diff(before, srv.State()); diff != "" {
		t.Errorf("after Reset(State()) (-want +got):\n%s", diff)
	}

	bad := []struct {
		name  string
		state State
		want  string
	}{
		{"session of an unknown user", State{Sessions: []Session{{UserID: 9}}}, "unknown user 9"},
		{"token of an unknown client", State{Users: before.Users, OAuthTokens: []OAuthToken{{AccessToken: "a", ClientID: "x", ExpiresAt: at}}}, `client "x" is not seeded`},
		{"user twice", State{Users: []User{{ID: 1}, {ID: 1}}}, "seeded twice"},
	}
	for _, tt := range bad {
		if err := srv.Reset(tt.state); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	if diff := cmp.Diff(before, srv.State()); diff != "" {
		t.Errorf("after refused Resets (-want +got):\n%s", diff)
	}

	next := State{Users: before.Users, Sessions: []Session{{ID: 40, UserID: endUserID, AuthenticatedAt: at}},
		OAuthClients: before.OAuthClients,
		OAuthTokens:  []OAuthToken{{AccessToken: "tok", ClientID: "ci", Scope: "read", IssuedAt: at, ExpiresAt: at.Add(time.Hour)}}}
	if err := srv.Reset(next); err != nil {
		t.Fatal(err)
	}
	added, err := srv.AddSession(Session{UserID: endUserID, AuthenticatedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{40, added.ID}, ids(srv.Sessions())); diff != "" || added.ID <= 40 {
		t.Errorf("sessions after Reset and AddSession (-want +got):\n%s", diff)
	}
	next.OAuthTokens[0].UserID = endUserID
	if diff := cmp.Diff(next.OAuthTokens, srv.OAuthTokens()); diff != "" {
		t.Errorf("tokens after Reset (-want +got):\n%s", diff)
	}
}
