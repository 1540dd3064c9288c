package core

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// defaultHTTPClient returns a client's own *http.Client: a clone of
// net/http's transport with room for 100 idle connections per host (one
// client, many goroutines) and no overall Timeout (the context bounds).
func defaultHTTPClient() *http.Client {
	t, ok := http.DefaultTransport.(*http.Transport)
	if ok {
		t = t.Clone()
	} else {
		t = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			ExpectContinueTimeout: time.Second,
		}
	}
	t.MaxIdleConns = 100
	t.MaxIdleConnsPerHost = 100
	t.IdleConnTimeout = 90 * time.Second
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 2 * time.Minute
	return &http.Client{Transport: t}
}

// checkBaseURL parses and validates an API base URL: absolute http(s) with
// a host and a valid port, no userinfo, query or fragment, and no trailing
// slash. Clear-text http:// needs allowInsecure unless the host is
// "localhost" itself or a literal loopback IP (a name under .localhost may
// resolve through DNS to a remote host). Errors never repeat userinfo.
func checkBaseURL(raw string, allowInsecure bool) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, invalid("base URL", nil, "must not be empty")
	}
	u, err := url.Parse(raw)
	if err != nil { // its error quotes the whole input, userinfo included
		return nil, invalid("base URL", nil, "is not a valid URL")
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	ip := net.ParseIP(host)
	reason := ""
	port, portErr := strconv.Atoi(u.Port()) // url.Parse let only digits through
	switch {
	case u.User != nil:
		reason = "must not contain userinfo; use an authentication option"
	case u.Scheme != "http" && u.Scheme != "https":
		reason = "must be an absolute http or https URL"
	case u.Host == "" || u.Hostname() == "":
		reason = "must have a host"
	case u.RawQuery != "" || u.ForceQuery:
		reason = "must not have a query"
	case u.Fragment != "" || strings.Contains(raw, "#"):
		reason = "must not have a fragment"
	case u.Scheme == "http" && !allowInsecure && host != "localhost" && (ip == nil || !ip.IsLoopback()):
		reason = "http:// is only allowed for loopback hosts; use https or WithInsecureHTTP"
	case u.Port() != "" && (portErr != nil || len(u.Port()) > 5 || port < 1 || port > 65535):
		reason = "has an invalid port"
	}
	if reason != "" {
		return nil, invalid("base URL", redactURL(u), reason)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	if u.EscapedPath() != u.RawPath { // the trim left RawPath no longer encoding Path
		u.RawPath = ""
	}
	return u, nil
}

// origin is a URL's scheme, host and port, the unit credentials are bound
// to: "https://acme.zendesk.com:443".
type origin string

// originOf returns u's origin, with the scheme's default port made
// explicit so that "https://h" and "https://h:443" are one origin.
func originOf(u *url.URL) origin {
	if u == nil {
		return ""
	}
	scheme, port := strings.ToLower(u.Scheme), u.Port()
	if port == "" && scheme == "https" {
		port = "443"
	} else if port == "" && scheme == "http" {
		port = "80"
	}
	return origin(scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port))
}

// sameOrigin reports whether u is on the base URL's origin: at once when
// it has the base URL's scheme and host as written (every request the
// wrappers build), by comparing origins otherwise.
func (c *Settings) sameOrigin(u *url.URL) bool {
	return u.Scheme == c.base.Scheme && u.Host == c.base.Host || originOf(u) == c.origin
}

// guardRedirects makes an *http.Client refuse a redirect to another origin
// than o with a *RedirectError (net/http strips Authorization only when the
// host name changes, not the port or the scheme), before its own
// CheckRedirect or limit of 10; another Doer follows its own redirects.
func guardRedirects(d sessionkit.Doer, o origin) sessionkit.Doer {
	hc, ok := d.(*http.Client)
	if !ok {
		return d
	}
	c, userCheck := *hc, hc.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if got := originOf(req.URL); got != o {
			status := 0
			if req.Response != nil {
				status = req.Response.StatusCode
			}
			return &sessionkit.RedirectError{StatusCode: status, Location: redactURL(req.URL),
				Reason: "it leads to " + string(got) + ", not the client's origin " + string(o)}
		}
		if userCheck != nil {
			return userCheck(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &c
}
