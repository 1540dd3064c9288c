package zendesk

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/mail"
	"strings"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// UsersService looks users up by email, to revoke their sessions; reach it
// as Client.Users.
type UsersService struct {
	engine *core.Engine
}

// User is a Zendesk user as a search returns it (absent fields are zero).
type User struct {
	ID     int64  // give it to SessionsService.DeleteAllForUser
	Email  string // the primary email address
	Name   string // the full name
	Role   string // "end-user", "agent" or "admin"
	Active bool   // false once the user is deleted
	// Suspended is true for a suspended user: no new sign-ins, but existing
	// sessions are not documented to end, so offboarding is suspend and
	// revoke.
	Suspended bool
}

// UserLookupError is the error of UsersService.ByEmail for an address that
// names no user (it then matches ErrNotFound) or more than one.
type UserLookupError struct {
	Email   string // the address looked up
	Matches []User // the users whose email is Email; empty when none is
}

// Error says what the lookup found.
func (e *UserLookupError) Error() string {
	if len(e.Matches) == 0 {
		return fmt.Sprintf("zendesk: no user has the email %q", e.Email)
	}
	ids := make([]string, len(e.Matches))
	for i, u := range e.Matches {
		ids[i] = fmt.Sprint(u.ID)
	}
	return fmt.Sprintf("zendesk: %d users have the email %q (ids %s)", len(e.Matches), e.Email, strings.Join(ids, ", "))
}

// Is makes a lookup that found no user match ErrNotFound.
func (e *UserLookupError) Is(target error) bool { return len(e.Matches) == 0 && target == ErrNotFound }

var opSearchUsers = &core.Op{Name: "SearchUsers", Method: http.MethodGet}

// maxSearchPages bounds a lookup: Zendesk serves no offset page past 100.
const maxSearchPages = 100

// ByEmail returns the user whose email is email, compared without regard
// to case (SearchUsers, GET /api/v2/users/search with query
// "email:ADDRESS"). An address that no user has, or more than one has,
// gives a *UserLookupError; an address that is not one (no "@", spaces,
// a display name) an *InvalidArgumentError, before any request.
func (u *UsersService) ByEmail(ctx context.Context, email string, opts ...Option) (User, error) {
	argErr := checkEmail(email)
	var matches []User
	for page := 1; page <= maxSearchPages; page++ {
		params := &zgen.SearchUsersParams{Query: "email:" + email, Page: new(page), PerPage: new(100)}
		var body zgen.UsersResponse
		err := (*SessionsService)(u).do(ctx, opts, argErr, opSearchUsers, func(base string) (*http.Request, error) {
			return zgen.NewSearchUsersRequest(base, params)
		}, func(r core.Response) error { return json.Unmarshal(r.Body, &body) })
		if err != nil {
			return User{}, err
		}
		for _, w := range body.Users {
			if strings.EqualFold(w.Email, email) {
				matches = append(matches,
					User{ID: w.Id, Email: w.Email, Name: w.Name, Role: w.Role, Active: w.Active, Suspended: w.Suspended})
			}
		}
		if body.NextPage == "" {
			break
		}
	}
	if len(matches) != 1 {
		return User{}, &UserLookupError{Email: email, Matches: matches}
	}
	return matches[0], nil
}

// checkEmail accepts a bare address, such as jane@acme.com: nothing that
// could widen the search beyond it.
func checkEmail(email string) error {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email || strings.ContainsAny(email, "\" \t\r\n") {
		return invalid("email", email, "is not an email address such as jane@acme.com")
	}
	return nil
}
