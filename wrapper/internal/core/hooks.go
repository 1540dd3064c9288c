package core

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Observe installs o as the client's observer (sessionkit.Observer): it
// is told about every operation, attempt and retry wait of the client's
// calls. nil is an error. Without an observer, the engine does no
// observing work: each hook is one nil check.
func Observe(o sessionkit.Observer) Option {
	return newOpt(clientOnly, fmt.Sprintf("WithObserver(%T)", o), func(c *Settings) error {
		if isNil(o) {
			return invalid("WithObserver", nil, "the observer must not be nil")
		}
		c.observer = o
		return nil
	})
}

// observing is one call's observer; nil when the client has none. A
// panic in any of its hooks cannot break the call: it is recovered,
// reported once (at error level) through the client's logger, and the
// call's observing ends there, while the call goes on and returns its own
// result.
type observing struct {
	c      *Call
	ctx    context.Context
	oo     sessionkit.OperationObserver
	broken bool
}

// guard runs hook unless an earlier hook panicked, and recovers its panic.
func (ob *observing) guard(name string, hook func()) {
	if ob == nil || ob.broken {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			ob.broken = true
			ob.c.cfg.logger.ErrorContext(ob.ctx, ob.c.cfg.api.Name+": the observer panicked; this call is no longer observed",
				"hook", name, "panic", fmt.Sprint(r))
		}
	}()
	hook()
}

// startObserving tells the client's observer, if any, that the call of
// op starts, and returns the context the call goes on under (the
// observer's) and the call's observing; ctx and nil without an observer.
func (c *Call) startObserving(ctx context.Context, op *Op, req *http.Request) (context.Context, *observing) {
	if c.cfg.observer == nil {
		return ctx, nil
	}
	ob := &observing{c: c, ctx: ctx}
	ob.guard("StartOperation", func() {
		var oc context.Context
		oc, ob.oo = c.cfg.observer.StartOperation(ctx, sessionkit.Operation{
			API: c.cfg.api.Name, Name: op.Name, Method: req.Method, URL: redactURL(req.URL),
		})
		if oc != nil {
			ob.ctx = oc
		}
	})
	if ob.broken || isNil(ob.oo) {
		return ob.ctx, nil
	}
	return ob.ctx, ob
}

// attemptRequest tells the observer an attempt starts and returns the
// request to send: req with the attempt's context when the observer gave
// one, req itself without an observer.
func (ob *observing) attemptRequest(req *http.Request, attempt int) *http.Request {
	if ob == nil {
		return req
	}
	out := req
	ob.guard("AttemptStart", func() {
		ctx := ob.oo.AttemptStart(req.Context(), sessionkit.Attempt{Number: attempt})
		if ctx != nil && ctx != req.Context() {
			out = req.WithContext(ctx)
		}
	})
	return out
}

// pacingWait tells the observer, when it is a sessionkit.PacingObserver,
// that the call waits d for the client's rate limiting.
func (ob *observing) pacingWait(d time.Duration) {
	if ob == nil {
		return
	}
	if po, ok := ob.oo.(sessionkit.PacingObserver); ok {
		ob.guard("PacingWait", func() { po.PacingWait(d) })
	}
}

// attemptEnded tells the observer what the attempt came to: the
// response's status, protocol and rate-limit state, and the error the
// call returns if it stops there.
func (ob *observing) attemptEnded(resp *http.Response, result error) {
	if ob == nil {
		return
	}
	r := sessionkit.AttemptResult{Err: result}
	if resp != nil {
		r.StatusCode, r.Proto, r.RateLimit = resp.StatusCode, resp.Proto, ob.c.cfg.api.rateLimit(resp.Header).RateLimit
	}
	ob.guard("AttemptEnd", func() { ob.oo.AttemptEnd(r) })
}
