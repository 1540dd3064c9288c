package core

import (
	"slices"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// outcome is what one attempt came to, as decide sees it.
type outcome struct {
	// status is the response's status; 0 when no response arrived or its
	// body broke off (connErr is then set).
	status int
	// retryAfter is the response's Retry-After, when hasRetryAfter.
	retryAfter    time.Duration
	hasRetryAfter bool
	// connErr is true for a connection failure: no response, or a success
	// body that broke off.
	connErr bool
	// neverSent is true when the connection failed before the request could
	// reach the server (dial or name lookup failed).
	neverSent bool
	// final is true for a failure that no retry can cure: a local error, a
	// certificate problem, a refused redirect, the context ending.
	final bool
}

// facts are what decide needs to know about the call.
type facts struct {
	policy     *sessionkit.RetryPolicy // normalized
	noRetry    bool
	idempotent bool // the call may be sent twice
	rewindable bool // its body can be sent again
	// untilDeadline is the time left before the context's deadline; a
	// negative value means no deadline.
	untilDeadline time.Duration
	// jitter is a uniform value in [0, 1) for the backoff.
	jitter float64
	// refreshable is true when the credentials can be replaced by fresh
	// ones (Minted); reauthed once the call went again with them.
	refreshable bool
	reauthed    bool
}

// decision is decide's answer.
type decision struct {
	// retry is true when the call should be sent again after wait.
	retry bool
	wait  time.Duration
	// notSlept is the wait the engine would have made but did not (it
	// exceeded MaxBackoff or the deadline): the caller's RetryAfter.
	notSlept time.Duration
	// reauth is true when the retry needs fresh credentials: the refused
	// token is dropped first.
	reauth bool
}

// decide is the retry decision: sessionkit.RetryPolicy's rules as a pure
// function of the attempt's number and outcome and the call's facts; the
// loop in Call.Do only sends, waits and drains. A 401 to refreshable
// credentials is sent once more at once, with fresh ones (a body that
// cannot be rewound aside), not counted against MaxAttempts.
func decide(attempt int, o outcome, f facts) decision {
	if o.status == 401 && f.refreshable && !f.reauthed && f.rewindable {
		return decision{retry: true, reauth: true}
	}
	if f.reauthed {
		attempt-- // the try with fresh credentials
	}
	if o.final || f.noRetry || attempt >= f.policy.MaxAttempts || !f.rewindable {
		return decision{notSlept: retryAfter(o)}
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
		return decision{notSlept: retryAfter(o)}
	}
	wait := backoff(f.policy, attempt, f.jitter)
	if o.hasRetryAfter {
		wait = max(wait, o.retryAfter) // Retry-After is a floor
	}
	if wait > f.policy.MaxBackoff || (f.untilDeadline >= 0 && wait >= f.untilDeadline) {
		return decision{notSlept: max(wait, retryAfter(o))}
	}
	return decision{retry: true, wait: wait}
}

// retryAfter is the outcome's Retry-After, 0 when it had none.
func retryAfter(o outcome) time.Duration {
	if o.hasRetryAfter {
		return o.retryAfter
	}
	return 0
}
