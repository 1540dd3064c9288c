package sessionkit

import (
	"fmt"
	"net/http"
	"time"
)

// The defaults of a RetryPolicy's zero fields.
const (
	DefaultMaxAttempts    = 3                      // attempts, including the first
	DefaultInitialBackoff = 500 * time.Millisecond // the wait after the first failed attempt
	DefaultMaxBackoff     = 30 * time.Second       // the cap on every wait, a Retry-After included
	DefaultMultiplier     = 2.0                    // how each wait grows from the one before
	DefaultJitter         = 0.2                    // the fraction of each wait that is randomised
)

// RetryPolicy says when and how long to wait before trying a failed
// request again. Both clients' retry rules are stated here, and only
// here. The zero value means the defaults, field by field: 3 attempts,
// 500 ms doubling backoff capped at 30 s, 20 % jitter, retry on 408, 429,
// 500, 502, 503 and 504 and on connection errors.
//
// An attempt is complete only when a success body has been read and
// decoded. It failed when no usable response came back (the connection
// could not be made or broke off, or a success body ended early) or when
// the status is one of RetryStatuses. It is tried again when attempts
// remain, its body can be sent again (GetBody) and the operation may be
// repeated, which does not depend on the policy:
//   - GET, PUT and DELETE always may (every Zendesk sessions operation, and
//     the game server's get, list, users and delete);
//   - a POST may when repeating it is harmless: the game server's bulk stop,
//     and Zendesk's token endpoint (a lost answer costs an unused token);
//   - any other POST (the game server's create) is repeated only when the
//     failure proves the server never acted on it — the connection could
//     not be made, 408, 429 — or when the call opted in
//     (gameserver.WithRetryNonIdempotent) or carries an Idempotency-Key
//     header; so a create is never sent twice by surprise.
//
// The wait after failed attempt n is InitialBackoff × Multiplier^(n−1),
// capped at MaxBackoff, less up to Jitter of itself. A Retry-After header
// (seconds or an HTTP date) is a floor for the wait (a 429 without one
// waits for the rate-limit reset the response gave); a wait longer than
// MaxBackoff or the context's deadline is not slept: the call fails at
// once with APIError.RetryAfter set. Every wait uses a timer and ends with
// the call's context. Every response not returned is drained (up to
// 64 KiB) and closed, so its connection is reused.
//
// Never retried, whatever the policy: a failure of the client's own
// (credentials that fail or cannot go in a header, a request that cannot
// be built or whose body cannot be rewound, a body over the size limit), a
// refused redirect, a certificate problem, or the caller's context ending.
// Minted credentials (zendesk.WithClientCredentials) answered 401 are
// replaced once and the call sent once more at once, outside MaxAttempts.
// On giving up, the last response is returned as an *APIError (or a
// *ConnectionError) with Attempts set.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts, including the first.
	// 0 means 3; 1 means no retries; negative is an error.
	MaxAttempts int
	// InitialBackoff is the wait after the first failed attempt.
	// 0 means 500 ms; negative is an error.
	InitialBackoff time.Duration
	// MaxBackoff caps every single wait, a Retry-After included (see
	// above). 0 means 30 s; negative is an error. An InitialBackoff above
	// MaxBackoff is clamped to it.
	MaxBackoff time.Duration
	// Multiplier grows the wait after each failed attempt. 0 means 2;
	// values below 1, NaN and infinities are errors.
	Multiplier float64
	// Jitter is the fraction of each wait that is randomised: a wait w
	// becomes a uniform pick in [w×(1−Jitter), w], so clients that failed
	// together do not retry together. 0 means 0.2; a negative value means
	// no jitter (exact waits, for tests); above 1 or NaN is an error.
	Jitter float64
	// RetryStatuses lists the HTTP statuses worth retrying. nil means 408,
	// 429, 500, 502, 503, 504; an empty non-nil slice retries no status
	// (connection errors only). Values outside 100–599 are errors.
	RetryStatuses []int
	// OnRetry, when set, is called synchronously before each wait.
	OnRetry func(RetryEvent)
}

// String describes the policy (it has no secrets).
func (p RetryPolicy) String() string {
	return fmt.Sprintf("RetryPolicy{MaxAttempts: %d, InitialBackoff: %s, MaxBackoff: %s, Multiplier: %g, Jitter: %g, RetryStatuses: %v}",
		p.MaxAttempts, p.InitialBackoff, p.MaxBackoff, p.Multiplier, p.Jitter, p.RetryStatuses)
}

// RetryEvent describes one retry, for RetryPolicy.OnRetry.
type RetryEvent struct {
	Attempt     int           // the attempt that failed, from 1
	Wait        time.Duration // how long the client waits before the next attempt
	StatusCode  int           // the failed attempt's status; 0 for a connection error
	RetryAfter  time.Duration // the wait the server asked for; 0 when it did not
	Err         error         // the connection error; nil when a response arrived
	Method, URL string        // the request (URL without credentials)
}

// RateLimit is the rate-limit state a response reported.
type RateLimit struct {
	Limit     int           // the requests allowed in the window
	Remaining int           // the requests left in the window
	Reset     time.Duration // how long until the window resets, when the server says
	Present   bool          // whether the response carried any rate-limit header
}

// ResponseInfo is the metadata of a successful call (WithResponseInfo).
type ResponseInfo struct {
	StatusCode int         // the final response's
	RequestID  string      // the server's, when it sent one
	RateLimit  RateLimit   // the final response's
	Attempts   int         // including the first
	Header     http.Header // the final response's, without credential-bearing fields such as Set-Cookie
}
