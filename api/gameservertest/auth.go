package gameservertest

import (
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// authenticate checks the "authorization: token <API key>" header.
func (st *store) authenticate(r *http.Request) (*http.Request, *fakeapi.Reply) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	if h == "" {
		return nil, message(http.StatusUnauthorized, "Authentication credentials were not provided.")
	}
	scheme, key, _ := strings.Cut(h, " ")
	key = strings.TrimSpace(key)
	if !strings.EqualFold(scheme, "token") || key == "" || !st.tokens[key] {
		return nil, message(http.StatusUnauthorized, "Invalid authentication token")
	}
	return r, nil
}
