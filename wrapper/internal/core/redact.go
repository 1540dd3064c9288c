package core

import (
	"net/http"
	"net/url"
	"strings"
)

// redactURL renders u for errors and logs: userinfo is dropped and the values
// of credential-like query parameters are replaced. The fragment is dropped.
func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.Opaque != "" {
		// "user:password@host" without "//" parses as an opaque URL.
		return u.Scheme + ":" + redacted
	}
	c := *u
	c.User = nil
	c.Fragment, c.RawFragment = "", ""
	if c.RawQuery != "" {
		q, err := url.ParseQuery(c.RawQuery)
		if err != nil {
			c.RawQuery = redacted
		} else {
			changed := false
			for k := range q {
				if isSensitiveKey(k) {
					q[k] = []string{redacted}
					changed = true
				}
			}
			if changed {
				c.RawQuery = q.Encode()
			}
		}
	}
	return c.String()
}

// isSensitiveKey reports whether a query parameter's value is replaced by
// [REDACTED] whenever a URL is printed, logged or put into an error.
func isSensitiveKey(k string) bool {
	switch strings.ToLower(k) {
	case "access_token", "api_key", "apikey", "key", "password", "secret",
		"signature", "token", "client_secret", "code":
		return true
	}
	return false
}

// safeHeader returns a copy of a response header without credential-bearing
// fields (a Set-Cookie carrying a session, an echoed Authorization): they
// never leave the engine in an APIError, a Page or a log.
func safeHeader(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	c := h.Clone()
	for _, k := range [...]string{"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"} {
		c.Del(k)
	}
	return c
}

// validHeaderName reports whether s is an RFC 7230 token.
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// validHeaderValue reports whether s has no control characters other than
// horizontal tab, so it cannot split a header.
func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
