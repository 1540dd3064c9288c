package core

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// outcome is what one attempt came to, as decide sees it.
type outcome struct {
	status     int           // the response's status; 0 when connErr
	retryAfter time.Duration // the response's Retry-After; 0 without one
	connErr    bool          // no response, or a success body that broke off
	neverSent  bool          // the dial or name lookup failed: the server never saw the request
	final      bool          // no retry can cure it: a local error, a certificate, a redirect, the context
}

// facts are what decide needs to know about the call.
type facts struct {
	policy        *sessionkit.RetryPolicy // normalized
	noRetry       bool
	idempotent    bool          // the call may be sent twice
	rewindable    bool          // its body can be sent again
	untilDeadline time.Duration // time left before the context's deadline; < 0 without one
	jitter        float64       // uniform in [0, 1), for the backoff
	refreshable   bool          // the credentials can be replaced (Mint)
	reauthed      bool          // the call went again with fresh credentials
}

// decision is decide's answer: retry after wait, or stop.
type decision struct {
	retry    bool
	wait     time.Duration
	notSlept time.Duration // a wait past MaxBackoff or the deadline, not slept: the caller's RetryAfter
	reauth   bool          // retry with fresh credentials, the refused token dropped first
}

// decide is sessionkit.RetryPolicy's rules as a pure function of the
// attempt's number and outcome and the call's facts; Call.Do only sends,
// waits and drains.
func decide(attempt int, o outcome, f facts) decision {
	if o.status == 401 && f.refreshable && !f.reauthed && f.rewindable {
		return decision{retry: true, reauth: true}
	}
	if f.reauthed {
		attempt-- // the try with fresh credentials
	}
	if o.final || f.noRetry || attempt >= f.policy.MaxAttempts || !f.rewindable {
		return decision{notSlept: o.retryAfter}
	}
	var retryable, safe bool
	switch {
	case o.connErr:
		retryable = true
		safe = f.idempotent || o.neverSent
	case o.status > 0:
		retryable = slices.Contains(f.policy.RetryStatuses, o.status)
		safe = f.idempotent || o.status == 408 || o.status == 429
	}
	if !retryable || !safe {
		return decision{notSlept: o.retryAfter}
	}
	wait := backoff(f.policy, attempt, f.jitter)
	wait = max(wait, o.retryAfter) // Retry-After is a floor
	if wait > f.policy.MaxBackoff || (f.untilDeadline >= 0 && wait >= f.untilDeadline) {
		return decision{notSlept: max(wait, o.retryAfter)}
	}
	return decision{retry: true, wait: wait}
}

// backoff returns the wait after failed attempt number attempt (1-based)
// under a normalized policy (see RetryPolicy), r being a uniform value in
// [0, 1); any other value, from a broken source, means no jitter.
func backoff(p *sessionkit.RetryPolicy, attempt int, r float64) time.Duration {
	// A normalized policy has InitialBackoff > 0 and a finite Multiplier
	// >= 1: d is never NaN, and +Inf (a huge attempt) is capped.
	d := min(float64(p.InitialBackoff)*math.Pow(p.Multiplier, float64(max(attempt, 1)-1)), float64(p.MaxBackoff))
	if !(r < 1) { // r >= 1 or NaN
		r = 0
	}
	return time.Duration(d - d*max(p.Jitter, 0)*max(r, 0))
}

// Sleep waits for d or until ctx is done, with a timer (never
// time.Sleep); it returns ctx.Err() when ctx ended the wait.
func Sleep(ctx context.Context, d time.Duration) error {
	if ctx == nil {
		return invalid("ctx", nil, "must not be nil")
	}
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// normalizePolicy fills in p's defaults and validates it; every field of
// the result is set (a negative Jitter, meaning none, becomes -1). Errors
// name the field after prefix.
func normalizePolicy(p sessionkit.RetryPolicy, prefix string) (sessionkit.RetryPolicy, error) {
	bad := func(field string, v any, reason string) error { return invalid(prefix+field, v, reason) }
	switch {
	case p.MaxAttempts < 0:
		return p, bad("MaxAttempts", p.MaxAttempts, "must be >= 0 (0 means 3)")
	case p.MaxAttempts == 0:
		p.MaxAttempts = sessionkit.DefaultMaxAttempts
	}
	switch {
	case p.InitialBackoff < 0:
		return p, bad("InitialBackoff", p.InitialBackoff, "must be >= 0 (0 means 500ms)")
	case p.InitialBackoff == 0:
		p.InitialBackoff = sessionkit.DefaultInitialBackoff
	}
	switch {
	case p.MaxBackoff < 0:
		return p, bad("MaxBackoff", p.MaxBackoff, "must be >= 0 (0 means 30s)")
	case p.MaxBackoff == 0:
		p.MaxBackoff = sessionkit.DefaultMaxBackoff
	}
	p.InitialBackoff = min(p.InitialBackoff, p.MaxBackoff)
	switch {
	case p.Multiplier == 0:
		p.Multiplier = sessionkit.DefaultMultiplier
	case math.IsNaN(p.Multiplier) || math.IsInf(p.Multiplier, 0) || p.Multiplier < 1:
		return p, bad("Multiplier", p.Multiplier, "must be >= 1 (0 means 2)")
	}
	switch {
	case math.IsNaN(p.Jitter) || p.Jitter > 1:
		return p, bad("Jitter", p.Jitter, "must be <= 1 (0 means 0.2, negative means none)")
	case p.Jitter == 0:
		p.Jitter = sessionkit.DefaultJitter
	case p.Jitter < 0:
		p.Jitter = -1 // none
	}
	if p.RetryStatuses == nil {
		p.RetryStatuses = []int{408, 429, 500, 502, 503, 504}
	}
	for _, s := range p.RetryStatuses {
		if s < 100 || s > 599 {
			return p, bad("RetryStatuses", s, "must be an HTTP status (100-599)")
		}
	}
	p.RetryStatuses = slices.Clone(p.RetryStatuses)
	return p, nil
}
