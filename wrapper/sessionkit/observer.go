package sessionkit

import (
	"context"
	"time"
)

// Observer watches a client's calls, for tracing and metrics: each
// operation, each HTTP attempt of it, each wait before a retry. Install one
// with a client's WithObserver option; package otelsessions implements it
// with OpenTelemetry. Without one a client does no observing work.
//
// A call is observed once its request has been built (one that fails its
// argument checks is not). Nothing an observer is given holds a
// credential: URLs are redacted, and no header or body is passed on. An
// Observer serves every call of the client at once, so it must be safe for
// concurrent use; the OperationObserver it returns serves one call. A
// panic in an observer's method is recovered, logged once at error level
// through the client's logger, and ends the observing of that call, which
// goes on.
type Observer interface {
	// StartOperation is called once per call, before its first attempt.
	// The context it returns is the call's from then on: the attempts,
	// the credentials (a token minted for the call) and the waits use it.
	StartOperation(ctx context.Context, op Operation) (context.Context, OperationObserver)
}

// OperationObserver follows one call. Its methods are called in order,
// never concurrently: AttemptStart and AttemptEnd once per attempt,
// RetryWait between two attempts, End once.
type OperationObserver interface {
	// AttemptStart is called just before an attempt is sent; the context
	// it returns is the attempt's request's.
	AttemptStart(ctx context.Context, a Attempt) context.Context
	// AttemptEnd is called when the attempt has its outcome: a response
	// (with its body read and decoded, for a success) or an error.
	AttemptEnd(r AttemptResult)
	// RetryWait is called before the client waits to retry.
	RetryWait(ev RetryEvent)
	// End is called once when the call returns, with its error.
	End(err error)
}

// PacingObserver is an OperationObserver that is also told when its call
// waits for the client's own rate limiting (WithRateLimit, or adaptive
// pacing) before an attempt.
type PacingObserver interface {
	// PacingWait is called before the call waits d for the rate limiter,
	// between AttemptEnd (or the start) and the next AttemptStart.
	PacingWait(d time.Duration)
}

// Operation describes a call, for Observer.StartOperation.
type Operation struct {
	API         string // "zendesk" or "gameserver"
	Name        string // the OpenAPI operationId, such as "get-session"
	Method, URL string // the request, its URL redacted like APIError's
}

// Attempt describes one HTTP attempt, for OperationObserver.AttemptStart.
type Attempt struct {
	Number int // counts the call's attempts, from 1
}

// AttemptResult is what one attempt came to, for AttemptEnd.
type AttemptResult struct {
	StatusCode int       // the response's status; 0 when none arrived
	Proto      string    // the response's protocol, such as "HTTP/1.1"; "" without one
	RateLimit  RateLimit // the response's
	// Err is the error the call returns if it stops after this attempt
	// (an *APIError, a *ConnectionError...); nil for a success.
	Err error
}
