package core

import (
	"context"
	"fmt"
	"net/http"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Observe installs o as the client's observer (sessionkit.Observer): it
// is told about every operation, attempt and retry wait of the client's
// calls. nil is an error. Without an observer, the engine does no
// observing work: each hook is one nil check.
func Observe(o sessionkit.Observer) *Opt {
	return newOpt(fmt.Sprintf("WithObserver(%T)", o), func(c *config) error {
		if isNil(o) {
			return invalid("WithObserver", nil, "the observer must not be nil")
		}
		c.observer = o
		return nil
	})
}

// observing is one call's observer. A panic in any of its hooks cannot
// break the call: it is recovered, reported once (at error level) through
// the client's logger, and the call's observing ends there, while the
// call goes on and returns its own result.
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
			ob.c.cfg.logger.ErrorContext(ob.ctx, ob.c.e.api.Name+": the observer panicked; this call is no longer observed",
				"hook", name, "panic", fmt.Sprint(r))
		}
	}()
	hook()
}

// observed is Do for a client with an observer: the observer starts the
// operation, the attempts and waits are reported to it, and it is told
// how the call ended.
func (c *Call) observed(ctx context.Context, op *Op, req *http.Request, decode Decoder) error {
	if ctx == nil || req == nil || req.URL == nil {
		return c.do(ctx, op, req, decode, nil) // refused before anything is sent
	}
	ob := &observing{c: c, ctx: ctx}
	octx := ctx
	ob.guard("StartOperation", func() {
		var oc context.Context
		oc, ob.oo = c.cfg.observer.StartOperation(ctx, sessionkit.Operation{
			API: c.e.api.Name, Name: op.Name, Method: req.Method, URL: redactURL(req.URL),
		})
		if oc != nil {
			octx = oc
		}
	})
	if ob.broken || isNil(ob.oo) {
		return c.do(octx, op, req, decode, nil)
	}
	err := c.do(octx, op, req, decode, ob)
	ob.guard("End", func() { ob.oo.End(err) })
	return err
}

// attemptRequest tells ob an attempt starts and returns the request to
// send: req with the attempt's context when the observer gave one, req
// itself without an observer.
func attemptRequest(ob *observing, req *http.Request, attempt int) *http.Request {
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

// attemptEnded tells ob (when not nil) what the attempt came to: the
// response's status, protocol and rate-limit state, and the error the
// call returns if it stops there.
func (c *Call) attemptEnded(ob *observing, resp *http.Response, result error) {
	if ob == nil {
		return
	}
	r := sessionkit.AttemptResult{Err: result}
	if resp != nil {
		r.StatusCode, r.Proto, r.RateLimit = resp.StatusCode, resp.Proto, c.e.api.rateLimit(resp.Header).RateLimit
	}
	ob.guard("AttemptEnd", func() { ob.oo.AttemptEnd(r) })
}
