package core

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"golang.org/x/oauth2"
)

// Authenticator sets a request's credentials. The engine calls Authenticate
// once per attempt, on a clone of the request, right before it is sent, so a
// refreshing credential (an OAuth token source) is consulted for every try.
//
// The authenticators built by this package validate their inputs when an
// engine is built (NewEngine) or a call is prepared (Engine.Prepare), and
// print as [REDACTED] with every fmt verb and in slog output.
type Authenticator interface {
	Authenticate(ctx context.Context, req *http.Request) error
}

// validator is implemented by authenticators that can check their inputs
// before any request; NewEngine and Prepare call it.
type validator interface {
	validate() error
}

// BasicAuth authenticates with HTTP Basic auth. Zendesk accepts an agent's
// email and password this way (legacy; blocked under SSO or 2FA). An empty
// username or password is an error at NewEngine or Prepare.
func BasicAuth(username string, password Secret) Authenticator {
	return &basicAuth{name: "BasicAuth", username: username, password: password}
}

// ZendeskAPIToken authenticates with a Zendesk API token: HTTP Basic auth
// with the username "{email}/token" and the token as the password. An empty
// email or token is an error at NewEngine or Prepare.
func ZendeskAPIToken(email string, token Secret) Authenticator {
	return &basicAuth{name: "ZendeskAPIToken", username: email + "/token", password: token, email: email, apiToken: true}
}

type basicAuth struct {
	name     string
	username string
	email    string
	apiToken bool
	password Secret
}

func (a *basicAuth) validate() error {
	if a == nil {
		return InvalidArgument("authenticator", "must not be nil")
	}
	switch {
	case a.apiToken && strings.TrimSpace(a.email) == "":
		return InvalidArgument(a.name+" email", "must not be empty")
	case a.apiToken && a.password == "":
		return InvalidArgument(a.name+" token", "must not be empty")
	case strings.TrimSpace(a.username) == "":
		return InvalidArgument(a.name+" username", "must not be empty")
	case strings.Contains(a.username, ":"):
		return InvalidArgument(a.name+" username", "must not contain a colon")
	case a.password == "":
		return InvalidArgument(a.name+" password", "must not be empty")
	}
	return nil
}

func (a *basicAuth) Authenticate(_ context.Context, req *http.Request) error {
	if err := a.validate(); err != nil {
		return err
	}
	req.SetBasicAuth(a.username, a.password.Reveal())
	return nil
}

func (a *basicAuth) String() string             { return a.name + "(" + redacted + ")" }
func (a *basicAuth) GoString() string           { return a.String() }
func (a *basicAuth) Format(f fmt.State, _ rune) { formatAs(f, a.String()) }
func (a *basicAuth) LogValue() slog.Value       { return slog.StringValue(a.String()) }

// BearerToken authenticates with an OAuth 2 access token from ts, sent as
// "Authorization: Bearer <token>" (or the token's own type). ts is wrapped
// with oauth2.ReuseTokenSource, so a valid token is cached until it expires
// and Token is asked again only then: a refreshing source (client
// credentials, a refresh token) keeps long-running programs authenticated.
// A nil ts is an error at NewEngine or Prepare.
func BearerToken(ts oauth2.TokenSource) Authenticator {
	if ts == nil {
		return &bearerAuth{}
	}
	return &bearerAuth{name: "BearerToken", ts: oauth2.ReuseTokenSource(nil, ts)}
}

type bearerAuth struct {
	name string
	ts   oauth2.TokenSource
}

func (a *bearerAuth) validate() error {
	if a == nil || a.ts == nil {
		name := "BearerToken"
		if a != nil && a.name != "" {
			name = a.name
		}
		return InvalidArgument(name+" token source", "must not be nil")
	}
	return nil
}

func (a *bearerAuth) Authenticate(_ context.Context, req *http.Request) error {
	if err := a.validate(); err != nil {
		return err
	}
	tok, err := a.ts.Token()
	if err != nil {
		return fmt.Errorf("sessions: oauth2 token: %w", err)
	}
	if tok == nil || tok.AccessToken == "" {
		return fmt.Errorf("sessions: oauth2 token: %w", &InvalidArgumentError{Name: a.name + " token source", Reason: "returned an empty access token"})
	}
	tok.SetAuthHeader(req)
	return nil
}

