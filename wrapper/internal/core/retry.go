package core

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Retry policy defaults, used for the zero fields of a RetryPolicy.
const (
	// DefaultMaxAttempts is the number of attempts, including the first.
	DefaultMaxAttempts = 3
	// DefaultInitialBackoff is the wait after the first failed attempt.
	DefaultInitialBackoff = 500 * time.Millisecond
	// DefaultMaxBackoff caps every wait, including a Retry-After.
	DefaultMaxBackoff = 30 * time.Second
	// DefaultMultiplier grows the wait after each failed attempt.
	DefaultMultiplier = 2.0
	// DefaultJitter is the fraction of each wait that is randomised.
	DefaultJitter = 0.2
)

// RetryPolicy says when and how long to wait before trying a failed request
// again. The zero value means the defaults, field by field: 3 attempts,
// 500 ms doubling backoff capped at 30 s, 20 % jitter, retry on 408, 429,
// 500, 502, 503 and 504 and on connection errors.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts, including the first.
	// 0 means 3; 1 means no retries; negative is an error.
	MaxAttempts int
	// InitialBackoff is the wait after the first failed attempt.
	// 0 means 500 ms; negative is an error.
	InitialBackoff time.Duration
	// MaxBackoff caps every single wait, including one asked for by a
	// Retry-After header: a server asking for longer is not waited for, the
	// call fails with APIError.RetryAfter set. 0 means 30 s; negative is an
	// error. An InitialBackoff above MaxBackoff is clamped to it.
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
	// OnRetry, when set, is called synchronously before each wait, with
	// what failed and how long the engine will wait.
	OnRetry func(RetryEvent)
}

// DefaultRetryPolicy returns the policy used when none is configured, with
// every field spelled out.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxAttempts:    DefaultMaxAttempts,
		InitialBackoff: DefaultInitialBackoff,
		MaxBackoff:     DefaultMaxBackoff,
		Multiplier:     DefaultMultiplier,
		Jitter:         DefaultJitter,
		RetryStatuses:  defaultRetryStatuses(),
	}
}

func defaultRetryStatuses() []int { return []int{408, 429, 500, 502, 503, 504} }

// RetryEvent describes one retry, for RetryPolicy.OnRetry.
type RetryEvent struct {
	// Attempt is the number of the attempt that failed (1 for the first).
	Attempt int
	// Wait is how long the engine waits before the next attempt.
	Wait time.Duration
	// StatusCode is the failed attempt's status, 0 for a connection error.
	StatusCode int
	// RetryAfter is the wait the server asked for, 0 when it did not.
	RetryAfter time.Duration
	// Err is the connection error, nil when a response arrived.
	Err error
	// Method and URL identify the request (URL without credentials).
	Method, URL string
}

// normalized fills in defaults and validates p; the result has every field
// set (a negative Jitter, meaning none, becomes -1). Errors name the field after prefix.
func (p RetryPolicy) normalized(prefix string) (RetryPolicy, error) {
	bad := func(field string, v any, reason string) error {
		return &InvalidArgumentError{Name: prefix + field, Value: v, Reason: reason}
	}
	switch {
	case p.MaxAttempts < 0:
		return p, bad("MaxAttempts", p.MaxAttempts, "must be >= 0 (0 means 3)")
	case p.MaxAttempts == 0:
		p.MaxAttempts = DefaultMaxAttempts
	}
	switch {
	case p.InitialBackoff < 0:
		return p, bad("InitialBackoff", p.InitialBackoff, "must be >= 0 (0 means 500ms)")
	case p.InitialBackoff == 0:
		p.InitialBackoff = DefaultInitialBackoff
	}
	switch {
	case p.MaxBackoff < 0:
		return p, bad("MaxBackoff", p.MaxBackoff, "must be >= 0 (0 means 30s)")
	case p.MaxBackoff == 0:
		p.MaxBackoff = DefaultMaxBackoff
	}
	p.InitialBackoff = min(p.InitialBackoff, p.MaxBackoff)
	switch {
	case p.Multiplier == 0:
		p.Multiplier = DefaultMultiplier
	case math.IsNaN(p.Multiplier) || math.IsInf(p.Multiplier, 0) || p.Multiplier < 1:
		return p, bad("Multiplier", p.Multiplier, "must be >= 1 (0 means 2)")
	}
	switch {
	case math.IsNaN(p.Jitter) || p.Jitter > 1:
		return p, bad("Jitter", p.Jitter, "must be <= 1 (0 means 0.2, negative means none)")
	case p.Jitter == 0:
		p.Jitter = DefaultJitter
	case p.Jitter < 0:
		p.Jitter = -1 // none
	}
	if p.RetryStatuses == nil {
		p.RetryStatuses = defaultRetryStatuses()
	} else {
		for _, s := range p.RetryStatuses {
			if s < 100 || s > 599 {
				return p, bad("RetryStatuses", s, "must be an HTTP status (100-599)")
			}
		}
		p.RetryStatuses = slices.Clone(p.RetryStatuses)
	}
	return p, nil
}

