package zendesk

import (
	"net/http"

	"github.com/sessionkit/sessions/wrapper/internal/core"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// userAgent is the SDK's User-Agent product; WithUserAgent puts the
// caller's in front of it.
const userAgent = "sessionkit-go-zendesk/0.1"

// api is what the engine needs to know of Zendesk, for the account at
// base.
func api(base string) core.API {
	return core.API{
		Name:           "zendesk",
		DefaultBaseURL: base,
		UserAgent:      userAgent,
		ErrorBody:      decodeErrorBody,
		RequestID:      func(h http.Header) string { return h.Get("X-Zendesk-Request-Id") },
		RateLimit:      rateLimitHeaders,
	}
}

// RateLimit is the rate-limit state a response reported: Zendesk's
// account-wide X-Rate-Limit and X-Rate-Limit-Remaining (requests per
// minute), or the endpoint-level ratelimit-limit, ratelimit-remaining and
// ratelimit-reset when present (they win, being the tighter). Every Page
// and every *APIError carries one; see sessionkit.RateLimit for its
// fields.
type RateLimit = sessionkit.RateLimit

// ParseRateLimit reads Zendesk's rate-limit headers from h, as the client
// does for every Page and *APIError: for a transport or a tool of your own
// that paces by them.
func ParseRateLimit(h http.Header) RateLimit {
	return rateLimitHeaders.Parse(h)
}

// rateLimitHeaders are Zendesk's rate-limit headers, the endpoint-level
// ones first.
var rateLimitHeaders = core.RateLimitHeaders{
	Limit:     []string{"Ratelimit-Limit", "X-Rate-Limit"},
	Remaining: []string{"Ratelimit-Remaining", "X-Rate-Limit-Remaining"},
	Reset:     []string{"Ratelimit-Reset"},
}
