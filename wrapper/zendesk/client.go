package zendesk

import (
	"strings"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Client is a Zendesk Support API client. Create one with NewClient; it is
// safe for concurrent use and never prints a credential.
type Client struct {
	// Sessions lists, shows, renews and deletes log-in sessions.
	Sessions *SessionsService
	// Users looks users up by email, for offboarding.
	Users *UsersService

	engine *core.Engine
}

// NewClient returns a client for the Zendesk account at subdomain: "acme"
// means https://acme.zendesk.com (WithBaseURL sends the requests elsewhere;
// subdomain must still be valid). Every option is validated here: a
// subdomain that is empty, a host name or a URL, or an invalid option, is
// an *InvalidArgumentError naming it.
func NewClient(subdomain string, opts ...Option) (*Client, error) {
	base, err := subdomainURL(subdomain)
	if err != nil {
		return nil, err
	}
	st := settings{Settings: core.NewSettings(api(base))}
	if err := st.apply(opts); err != nil {
		return nil, err
	}
	switch { // WithTokenLifetime, given before or after WithClientCredentials
	case st.creds != nil && st.lifetime != 0:
		st.creds.lifetime = st.lifetime
	case st.lifetime != 0:
		return nil, invalid("WithTokenLifetime", nil, "needs WithClientCredentials")
	}
	e, err := core.NewEngine(st.Settings)
	if err != nil {
		return nil, err
	}
	return &Client{Sessions: &SessionsService{engine: e}, Users: &UsersService{engine: e}, engine: e}, nil
}

// subdomainURL validates an account's subdomain (a DNS label) and returns
// the account's base URL.
func subdomainURL(subdomain string) (string, error) {
	bad := func(reason string) error { return invalid("subdomain", subdomain, reason) }
	if subdomain == "" {
		return "", bad(`must not be empty: give the account's subdomain, "acme" for https://acme.zendesk.com`)
	}
	if strings.ContainsAny(subdomain, "./:") {
		return "", bad(`must be the subdomain alone, "acme" for https://acme.zendesk.com; use WithBaseURL for another host`)
	}
	if len(subdomain) > 63 {
		return "", bad("must be at most 63 characters")
	}
	if subdomain[0] == '-' || subdomain[len(subdomain)-1] == '-' {
		return "", bad("must not start or end with a hyphen")
	}
	if strings.Trim(subdomain, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return "", bad("may contain only letters, digits and hyphens")
	}
	return "https://" + strings.ToLower(subdomain) + ".zendesk.com", nil
}
