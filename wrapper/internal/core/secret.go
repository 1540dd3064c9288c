package core

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"

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
	return &staticAuth{header: "Authorization", basicUser: username, secret: password, basic: true}
}

// StaticHeader authenticates by setting header to scheme + " " + key (key
// alone when scheme is empty). An invalid header name, a scheme that is
// not one word, or an empty key or one that cannot go in a header is an
// error when the client is built.
func StaticHeader(header, scheme string, key Secret) sessionkit.Authenticator {
	return &staticAuth{header: header, scheme: scheme, secret: key}
}

// staticAuth is a credential whose header never changes, built once.
type staticAuth struct {
	header, scheme, basicUser string
	basic                     bool
	secret                    Secret

	once  sync.Once
	key   string   // the header's canonical name
	value []string // full, so an append copies
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
	a.once.Do(func() {
		v := a.secret.Reveal()
		switch {
		case a.basic:
			v = "Basic " + base64.StdEncoding.EncodeToString([]byte(a.basicUser+":"+v))
		case a.scheme != "":
			v = a.scheme + " " + v
		}
		a.key, a.value = http.CanonicalHeaderKey(a.header), []string{v}
	})
	req.Header[a.key] = a.value[:1:1]
	return nil
}

func (a *staticAuth) String() string             { return redacted }
func (a *staticAuth) Format(f fmt.State, _ rune) { FormatAs(f, redacted) }
