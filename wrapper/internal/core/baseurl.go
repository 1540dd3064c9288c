package core

import (
	"net"
	"net/url"
	"strings"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// checkBaseURL parses and validates an API base URL. It must be absolute
// http or https with a host, and carry no userinfo, query or fragment
// (credentials go through an Authenticator, never the URL). http is refused
// for hosts other than "localhost" itself and literal loopback addresses unless allowInsecure
// is set (WithInsecureHTTP): credentials must not cross a network in clear
// text by accident. The result has no trailing slash. Errors never repeat
// the URL's userinfo.
func checkBaseURL(raw string, allowInsecure bool) (*url.URL, error) {
	bad := func(reason string) error {
		return &sessionkit.InvalidArgumentError{Name: "base URL", Reason: reason}
	}
	if strings.TrimSpace(raw) == "" {
		return nil, bad("must not be empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse errors quote the whole input, userinfo included: never
		// pass them on.
		return nil, bad("is not a valid URL")
	}
	if u.User != nil {
		return nil, &sessionkit.InvalidArgumentError{Name: "base URL", Value: redactURL(u), Reason: "must not contain userinfo; use an authentication option"}
	}
	shown := redactURL(u)
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, &sessionkit.InvalidArgumentError{Name: "base URL", Value: shown, Reason: "must be an absolute http or https URL"}
	case u.Host == "" || u.Hostname() == "":
		return nil, &sessionkit.InvalidArgumentError{Name: "base URL", Value: shown, Reason: "must have a host"}
	case u.RawQuery != "" || u.ForceQuery:
		return nil, &sessionkit.InvalidArgumentError{Name: "base URL", Value: shown, Reason: "must not have a query"}
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return nil, &sessionkit.InvalidArgumentError{Name: "base URL", Value: shown, Reason: "must not have a fragment"}
	case u.Scheme == "http" && !allowInsecure && !isLoopback(u.Hostname()):
		return nil, &sessionkit.InvalidArgumentError{Name: "base URL", Value: shown, Reason: "http:// is only allowed for loopback hosts; use https or WithInsecureHTTP"}
	}
	if p := u.Port(); p != "" && !validPort(p) {
		return nil, &sessionkit.InvalidArgumentError{Name: "base URL", Value: shown, Reason: "has an invalid port"}
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	if u.EscapedPath() != u.RawPath { // the trim left RawPath no longer encoding Path
		u.RawPath = ""
	}
	return u, nil
}

func validPort(p string) bool {
	if len(p) > 5 {
		return false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n > 0 && n <= 65535
}

// isLoopback reports whether host is "localhost" itself or a literal
// loopback IP address. A name under .localhost ("app.localhost") is not:
// Go resolves it through the system resolver, which may send it to DNS
// and a remote host, so clear-text credentials could leave the machine.
func isLoopback(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
