package core

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// validator is implemented by authenticators that can check their inputs
// before any request; the Auth option calls it with the option's name.
type validator interface {
	validate(option string) error
}

// Basic authenticates with HTTP Basic auth. The header value is built
// once. An empty username or password, or a username with a colon, is an
// error when the client is built.
func Basic(username string, password Secret) sessionkit.Authenticator {
	return &staticAuth{header: "Authorization", basicUser: username, secret: password, basic: true}
}

// StaticHeader authenticates by setting header to scheme + " " + key (or
// key alone when scheme is empty), built once. An invalid header name, a
// scheme that is not one word, or an empty key or one with characters not
// allowed in a header is an error when the client is built.
func StaticHeader(header, scheme string, key Secret) sessionkit.Authenticator {
	return &staticAuth{header: header, scheme: scheme, secret: key}
}

// staticAuth is a credential whose header never changes.
type staticAuth struct {
	header    string
	scheme    string
	basic     bool
	basicUser string
	secret    Secret

	once  sync.Once
	key   string   // the header's canonical name, and
	value []string // its value, built once; full, so an append copies
}

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
		var v string
		switch {
		case a.basic:
			v = "Basic " + base64.StdEncoding.EncodeToString([]byte(a.basicUser+":"+a.secret.Reveal()))
		case a.scheme != "":
			v = a.scheme + " " + a.secret.Reveal()
		default:
			v = a.secret.Reveal()
		}
		a.key, a.value = http.CanonicalHeaderKey(a.header), []string{v}
	})
	req.Header[a.key] = a.value[:1:1]
	return nil
}

func (a *staticAuth) String() string             { return redacted }
func (a *staticAuth) Format(f fmt.State, _ rune) { FormatAs(f, redacted) }
