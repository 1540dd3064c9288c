package core

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// redacted is what every secret-bearing value prints instead of its content.
const redacted = "[REDACTED]"

// Secret is a credential (an API token, a password, an OAuth access
// token). It prints as [REDACTED] with every fmt verb, in slog and in JSON
// or text encodings; only the authenticators call Reveal.
type Secret string

// Reveal returns the secret's real value.
func (s Secret) Reveal() string { return string(s) }

// String returns "[REDACTED]".
func (s Secret) String() string { return redacted }

// GoString returns "[REDACTED]", so %#v redacts too.
func (s Secret) GoString() string { return redacted }

// Format writes "[REDACTED]" for every verb and flag.
func (s Secret) Format(f fmt.State, _ rune) { FormatAs(f, redacted) }

// LogValue makes slog print "[REDACTED]".
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalText returns "[REDACTED]", for encoders that use text marshaling.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// MarshalJSON returns the JSON string "[REDACTED]".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// FormatAs writes s for every verb: the Format methods of every redacting
// type (options, credentials) use it, so %+v and %#v never show a secret.
func FormatAs(f fmt.State, s string) { _, _ = io.WriteString(f, s) }

// Basic authenticates with HTTP Basic auth. An empty username or password,
// or a username with a colon, is an error when the client is built.
func Basic(username string, password Secret) sessionkit.Authenticator {
	v := "Basic " + base64.StdEncoding.EncodeToString([]byte(username+":"+password.Reveal()))
	return &staticAuth{header: "Authorization", basicUser: username, secret: password, basic: true, value: []string{v}}
}

// StaticHeader authenticates by setting header to scheme + " " + key (key
// alone when scheme is empty). An invalid header name, a scheme that is
// not one word, or an empty key or one that cannot go in a header is an
// error when the client is built.
func StaticHeader(header, scheme string, key Secret) sessionkit.Authenticator {
	v := key.Reveal()
	if scheme != "" {
		v = scheme + " " + v
	}
	return &staticAuth{header: http.CanonicalHeaderKey(header), scheme: scheme, secret: key, value: []string{v}}
}

// staticAuth is a credential whose header never changes.
type staticAuth struct {
	header, scheme, basicUser string
	basic                     bool
	secret                    Secret
	value                     []string // the header's, full (cap 1) so that an append copies
}

// validate checks the credential's inputs for the Auth option named option.
func (a *staticAuth) validate(option string) error {
	switch {
	case a.basic && strings.TrimSpace(a.basicUser) == "":
		return invalid(option+" username", nil, "must not be empty")
	case a.basic && strings.Contains(a.basicUser, ":"):
		return invalid(option+" username", nil, "must not contain a colon")
	case a.basic && a.secret == "":
		return invalid(option+" password", nil, "must not be empty")
	case !validHeaderName(a.header):
		return invalid(option+" header", a.header, "is not a valid header name")
	case strings.ContainsAny(a.scheme, " \t") || !validHeaderValue(a.scheme):
		return invalid(option+" scheme", a.scheme, "must be a single word")
	case a.secret == "":
		return invalid(option+" key", nil, "must not be empty")
	case !validHeaderValue(a.secret.Reveal()) || !validHeaderValue(a.basicUser):
		return invalid(option+" key", nil, "contains characters not allowed in a header")
	}
	return nil
}

func (a *staticAuth) Authenticate(_ context.Context, req *http.Request) error {
	req.Header[a.header] = a.value
	return nil
}

func (a *staticAuth) String() string             { return redacted }
func (a *staticAuth) Format(f fmt.State, _ rune) { FormatAs(f, redacted) }
