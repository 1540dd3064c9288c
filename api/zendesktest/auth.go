package zendesktest

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	zgen "github.com/sessionkit/sessions/gen/zendesk"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/openapi"
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
	if len(st.users) == 0 { // nobody could ever authenticate: say why
		return nil, withHeader(classic(http.StatusUnauthorized, msgCouldNotAuthenticate,
			"zendesktest: this server has no users, so it refuses every request: "+
				"start it with zendesktest.WithUsers(zendesktest.User{ID: 1, Email: email, APIToken: token}) "+
				"(or Password, or OAuthToken) and send that user's credentials, or add one with Server.AddUser"),
			"Www-Authenticate", basicRealm)
	}
	scheme, token, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	u, ok := User{}, false
	switch strings.ToLower(scheme) {
	case "basic":
		name, secret, parsed := r.BasicAuth()
		email, isToken := strings.CutSuffix(name, "/token")
		u, ok = st.userBy(func(u User) bool {
			want := u.Password
			if isToken {
				want = u.APIToken
			}
			return parsed && secret != "" && sameEmail(u.Email, email) && secret == want
		})
	case "bearer":
		if token = strings.TrimSpace(token); token != "" {
			if u, ok = st.bearerUser(token); !ok {
				return nil, withHeader(oauthError(http.StatusUnauthorized, "invalid_token",
					"The access token provided is expired, revoked, malformed or invalid for other reasons."),
					"Www-Authenticate", `Bearer realm="Zendesk", error="invalid_token"`)
			}
		}
	}
	if !ok {
		return nil, withHeader(problem(http.StatusUnauthorized, "", ""), "Www-Authenticate", basicRealm)
	}
	if reply := st.budget.admit(st.now()); reply != nil {
		return nil, reply
	}
	return r.WithContext(context.WithValue(r.Context(), callerKey{}, caller{user: u, base: "http://" + r.Host})), nil
}

// The Www-Authenticate challenge of a Basic 401, and the messages of the
// classic 401 and 403 bodies.
const (
	basicRealm              = `Basic realm="Web Password"`
	msgCouldNotAuthenticate = "Couldn't authenticate you"
	msgForbidden            = "You do not have access to this page. " +
		"Please contact the account owner of this help desk for further help."
)

// Spec names the server and gives its OpenAPI document.
func (*store) Spec() (string, []byte) { return "zendesktest", openapi.Zendesk() }

// Handler serves the operations: the generated router over the store, which
// implements zgen.ServerInterface. The shell holds the store's lock around
// each call (fakeapi.API), so no handler locks anything.
func (st *store) Handler(badRequest fakeapi.ErrorHandler) http.Handler {
	return zgen.HandlerWithOptions(st, zgen.StdHTTPServerOptions{ErrorHandlerFunc: badRequest})
}

// bearerUser returns the user a bearer token acts as: a minted token that
// has neither expired nor been revoked, or a user's seeded OAuthToken.
func (st *store) bearerUser(token string) (User, bool) {
	if i, minted := st.oauth.tokens[token]; minted {
		t := st.oauth.minted[i]
		if t.Revoked || !st.now().Before(t.ExpiresAt) {
			return User{}, false
		}
		u, ok := st.users[t.UserID]
		return u, ok
	}
	return st.userBy(func(u User) bool { return u.OAuthToken == token })
}

// Decorate adds the headers every Zendesk response carries: a request id
// that looks like Zendesk's (8e7c5d3a5c4b1e2f-IAD), the same for the same
// request number (Fibonacci hashing spreads its bits), and the account's
// rate-limit counters for the current minute.
func (st *store) Decorate(h http.Header) {
	st.requests++
	h.Set("X-Zendesk-Request-Id", strconv.FormatUint(st.requests*0x9E3779B97F4A7C15|1<<60, 16)+"-TEST")
	st.budget.report(h, st.now())
}

// PathSuffix is the suffix live Zendesk accepts on every path and ignores.
func (*store) PathSuffix() string { return ".json" }

