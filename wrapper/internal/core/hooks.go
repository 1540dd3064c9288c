package core

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// observing is one call's observer (sessionkit.Observer); nil when the
// client has none, so each hook costs one nil check. A panic in a hook is
// recovered and logged once at error level; the call goes on unobserved.
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

// startObserving tells the observer, if any, that the call of op starts;
// the call goes on under the context it returns.
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

// attemptRequest tells the observer an attempt starts and returns req,
// with the attempt's context when the observer gave one.
func (ob *observing) attemptRequest(req *http.Request, attempt int) *http.Request {
	out := req
	ob.guard("AttemptStart", func() {
		ctx := ob.oo.AttemptStart(req.Context(), sessionkit.Attempt{Number: attempt})
		if ctx != nil && ctx != req.Context() {
			out = req.WithContext(ctx)
		}
	})
	return out
}

// pacingWait tells a sessionkit.PacingObserver of a wait for the pacer.
func (ob *observing) pacingWait(d time.Duration) {
	if ob == nil {
		return
	}
	if po, ok := ob.oo.(sessionkit.PacingObserver); ok {
		ob.guard("PacingWait", func() { po.PacingWait(d) })
	}
}

// attemptEnded tells the observer what the attempt came to (result: see read).
func (ob *observing) attemptEnded(resp *http.Response, result error) {
	if ob == nil {
		return
	}
	r := sessionkit.AttemptResult{Err: result}
	if resp != nil {
		r.StatusCode, r.Proto, r.RateLimit = resp.StatusCode, resp.Proto, ob.c.cfg.api.RateLimit.parse(resp.Header).RateLimit
	}
	ob.guard("AttemptEnd", func() { ob.oo.AttemptEnd(r) })
}
