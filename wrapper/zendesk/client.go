package zendesk

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Client is a Zendesk Support API client. Create one with NewClient; it is
// safe for concurrent use and never prints a credential.
type Client struct {
	// Sessions lists, shows, renews and deletes log-in sessions.
	Sessions *SessionsService

	engine *core.Engine
}

// NewClient returns a client for the Zendesk account at subdomain: "acme"
// means https://acme.zendesk.com. WithBaseURL sends the requests elsewhere
// (a sandbox, a proxy, a test server); subdomain must still be valid.
//
// Pass credentials with one of WithClientCredentials, WithOAuth,
// WithOAuthToken, WithAPIToken, WithBasicAuth or WithAuth. Every option is
// validated here: an empty subdomain, one that is a host name or URL
// rather than a subdomain, two credential options, or an invalid option
// gives an *InvalidArgumentError naming it.
func NewClient(subdomain string, opts ...Option) (*Client, error) {
	base, err := subdomainURL(subdomain)
	if err != nil {
		return nil, err
	}
	eopts, l, err := core.Collect(opts, Option.clientSetting, local{})
	if err != nil {
		return nil, err
	}
	creds, auth, err := l.credentials() // clientcredentials.go
	if err != nil {
		return nil, err
	}
	if auth != nil { // first, so that another credential option conflicts with it
		eopts = append([]*core.Opt{auth}, eopts...)
	}
	e, err := core.NewEngine(api(base), eopts...)
	if err != nil {
		return nil, err
	}
	creds.bind(e)
	return &Client{Sessions: &SessionsService{engine: e}, engine: e}, nil
}

// subdomainURL validates an account's subdomain (a DNS label) and returns
// the account's base URL.
func subdomainURL(subdomain string) (string, error) {
	bad := func(reason string) error { return invalid("subdomain", subdomain, reason) }
	switch {
	case subdomain == "":
		return "", bad(`must not be empty: give the account's subdomain, "acme" for https://acme.zendesk.com`)
	case strings.ContainsAny(subdomain, "./:"):
		return "", bad(`must be the subdomain alone, "acme" for https://acme.zendesk.com; use WithBaseURL for another host`)
	case len(subdomain) > 63:
		return "", bad("must be at most 63 characters")
	case subdomain[0] == '-' || subdomain[len(subdomain)-1] == '-':
		return "", bad("must not start or end with a hyphen")
	}
	for _, r := range subdomain {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-') {
			return "", bad("may contain only letters, digits and hyphens")
		}
	}
	return "https://" + strings.ToLower(subdomain) + ".zendesk.com", nil
}

// BaseURL returns the URL the client sends its requests to, such as
// https://acme.zendesk.com, without a trailing slash; "" for a nil client.
func (c *Client) BaseURL() string { return c.eng().BaseURL() }

// CloseIdleConnections closes the idle connections of the client's HTTP
// client, when it has such a method (*http.Client does).
func (c *Client) CloseIdleConnections() { c.eng().CloseIdleConnections() }

// String describes the client's settings, without credentials.
func (c *Client) String() string { return c.eng().Describe("zendesk.Client") }

// GoString is String, so %#v never shows a credential either.
func (c *Client) GoString() string { return c.String() }

// Format writes String for every verb, so %+v and %#v are safe to log.
func (c *Client) Format(f fmt.State, _ rune) { core.FormatAs(f, c.String()) }

// LogValue makes slog print String.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// eng is the client's engine; nil for a nil client (the engine's methods
// accept a nil receiver).
func (c *Client) eng() *core.Engine {
	if c == nil {
		return nil
	}
	return c.engine
}
