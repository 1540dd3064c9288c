package zendesk

import "github.com/sessionkit/sessions/wrapper/internal/core"

// RateLimit is the rate-limit state a response reported: Zendesk's
// account-wide X-Rate-Limit and X-Rate-Limit-Remaining (requests per
// minute), or the endpoint-level ratelimit-limit, ratelimit-remaining and
// ratelimit-reset when present (they win, being the tighter). Every Page
// and every *APIError carries one.
type RateLimit = core.RateLimit

// WithRateLimit makes the client send at most perMinute requests a minute,
// evenly spaced, counting every attempt of every call of the client. Zendesk
// limits an account to 200–2500 requests a minute depending on the plan,
// shared with every other integration of the account: give a bulk job a
// share of it, and the job waits its turn instead of bouncing off 429s.
//
// Waiting honours the call's context; a wait that would outlast its
// deadline fails at once with an error wrapping context.DeadlineExceeded.
// perMinute must be > 0. It is a client option: the limiter belongs to the
// client, so per call it is an error.
func WithRateLimit(perMinute int) Option { return core.WithRateLimit(perMinute) }
