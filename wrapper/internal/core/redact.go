package core

import (
	"net/http"
	"net/url"
	"slices"
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

// safeHeader returns a copy of a response header h without
// credential-bearing fields: they never leave the engine in an APIError, a
// Page, a ResponseInfo or a log. Dropped are Authorization,
// Proxy-Authorization, Cookie and Set-Cookie, and any field, whatever its
// name (a gateway's X-Echo-Authorization, X-Api-Key), with a value that
// equals or contains a value the request sent (sent is its header): a
// credential or a WithHeader value. Only the protocol headers the engine
// and the generated builders set themselves (User-Agent, Accept,
// Content-Type, Content-Length, Accept-Encoding) are not compared; a
// credential sent as "scheme token" also counts as its token alone.
func safeHeader(h, sent http.Header) http.Header {
	if h == nil {
		return nil
	}
	c := h.Clone()
	for _, k := range [...]string{"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"} {
		c.Del(k)
	}
	secrets := sentValues(sent)
	if len(secrets) == 0 {
		return c
	}
	for k, vs := range c {
		if slices.ContainsFunc(vs, func(v string) bool { return echoes(v, secrets) }) {
			delete(c, k)
		}
	}
	return c
}

// sentValues lists the request header values a response must not echo.
func sentValues(sent http.Header) []string {
	var out []string
	for k, vs := range sent {
		switch k {
		case "User-Agent", "Accept", "Content-Type", "Content-Length", "Accept-Encoding":
			continue
		}
		for _, v := range vs {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			out = append(out, v)
			// The token of "Bearer <token>" (v itself has no space at its ends).
			if tok := v[strings.LastIndexByte(v, ' ')+1:]; tok != v && len(tok) >= minSecretEcho {
				out = append(out, tok)
			}
		}
	}
	return out
}

// minSecretEcho is the shortest sent value looked for inside a response
// header value; a shorter one drops only a value equal to it.
const minSecretEcho = 8

// echoes reports whether v is, or contains, one of secrets.
func echoes(v string, secrets []string) bool {
	v = strings.TrimSpace(v)
	for _, s := range secrets {
		if v == s || len(s) >= minSecretEcho && strings.Contains(v, s) {
			return true
		}
	}
	return false
}