func (a *bearerAuth) String() string             { return a.name + "(" + redacted + ")" }
func (a *bearerAuth) GoString() string           { return a.String() }
func (a *bearerAuth) Format(f fmt.State, _ rune) { formatAs(f, a.String()) }
func (a *bearerAuth) LogValue() slog.Value       { return slog.StringValue(a.String()) }

// Renamed returns a copy of a, built by this package, whose argument errors
// and printed form use option — the name of the wrapper option the user
// called, such as "WithOAuthToken" — instead of the constructor's name, so
// an empty credential is reported as "invalid WithOAuthToken key: must not
// be empty". Other authenticators are returned unchanged.
func Renamed(option string, a Authenticator) Authenticator {
	switch v := a.(type) {
	case *basicAuth:
		if v != nil {
			c := *v
			c.name = option
			return &c
		}
	case *headerAuth:
		if v != nil {
			c := *v
			c.name = option
			return &c
		}
	case *bearerAuth:
		if v != nil {
			c := *v
			c.name = option
			return &c
		}
	}
	return a
}

// StaticBearer authenticates with a fixed bearer token:
// "Authorization: Bearer <token>". Prefer BearerToken with a refreshing
// source for short-lived tokens. An empty token is an error at NewEngine or
// Prepare.
func StaticBearer(token Secret) Authenticator {
	return &headerAuth{name: "StaticBearer", header: "Authorization", scheme: "Bearer", key: token}
}

// HeaderToken authenticates by setting header to "<scheme> <key>", or to key
// alone when scheme is empty. The game server wants
// HeaderToken("Authorization", "token", key). An invalid header name, a
// scheme with spaces or control characters, or an empty key is an error at
// NewEngine or Prepare.
func HeaderToken(header, scheme string, key Secret) Authenticator {
	return &headerAuth{name: "HeaderToken", header: header, scheme: scheme, key: key}
}

type headerAuth struct {
	name   string
	header string
	scheme string
	key    Secret
}

func (a *headerAuth) validate() error {
	if a == nil {
		return InvalidArgument("authenticator", "must not be nil")
	}
	if !validHeaderName(a.header) {
		return &InvalidArgumentError{Name: a.name + " header", Value: a.header, Reason: "is not a valid header name"}
	}
	if strings.ContainsAny(a.scheme, " \t") || !validHeaderValue(a.scheme) {
		return &InvalidArgumentError{Name: a.name + " scheme", Value: a.scheme, Reason: "must be a single word"}
	}
	if a.key == "" {
		return InvalidArgument(a.name+" key", "must not be empty")
	}
	if !validHeaderValue(a.key.Reveal()) {
		return InvalidArgument(a.name+" key", "contains characters not allowed in a header")
	}
	return nil
}

func (a *headerAuth) Authenticate(_ context.Context, req *http.Request) error {
	if err := a.validate(); err != nil {
		return err
	}
	v := a.key.Reveal()
	if a.scheme != "" {
		v = a.scheme + " " + v
	}
	req.Header.Set(a.header, v)
	return nil
}

func (a *headerAuth) String() string             { return a.name + "(" + redacted + ")" }
func (a *headerAuth) GoString() string           { return a.String() }
func (a *headerAuth) Format(f fmt.State, _ rune) { formatAs(f, a.String()) }
func (a *headerAuth) LogValue() slog.Value       { return slog.StringValue(a.String()) }

// describeAuth prints an authenticator for the engine's String without ever
// calling a user type's String (which might leak).
func describeAuth(a Authenticator) string {
	switch a := a.(type) {
	case nil:
		return "none"
	case *basicAuth:
		return a.String()
	case *bearerAuth:
		return a.String()
	case *headerAuth:
		return a.String()
	default:
		return fmt.Sprintf("%T(%s)", a, redacted)
	}
}
