package zendesktest

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// caller is who made a request, and the base URL they reached the server at.
type caller struct {
	user User
	base string
}

type callerKey struct{}

func callerFrom(ctx context.Context) caller {
	c, _ := ctx.Value(callerKey{}).(caller)
	return c
}

func (c caller) admin() bool { return c.user.Role == RoleAdmin }

// Authenticate checks the Authorization header the way Zendesk does: Basic
// with "{email}/token" and an API token, Basic with email and password, or
// Bearer with an OAuth token. A refusal is a 401 with Zendesk's body.
func (st *store) Authenticate(r *http.Request) (*http.Request, *fakeapi.Reply) {
	if r.URL.Path == oauthTokenPath {
		return r, nil // the credentials are in the body
	}
	if !st.hasUsers() {
		// Nobody could ever authenticate: say why, in Zendesk's 401 shape.
		reply := classic(http.StatusUnauthorized, msgCouldNotAuthenticate, msgNoUsers)
		reply.Header = http.Header{"Www-Authenticate": {`Basic realm="Web Password"`}}
		return nil, reply
	}
	scheme, token, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	var (
		u  User
		ok bool
	)
	switch strings.ToLower(scheme) {
	case "basic":
		name, secret, parsed := r.BasicAuth()
		if !parsed || secret == "" {
			break
		}
		if email, isToken := strings.CutSuffix(name, "/token"); isToken {
			u, ok = st.userBy(func(u User) bool { return sameEmail(u.Email, email) && u.APIToken == secret })
		} else {
			u, ok = st.userBy(func(u User) bool { return sameEmail(u.Email, name) && u.Password == secret })
		}
	case "bearer":
		if token == "" {
			break
		}
		u, ok = st.bearerUser(token)
		if !ok {
			reply := fakeapi.JSON(http.StatusUnauthorized, map[string]string{
				"error": "invalid_token", "error_description": msgInvalidToken,
			})
			reply.Header = http.Header{"Www-Authenticate": {`Bearer realm="Zendesk", error="invalid_token"`}}
			return nil, reply
		}
	}
	if !ok {
		reply := problem(http.StatusUnauthorized, "", "")
		reply.Header = http.Header{"Www-Authenticate": {`Basic realm="Web Password"`}}
		return nil, reply
	}
	if reply := st.budget.admit(st.now()); reply != nil {
		return nil, reply
	}
	ctx := context.WithValue(r.Context(), callerKey{}, caller{user: u, base: "http://" + r.Host})
	return r.WithContext(ctx), nil
}

// Decorate adds the headers every Zendesk response carries: a request id
// and the account's rate-limit counters for the current minute.
func (st *store) Decorate(h http.Header) {
	st.requests++
	h.Set("X-Zendesk-Request-Id", requestID(st.requests))
	st.budget.report(h, st.now())
}

// PathSuffix is the suffix live Zendesk accepts on every path and ignores.
func (*store) PathSuffix() string { return ".json" }

// requestID makes a request id that looks like Zendesk's (8e7c5d3a5c4b1e2f-IAD),
// deterministic for a given request number.
func requestID(n uint64) string {
	x := n * 0x9E3779B97F4A7C15 // Fibonacci hashing spreads the bits
	return strconv.FormatUint(x|1<<60, 16) + "-TEST"
}
