package zendesktest

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	zgen "github.com/sessionkit/sessions/gen/zendesk"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// SearchUsers answers Zendesk's user search for admins and agents, the way
// the live service reads the two forms offboarding uses: "email:ADDRESS"
// matches the user whose email is ADDRESS, compared without regard to case;
// any other query is a plain term matched, without regard to case, inside
// names and emails. Users come in id order with offset pagination.
func (h *handlers) SearchUsers(w http.ResponseWriter, r *http.Request, p zgen.SearchUsersParams) {
	c := callerFrom(r.Context())
	if !c.admin() && c.user.Role != RoleAgent {
		fakeapi.Send(w, forbidden())
		return
	}
	page, perPage := 1, defaultPageSize
	if p.Page != nil {
		page = *p.Page
	}
	if p.PerPage != nil {
		perPage = *p.PerPage
	}
	if page > maxOffsetPages {
		fakeapi.Send(w, offsetLimit())
		return
	}
	match := searchMatcher(p.Query)
	found := []zgen.User{}
	for _, u := range h.st.users {
		if match(u) {
			found = append(found, wireUser(u))
		}
	}
	slices.SortFunc(found, func(a, b zgen.User) int { return cmp.Compare(a.Id, b.Id) })
	start := min((page-1)*perPage, len(found))
	end := min(start+perPage, len(found))
	body := zgen.UsersResponse{Users: found[start:end], Count: len(found)}
	link := func(n int) string {
		v := url.Values{"query": {p.Query}, "page": {strconv.Itoa(n)}, "per_page": {strconv.Itoa(perPage)}}
		return c.base + "/api/v2/users/search?" + v.Encode()
	}
	if end < len(found) && page < maxOffsetPages {
		body.NextPage = link(page + 1)
	}
	if page > 1 {
		body.PreviousPage = link(page - 1)
	}
	fakeapi.Send(w, fakeapi.JSON(http.StatusOK, body))
}

// searchMatcher reads a search query: "email:ADDRESS" or a plain term.
func searchMatcher(query string) func(User) bool {
	q := strings.TrimSpace(query)
	if addr, ok := strings.CutPrefix(q, "email:"); ok {
		addr = strings.Trim(strings.TrimSpace(addr), `"`)
		return func(u User) bool { return sameEmail(u.Email, addr) }
	}
	term := strings.ToLower(q)
	return func(u User) bool {
		return term != "" && (strings.Contains(strings.ToLower(u.Email), term) || strings.Contains(strings.ToLower(u.Name), term))
	}
}

// wireUser is a user as the search answers it; the credentials stay here.
func wireUser(u User) zgen.User {
	role := string(u.Role)
	if role == "" {
		role = string(RoleEndUser)
	}
	return zgen.User{Id: u.ID, Role: role, Active: true, Email: u.Email, Name: u.Name}
}
