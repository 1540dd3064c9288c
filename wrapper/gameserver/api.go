package gameserver

import (
	"cmp"
	"encoding/json"
	"net/http"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// DefaultBaseURL is the API's base URL when no WithBaseURL is given.
const DefaultBaseURL = "https://api.edgegap.com"

// userAgent is the SDK's User-Agent product; WithUserAgent prepends the
// caller's.
const userAgent = "sessionkit-go-gameserver/0.1"

// api is what the engine needs to know of the game-server API.
func api() core.API {
	return core.API{
		Name:           "gameserver",
		DefaultBaseURL: DefaultBaseURL,
		UserAgent:      userAgent,
		ErrorBody:      decodeErrorBody,
		RequestID: func(h http.Header) string {
			if v := h.Get("X-Request-Id"); v != "" {
				return v
			}
			return h.Get("Request-Id")
		},
		RateLimit: rateLimitHeaders,
	}
}

// rateLimitHeaders are the API's rate-limit headers, RateLimit-* first.
var rateLimitHeaders = core.RateLimitHeaders{
	Limit:     []string{"Ratelimit-Limit", "X-Ratelimit-Limit"},
	Remaining: []string{"Ratelimit-Remaining", "X-Ratelimit-Remaining"},
	Reset:     []string{"Ratelimit-Reset", "X-Ratelimit-Reset"},
}

// decodeErrorBody reads the API's error body, {"message": "..."}; FastAPI
// validation errors ({"detail": ...}) and {"error": "..."} are understood
// too. Anything else is left to the engine, which keeps the text.
func decodeErrorBody(_ string, body []byte) (code, message string) {
	var b struct {
		Message string          `json:"message"`
		Error   string          `json:"error"`
		Detail  json.RawMessage `json:"detail"`
	}
	if json.Unmarshal(body, &b) != nil {
		return "", ""
	}
	if m := cmp.Or(b.Message, b.Error); m != "" || b.Detail == nil { // absent detail; null is "null"
		return "", m
	}
	var s string
	if json.Unmarshal(b.Detail, &s) == nil {
		return "", s
	}
	return "", string(b.Detail)
}
