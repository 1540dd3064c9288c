// Package shared writes, from one template, the surface that every
// wrapper package declares the same way: the With* options common to all
// APIs, the error types and the sentinels (aliases of package sessionkit's,
// so that users write zendesk.APIError and gameserver.ErrNotFound), and
// NewAPIError. Each wrapper keeps the result in shared_gen.go; the prose
// is therefore written once, and differs between the APIs only where an
// API says something of its own (its default base URL, its error bodies,
// its rate limits). `go generate ./wrapper/...` rewrites the files, and
// TestGeneratedFilesAreCurrent fails when one is stale.
package shared

import (
	"bytes"
	"fmt"
	"go/format"
	"text/template"
)

// API is what differs between the wrappers in the shared surface.
type API struct {
	// Pkg is the wrapper's package name, and the API's name in errors.
	Pkg string
	// Vendor names the service in prose: "Zendesk", "game-server".
	Vendor string
	// DefaultBase is where requests go without WithBaseURL, as prose.
	DefaultBase string
	// UserAgentExample is a product for WithUserAgent's doc.
	UserAgentExample string
	// APIValue is the expression of the wrapper's core.API.
	APIValue string
	// RateLimitNote is said of the API's limits in WithRateLimit's doc.
	RateLimitNote string
	// APIErrorBody says what the API's error bodies and headers give an
	// *APIError.
	APIErrorBody string
	// Sentinel holds extra prose for a sentinel, by name.
	Sentinel map[string]string
	// OptionTypes are the exported option types, which embed a setting:
	// each gets String, Format and LogValue declared (so go doc lists them).
	OptionTypes []string
}

// APIs are the wrappers, by package name.
var APIs = map[string]API{
	"zendesk": {
		Pkg: "zendesk", Vendor: "Zendesk", DefaultBase: "https://{subdomain}.zendesk.com",
		UserAgentExample: "myapp/1.2", APIValue: `api("")`, OptionTypes: []string{"SharedOption"},
		RateLimitNote: `Zendesk limits an account to 200–2500 requests a minute depending on
// the plan, shared with every other integration of the account: give a
// bulk job a share of it, and the job waits its turn instead of bouncing
// off 429s. For a budget shared with other processes, see
// WithAdaptiveRateLimit.`,
		APIErrorBody: `the code and message of
	// Zendesk's error body (classic {"error","description"}, JSON:API
	// {"errors":[...]}, OAuth {"error","error_description"}, or text),
	// the X-Zendesk-Request-Id, Retry-After, the attempts and the
	// rate-limit headers`,
		Sentinel: map[string]string{
			"ErrBadRequest":  ", such as an\n\t// invalid pagination parameter or offset pagination past page 100",
			"ErrForbidden":   ", such as an agent\n\t// asking for another user's sessions",
			"ErrRateLimited": ": the account's\n\t// rate limit was exceeded and the retries could not wait it out",
		},
	},
	"gameserver": {
		Pkg: "gameserver", Vendor: "game-server", DefaultBase: "DefaultBaseURL",
		UserAgentExample: "mygame-matchmaker/1.2", APIValue: `api()`, OptionTypes: []string{"SharedOption", "PollOption"},
		APIErrorBody: `the message of the API's
	// {"message"} body (or its text), the request id, Retry-After, the
	// attempts and the rate-limit headers`,
	},
}

// Generate returns the formatted shared_gen.go of the wrapper pkg.
func Generate(pkg string) ([]byte, error) {
	a, ok := APIs[pkg]
	if !ok {
		return nil, fmt.Errorf("shared: no API %q", pkg)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, a); err != nil {
		return nil, err
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("shared: %s: %w\n%s", pkg, err, b.Bytes())
	}
	return out, nil
}

var tmpl = template.Must(template.New("shared").Funcs(template.FuncMap{
	"sentinel": func(a API, name string) string { return a.Sentinel[name] },
}).Parse(source))
