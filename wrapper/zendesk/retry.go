package zendesk

import "github.com/sessionkit/sessions/wrapper/internal/core"

// RetryPolicy says when and how long to wait before trying a failed call
// again. The zero value means the defaults, field by field: 3 attempts,
// 500 ms doubling backoff capped at 30 s, 20 % jitter, retry on 408, 429,
// 500, 502, 503 and 504 and on connection errors. Retry-After is a floor
// for the wait; a wait longer than MaxBackoff is not slept (the error
// carries it in APIError.RetryAfter).
type RetryPolicy = core.RetryPolicy

// RetryEvent describes one retry, for RetryPolicy.OnRetry.
type RetryEvent = core.RetryEvent

// DefaultRetryPolicy returns the policy used when none is configured, with
// every field spelled out.
func DefaultRetryPolicy() RetryPolicy { return core.DefaultRetryPolicy() }

// WithRetry sets the retry policy; zero fields take their defaults. An
// invalid policy (a negative MaxAttempts, a Multiplier below 1...) is an
// error naming the field. Every Zendesk operation is a GET or a DELETE, so
// every operation is retried.
func WithRetry(p RetryPolicy) Option { return core.WithRetry(p) }

// WithoutRetries makes every call a single attempt.
func WithoutRetries() Option { return core.WithoutRetries() }
