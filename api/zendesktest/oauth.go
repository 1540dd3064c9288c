package zendesktest

import (
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"time"

	zgen "github.com/sessionkit/sessions/gen/zendesk"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// OpCreateOAuthToken is the operation of POST /oauth/tokens, for WithFault
// and InjectFault.
const OpCreateOAuthToken = "CreateOAuthToken"

// oauthTokenPath is the path of the token endpoint, which takes no
// Authorization header: the credentials are in the body.
const oauthTokenPath = "/oauth/tokens"

// defaultTokenLifetime is how long a token lives when the request has no
// expires_in; the answer then leaves expires_in out, as the live API has
// been seen to do.
const defaultTokenLifetime = 2 * time.Hour

// OAuthClient is an OAuth client of the account, for the client-credentials
// grant: tokens minted with its ID and Secret act as the user UserID (a
// seeded user), who created the client on the live service.
type OAuthClient struct {
	// ID is the client's unique Identifier (what the API calls client_id),
	// not a numeric id.
	ID string `json:"id"`
	// Secret is the client's secret.
	Secret string `json:"secret"`
	// UserID is the user the client's tokens act as; it must be seeded.
	UserID int64 `json:"user_id"`
}

// OAuthToken is a token the server minted, as Server.OAuthTokens reports
// it.
type OAuthToken struct {
	// AccessToken is the token.
	AccessToken string `json:"access_token"`
	// ClientID is the OAuth client it was minted for.
	ClientID string `json:"client_id"`
	// UserID is the user it acts as.
	UserID int64 `json:"user_id,omitempty"`
	// Scope is the scope asked for, e.g. "read write".
	Scope string `json:"scope,omitempty"`
	// IssuedAt and ExpiresAt are by the server's clock; the token is refused
	// from ExpiresAt on.
	IssuedAt  time.Time `json:"issued_at,omitzero"`
	ExpiresAt time.Time `json:"expires_at"`
	// Revoked is set by RevokeToken.
	Revoked bool `json:"revoked,omitempty"`
}

// WithOAuthClients seeds OAuth clients: POST /oauth/tokens then mints
// tokens for their ids and secrets (grant_type client_credentials), which
// expire after the expires_in asked for, by the server's clock (WithClock),
// and are then refused with 401 invalid_token, like revoked ones
// (RevokeToken). A client whose user is not seeded, or an empty id or
// secret, is an error at NewServer or Start.
func WithOAuthClients(clients ...OAuthClient) Option {
	return func(c *config) { c.seed.OAuthClients = append(c.seed.OAuthClients, clients...) }
}

// OAuthTokens returns the tokens minted so far, oldest first.
func (s *Server) OAuthTokens() []OAuthToken {
	s.st.Lock()
	defer s.st.Unlock()
	out := make([]OAuthToken, 0, len(s.st.oauth.minted))
	for _, t := range s.st.oauth.minted {
		out = append(out, *t)
	}
	return out
}

// RevokeToken revokes a minted token: requests with it then answer 401
// invalid_token. It reports whether the server minted the token.
func (s *Server) RevokeToken(accessToken string) bool {
	s.st.Lock()
	defer s.st.Unlock()
	t, ok := s.st.oauth.tokens[accessToken]
	if ok {
		t.Revoked = true
	}
	return ok
}

// oauthState is the store's OAuth clients and minted tokens; the store's lock guards
// it.
type oauthState struct {
	clients map[string]OAuthClient
	tokens  map[string]*OAuthToken
	minted  []*OAuthToken
}

// initOAuth seeds the OAuth clients; the users must be seeded already.
func (st *store) initOAuth(clients []OAuthClient) error {
	st.oauth = oauthState{clients: make(map[string]OAuthClient), tokens: make(map[string]*OAuthToken)}
	for _, c := range clients {
		switch {
		case c.ID == "":
			return fmt.Errorf("zendesktest: an OAuth client needs an ID")
		case c.Secret == "":
			return fmt.Errorf("zendesktest: OAuth client %q needs a Secret", c.ID)
		}
		if _, ok := st.user(c.UserID); !ok {
			return fmt.Errorf("zendesktest: OAuth client %q: user %d is not seeded", c.ID, c.UserID)
		}
		if _, dup := st.oauth.clients[c.ID]; dup {
			return fmt.Errorf("zendesktest: OAuth client %q seeded twice", c.ID)
		}
		st.oauth.clients[c.ID] = c
	}
	return nil
}

// bearerUser returns the user a bearer token acts as: a minted token that
// has neither expired nor been revoked, or a user's seeded OAuthToken.
func (st *store) bearerUser(token string) (User, bool) {
	if t, minted := st.oauth.tokens[token]; minted {
		if t.Revoked || !st.now().Before(t.ExpiresAt) {
			return User{}, false
		}
		return st.user(t.UserID)
	}
	return st.userBy(func(u User) bool { return u.OAuthToken == token })
}

func oauthError(status int, code, description string) *fakeapi.Reply {
	return fakeapi.JSON(status, zgen.OAuthError{Error: code, ErrorDescription: description})
}

// CreateOAuthToken mints a token with the client-credentials grant. The
// spec has checked the body (a JSON object, expires_in over 300 and under
// 172,800); this checks the grant, the client and the scope.
func (h *handlers) CreateOAuthToken(w http.ResponseWriter, r *http.Request) {
	var b zgen.OAuthTokenRequest
	if fakeapi.Decode(w, r, &b) {
		fakeapi.Send(w, h.st.mint(b))
	}
}

// mint answers a token request.
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
	lifetime := defaultTokenLifetime
	if b.ExpiresIn != 0 {
		lifetime = time.Duration(b.ExpiresIn) * time.Second
	}
	now := st.now()
	t := &OAuthToken{
		AccessToken: rand.Text(), ClientID: c.ID, UserID: c.UserID, Scope: scope,
		IssuedAt: now, ExpiresAt: now.Add(lifetime),
	}
	st.oauth.tokens[t.AccessToken] = t
	st.oauth.minted = append(st.oauth.minted, t)
	resp := zgen.OAuthTokenResponse{AccessToken: t.AccessToken, TokenType: "bearer", Scope: scope, ExpiresIn: b.ExpiresIn}
	return fakeapi.JSON(http.StatusCreated, resp)
}