// String describes the policy (it has no secrets).
func (p RetryPolicy) String() string {
	return fmt.Sprintf("RetryPolicy{MaxAttempts: %d, InitialBackoff: %s, MaxBackoff: %s, Multiplier: %g, Jitter: %g, RetryStatuses: %v}",
		p.MaxAttempts, p.InitialBackoff, p.MaxBackoff, p.Multiplier, p.Jitter, p.RetryStatuses)
}

// retryableStatus reports whether a normalized policy retries status.
func (p RetryPolicy) retryableStatus(status int) bool {
	return slices.Contains(p.RetryStatuses, status)
}

// idempotent reports whether a request may be sent twice without harm:
// GET, HEAD, PUT, DELETE, OPTIONS and TRACE, or any request carrying an
// Idempotency-Key header (as net/http also assumes) — on the request itself
// or among the extra headers the call adds (WithHeader).
func idempotent(req *http.Request, extra http.Header) bool {
	switch strings.ToUpper(req.Method) {
	case "", http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodTrace:
		return true
	}
	for _, h := range [...]http.Header{req.Header, extra} {
		if h.Get("Idempotency-Key") != "" || h.Get("X-Idempotency-Key") != "" {
			return true
		}
	}
	return false
}

// notProcessedStatus reports whether status says the server did not act on
// the request, so that even a POST may be sent again: 408 (the server did
// not receive the whole request) and 429 (refused by the rate limiter).
func notProcessedStatus(status int) bool {
	return status == http.StatusRequestTimeout || status == http.StatusTooManyRequests
}

// neverSent reports whether a transport error happened before the request
// could reach the server: the connection or the host name lookup failed.
func neverSent(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// retryableTransportError reports whether a failed attempt (no response) is
// worth retrying: connection errors are, cancellation and certificate
// problems are not.
func retryableTransportError(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var (
		certErr  *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostErr  x509.HostnameError
		invalid  x509.CertificateInvalidError
		tooLarge *ResponseTooLargeError
		badArg   *InvalidArgumentError
	)
	switch {
	case errors.As(err, &certErr), errors.As(err, &unknown), errors.As(err, &hostErr),
		errors.As(err, &invalid), errors.As(err, &tooLarge), errors.As(err, &badArg):
		return false
	}
	return true
}

// key for MarkRetrySafe.
type retrySafeKey struct{}

// MarkRetrySafe marks the calls made with the returned context as safe to
// retry whatever their method. Wrappers use it for operations that are
// harmless to repeat although they are POSTs (the game server's bulk-stop).
// A nil ctx gives nil (and the call then fails cleanly at Prepare or request
// construction).
func MarkRetrySafe(ctx context.Context) context.Context {
	if ctx == nil {
		return nil
	}
	return context.WithValue(ctx, retrySafeKey{}, true)
}

func isRetrySafe(ctx context.Context) bool {
	v, _ := ctx.Value(retrySafeKey{}).(bool)
	return v
}