const (
	// oauthTokenPath is the path of the token endpoint, which takes no
	// Authorization header: the credentials are in the body.
	oauthTokenPath = "/oauth/tokens"
	// defaultTokenLifetime is how long a token lives when the request has
	// no expires_in; the answer then leaves expires_in out, as the live API
	// has been seen to do.
	defaultTokenLifetime = 2 * time.Hour
	// defaultRateLimit is the per-minute limit a server without
	// WithRateLimit reports (and does not enforce): a Professional plan's.
	defaultRateLimit = 700
)

func oauthError(status int, code, description string) *fakeapi.Reply {
	return fakeapi.JSON(status, zgen.OAuthError{Error: code, ErrorDescription: description})
}

// CreateOAuthToken mints a token with the client-credentials grant. The
// spec has checked the body (a JSON object, expires_in over 300 and under
// 172,800); this checks the grant, the client and the scope.
func (st *store) CreateOAuthToken(w http.ResponseWriter, r *http.Request) {
	var b zgen.OAuthTokenRequest
	if fakeapi.Decode(w, r, &b) {
		fakeapi.Send(w, st.mint(b))
	}
}

func (st *store) mint(b zgen.OAuthTokenRequest) *fakeapi.Reply {
	if b.GrantType != zgen.ClientCredentials {
		return oauthError(http.StatusBadRequest, "invalid_grant",
			fmt.Sprintf("The grant type %q is not supported by this server; use client_credentials.", b.GrantType))
	}
	c, known := st.oauth.clients[b.ClientId]
	if !known || subtle.ConstantTimeCompare([]byte(c.Secret), []byte(b.ClientSecret)) != 1 {
		return oauthError(http.StatusUnauthorized, "invalid_client",
			"Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.")
	}
	scope := strings.Join(strings.Fields(b.Scope), " ")
	if scope == "" {
		return oauthError(http.StatusBadRequest, "invalid_scope", "The requested scope is invalid, unknown, or malformed: give at least one scope, e.g. read.")
	}
	now, lifetime := st.now(), cmp.Or(time.Duration(b.ExpiresIn)*time.Second, defaultTokenLifetime)
	t := OAuthToken{AccessToken: rand.Text(), ClientID: c.ID, Scope: scope, IssuedAt: now, ExpiresAt: now.Add(lifetime)}
	if _, err := st.addToken(t); err != nil {
		return problem(http.StatusInternalServerError, "", err.Error())
	}
	resp := zgen.OAuthTokenResponse{AccessToken: t.AccessToken, TokenType: "bearer", Scope: scope, ExpiresIn: b.ExpiresIn}
	return fakeapi.JSON(http.StatusCreated, resp)
}

// budget counts the account's requests in fixed one-minute windows of the
// server's clock (see WithRateLimit); the store's lock guards it.
type budget struct {
	limit   int
	enforce bool
	window  time.Time // start of the current minute
	used    int       // requests admitted in it
}

// roll starts a new window when now is past the current one (or before it,
// should the clock go back).
func (b *budget) roll(now time.Time) {
	if now.Before(b.window) || now.Sub(b.window) >= time.Minute {
		b.window, b.used = now.Truncate(time.Minute), 0
	}
}

// resetIn is the whole seconds, at least 1, left in the current window.
func (b *budget) resetIn(now time.Time) string {
	return strconv.Itoa(max(1, int((b.window.Add(time.Minute).Sub(now)+time.Second-1)/time.Second)))
}

// admit counts a request at now. With an enforced budget that is spent,
// it counts nothing and returns the 429 to answer instead.
func (b *budget) admit(now time.Time) *fakeapi.Reply {
	b.roll(now)
	if b.enforce && b.used >= b.limit {
		return withHeader(problem(http.StatusTooManyRequests, "", ""), "Retry-After", b.resetIn(now))
	}
	b.used++
	return nil
}

// report sets the rate-limit headers of a response sent at now.
func (b *budget) report(h http.Header, now time.Time) {
	b.roll(now)
	limit, remaining := strconv.Itoa(b.limit), strconv.Itoa(max(0, b.limit-b.used))
	h.Set("X-Rate-Limit", limit)
	h.Set("X-Rate-Limit-Remaining", remaining)
	if b.enforce {
		h.Set("Ratelimit-Limit", limit)
		h.Set("Ratelimit-Remaining", remaining)
		h.Set("Ratelimit-Reset", b.resetIn(now))
	}
}
