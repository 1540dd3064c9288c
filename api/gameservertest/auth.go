package gameservertest

import (
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// msgNoToken is the 401 message of a server started without API keys: it
// refuses every request, and says so instead of leaving the caller to guess.
const msgNoToken = "gameservertest: this server has no API token configured, so it refuses every request: " +
	"start it with gameservertest.WithAPIToken(key) and send the header \"authorization: token <key>\""

// Authenticate checks the "authorization: token <API key>" header.
func (st *store) Authenticate(r *http.Request) (*http.Request, *fakeapi.Reply) {
	if len(st.tokens) == 0 {
		return nil, message(http.StatusUnauthorized, msgNoToken)
	}
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
