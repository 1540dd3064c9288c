package zendesk

import (
	"net/http"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// invalid is an *InvalidArgumentError of this package.
func invalid(name string, value any, reason string) error {
	return core.Invalid("zendesk", name, value, reason)
}

// api is what the engine needs to know of Zendesk, for the account at base.
func api(base string) core.API {
	return core.API{
		Name:           "zendesk",
		DefaultBaseURL: base,
		UserAgent:      "sessionkit-go-zendesk/0.1", // WithUserAgent puts the caller's in front
		ErrorBody:      decodeErrorBody,
		RequestID:      func(h http.Header) string { return h.Get("X-Zendesk-Request-Id") },
		RateLimit:      rateLimitHeaders,
	}
}

// rateLimitHeaders are Zendesk's rate-limit headers, the endpoint-level
// ones first.
var rateLimitHeaders = core.RateLimitHeaders{
	Limit:     []string{"Ratelimit-Limit", "X-Rate-Limit"},
	Remaining: []string{"Ratelimit-Remaining", "X-Rate-Limit-Remaining"},
	Reset:     []string{"Ratelimit-Reset"},
}
