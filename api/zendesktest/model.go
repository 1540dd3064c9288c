package zendesktest

import "time"

// Role is a user's role in the account; it decides what the user may see.
type Role string

// The roles of Zendesk Support. Admins see and manage every session of the
// account; agents and end users only their own.
const (
	RoleAdmin   Role = "admin"
	RoleAgent   Role = "agent"
	RoleEndUser Role = "end-user"
)

// User is an account user and the credentials the server accepts for them.
// A credential left empty is not accepted.
type User struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	// Name is the user's name; user search matches plain terms in it.
	Name string `json:"name,omitempty"`
	// Role defaults to RoleEndUser.
	Role Role `json:"role,omitempty"`
	// APIToken is accepted as Basic auth "{Email}/token:{APIToken}".
	APIToken string `json:"api_token,omitempty"`
	// Password is accepted as Basic auth "{Email}:{Password}".
	Password string `json:"password,omitempty"`
	// OAuthToken is accepted as "Bearer {OAuthToken}".
	OAuthToken string `json:"oauth_token,omitempty"`
}

// Session is a log-in session of a user.
type Session struct {
	// ID is assigned by the server when 0: ids start above 2^33, as
	// Zendesk's routinely exceed 2^31.
	ID     int64 `json:"id,omitempty"`
	UserID int64 `json:"user_id"`
	// AuthenticatedAt is when the session was created; the zero time means
	// the server's current time.
	AuthenticatedAt time.Time `json:"authenticated_at,omitzero"`
	// LastSeenAt is when the session was last seen; the zero time is sent as
	// null.
	LastSeenAt time.Time `json:"last_seen_at,omitzero"`
}

// OAuthClient is an OAuth client of the account, for the client-credentials
// grant: tokens minted with its ID and Secret act as the user UserID (a
// seeded user), who created the client on the live service.
type OAuthClient struct {
	// ID is the client's unique Identifier (the API's client_id), not a
	// numeric id.
	ID     string `json:"id"`
	Secret string `json:"secret"`
	UserID int64  `json:"user_id"`
}

// OAuthToken is a token the server minted.
type OAuthToken struct {
	// The token was minted for ClientID, acts as its user UserID, with the
	// Scope asked for ("read write").
	AccessToken string `json:"access_token"`
	ClientID    string `json:"client_id"`
	UserID      int64  `json:"user_id,omitempty"`
	Scope       string `json:"scope,omitempty"`
	// IssuedAt and ExpiresAt are by the server's clock; the token is refused
	// from ExpiresAt on.
	IssuedAt  time.Time `json:"issued_at,omitzero"`
	ExpiresAt time.Time `json:"expires_at"`
	// Revoked is set by RevokeToken.
	Revoked bool `json:"revoked,omitempty"`
}

// State is the whole account a Server holds: what [Server.State] returns
// and [Server.Reset] installs. A State taken from a server and given back
// to Reset restores it.
type State struct {
	// Users, Sessions and OAuthClients are by ID.
	Users        []User        `json:"users"`
	Sessions     []Session     `json:"sessions"`
	OAuthClients []OAuthClient `json:"oauth_clients"`
	// OAuthTokens are the tokens minted so far, oldest first. Reset accepts
	// tokens of any of OAuthClients, so a dumped state keeps its tokens.
	OAuthTokens []OAuthToken `json:"oauth_tokens,omitempty"`
}

// Operation names, the spec's operationIds, for WithFault and InjectFault.
const (
	OpListSessions                      = "ListSessions"
	OpListUserSessions                  = "ListUserSessions"
	OpBulkDeleteSessionsByUserID        = "BulkDeleteSessionsByUserId"
	OpShowSession                       = "ShowSession"
	OpDeleteSession                     = "DeleteSession"
	OpDeleteAuthenticatedSession        = "DeleteAuthenticatedSession"
	OpShowCurrentlyAuthenticatedSession = "ShowCurrentlyAuthenticatedSession"
	OpRenewCurrentSession               = "RenewCurrentSession"
	OpSearchUsers                       = "SearchUsers"
	OpCreateOAuthToken                  = "CreateOAuthToken"
)
