package core

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// defaultHTTPClient returns a new *http.Client for one client: its own
// transport (a clone of net/http's defaults, never shared with
// http.DefaultClient) tuned for one client shared by many goroutines —
// up to 100 idle connections to the API's host (MaxIdleConnsPerHost 100,
// so concurrent calls reuse connections instead of opening new ones), 90 s
// idle timeout, 30 s dial timeout with keep-alives, 10 s TLS handshake,
// 2 min for the response headers, HTTP/2 when the server offers it — and
// at most 10 redirects, none to another origin. It sets no overall
// Timeout: a call is bounded by its context.
func defaultHTTPClient() *http.Client {
	var t *http.Transport
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		t = dt.Clone()
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

// origin is a URL's scheme, host and port, the unit credentials are bound
// to: "https://acme.zendesk.com:443".
type origin string

// originOf returns u's origin, with the scheme's default port made
// explicit so that "https://h" and "https://h:443" are one origin.
func originOf(u *url.URL) origin {
	if u == nil {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return origin(scheme + "://" + net.JoinHostPort(host, port))
}

// sameOrigin reports whether u is on the base URL's origin: at once when
// it has the base URL's scheme and host as written (every request the
// wrappers build), by comparing origins otherwise.
func (c *Settings) sameOrigin(u *url.URL) bool {
	if u.Scheme == c.base.Scheme && u.Host == c.base.Host {
		return true
	}
	return originOf(u) == c.origin
}

// guardRedirects returns d such that a redirect to another origin than o
// is refused with a *RedirectError instead of being followed with the
// request's credentials and headers. net/http itself strips Authorization
// only when the host name changes, not the port or the scheme. For an
// *http.Client the check runs before the client's own CheckRedirect (or
// the default limit of 10); another Doer is responsible for its own
// redirects.
func guardRedirects(d sessionkit.Doer, o origin) sessionkit.Doer {
	hc, ok := d.(*http.Client)
	if !ok {
		return d
	}
	c := *hc
	userCheck := hc.CheckRedirect
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
