package zendesk_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestUsersByEmail looks users up in the fake, which answers "email:"
// searches as the live service does, and compares the result with the
// user the fake holds; refused addresses send nothing.
func TestUsersByEmail(t *testing.T) {
	users := []zendesktest.User{
		{ID: 1, Email: "admin@acme.example", Role: zendesktest.RoleAdmin, OAuthToken: testOAuth},
		{ID: 1 << 40, Email: "Jane.Doe@Acme.example", Name: "Jane Doe", Role: zendesktest.RoleAgent},
		{ID: 3, Email: "twin@acme.example"},
		{ID: 4, Email: "TWIN@acme.example"},
	}
	// 150 more users whose emails contain "jane", so that the lookup must
	// read past the first page and keep only the exact match.
	for i := range 150 {
		users = append(users, zendesktest.User{ID: int64(100 + i), Email: fmt.Sprintf("jane%d@acme.example", i)})
	}
	srv := zendesktest.NewServer(t, zendesktest.WithUsers(users...))
	zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithOAuthToken(testOAuth))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		email     string
		want      zendesk.User
		wantErr   error
		wantMatch []int64
		sent      bool
	}{
		{email: "jane.doe@acme.example", want: zendesk.User{ID: 1 << 40, Email: "Jane.Doe@Acme.example", Name: "Jane Doe", Role: "agent", Active: true}, sent: true},
		{email: "JANE7@acme.example", want: zendesk.User{ID: 107, Email: "jane7@acme.example", Role: "end-user", Active: true}, sent: true},
		{email: "nobody@acme.example", wantErr: zendesk.ErrNotFound, sent: true},
		{email: "twin@acme.example", wantMatch: []int64{3, 4}, sent: true},
		{email: "", wantErr: errInvalid},
		{email: "jane.doe", wantErr: errInvalid},
		{email: "a@b.example role:admin", wantErr: errInvalid},
		{email: "Jane <jane.doe@acme.example>", wantErr: errInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			srv.ResetRequests()
			got, err := zc.Users.ByEmail(t.Context(), tt.email)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("user (-want +got):\n%s", diff)
			}
			switch {
			case tt.wantErr == errInvalid:
				if _, ok := errors.AsType[*zendesk.InvalidArgumentError](err); !ok {
					t.Errorf("err = %v, want an *InvalidArgumentError", err)
				}
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			case tt.wantMatch != nil:
				le, ok := errors.AsType[*zendesk.UserLookupError](err)
				if !ok {
					t.Fatalf("err = %v, want a *UserLookupError", err)
				}
				var ids []int64
				for _, u := range le.Matches {
					ids = append(ids, u.ID)
				}
				if diff := cmp.Diff(tt.wantMatch, ids); diff != "" || errors.Is(err, zendesk.ErrNotFound) {
					t.Errorf("matches (-want +got):\n%s; err %v", diff, err)
				}
			case tt.wantErr == nil && tt.wantMatch == nil && err != nil:
				t.Errorf("err = %v", err)
			}
			if sent := len(srv.Requests()) > 0; sent != tt.sent {
				t.Errorf("sent a request: %v, want %v", sent, tt.sent)
			}
		})
	}
}

// errInvalid marks a case that must fail with an *InvalidArgumentError.
var errInvalid = errors.New("invalid argument")

// TestUsersByEmailPages follows next_page: a search that also returns
// users whose email only contains the address (as a plain term does) is
// read to its last page, and only the exact match counts.
func TestUsersByEmailPages(t *testing.T) {
	f := newFake(t,
		reply{status: 200, body: `{"users":[{"id":7,"email":"xjane@acme.example"}],"next_page":"https://acme.zendesk.com/api/v2/users/search?page=2","count":2}`},
		reply{status: 200, body: `{"users":[{"id":8,"email":"jane@acme.example","suspended":true,"active":null}],"next_page":null,"count":2}`},
	)
	got, err := f.client(t).Users.ByEmail(t.Context(), "jane@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(zendesk.User{ID: 8, Email: "jane@acme.example", Suspended: true}, got); diff != "" {
		t.Errorf("user (-want +got):\n%s", diff)
	}
	want := []seen{
		{Method: "GET", Path: "/api/v2/users/search", Query: "query=email%3Ajane%40acme.example&page=1&per_page=100", Auth: apiTokenAuth()},
		{Method: "GET", Path: "/api/v2/users/search", Query: "query=email%3Ajane%40acme.example&page=2&per_page=100", Auth: apiTokenAuth()},
	}
	if diff := cmp.Diff(want, f.requests()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// TestUserLookupErrorMessage judges the message of a lookup that found no
// user or several: it names the address and, for several, their ids.
func TestUserLookupErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *zendesk.UserLookupError
		want string
	}{
		{"none", &zendesk.UserLookupError{Email: "nobody@acme.example"}, `zendesk: no user has the email "nobody@acme.example"`},
		{"two", &zendesk.UserLookupError{Email: "twin@acme.example", Matches: []zendesk.User{{ID: 3}, {ID: 1 << 40}}}, `zendesk: 2 users have the email "twin@acme.example" (ids 3, 1099511627776)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
				t.Errorf("Error() (-want +got):\n%s", diff)
			}
		})
	}
}
