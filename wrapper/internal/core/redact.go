package core

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// redactURL renders u for errors and logs: userinfo and the fragment are
// dropped and the values of credential-like query parameters replaced.
func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.Opaque != "" { // "user:password@host" without "//" parses as opaque
		return u.Scheme + ":" + redacted
	}
	c := *u
	c.User, c.Fragment, c.RawFragment = nil, "", ""
	if c.RawQuery != "" {
		q, err := url.ParseQuery(c.RawQuery)
		changed := err != nil
		for k := range q {
			switch strings.ToLower(k) {
			case "access_token", "api_key", "apikey", "key", "password", "secret", "signature", "token", "client_secret", "code":
				q[k], changed = []string{redacted}, true
			}
		}
		switch {
		case err != nil:
			c.RawQuery = redacted
		case changed:
			c.RawQuery = q.Encode()
		}
	}
	return c.String()
}

// safeHeader returns a copy of a response header h for the caller without
// Authorization, Proxy-Authorization, Cookie and Set-Cookie, nor any field
// (a gateway's X-Echo-Authorization) whose value is or contains a value of
// sent, the request's header (a "scheme token" credential's token too),
// but for the protocol headers the engine and the builders set.
func safeHeader(h, sent http.Header) http.Header {
	if h == nil {
		return nil
	}
	c := h.Clone()
	for _, k := range [...]string{"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"} {
		c.Del(k)
	}
	var secrets []string
	for k, vs := range sent {
		switch k {
		case "User-Agent", "Accept", "Content-Type", "Content-Length", "Accept-Encoding":
			continue
		}
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" {
				secrets = append(secrets, v)
				// The token of "Bearer <token>" (v has no space at its ends).
				if tok := v[strings.LastIndexByte(v, ' ')+1:]; tok != v && len(tok) >= minSecretEcho {
					secrets = append(secrets, tok)
				}
			}
		}
	}
	for k, vs := range c {
		if slices.ContainsFunc(vs, func(v string) bool { return echoes(v, secrets) }) {
			delete(c, k)
		}
	}
	return c
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
