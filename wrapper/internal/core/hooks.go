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

// observed is Do for a client with an observer: the observer starts the
// operation, the attempts and waits are reported to it, and it is told
// how the call ended.
func (c *Call) observed(ctx context.Context, op *Op, req *http.Request, decode Decoder) error {
	if ctx == nil || req == nil || req.URL == nil {
		return c.do(ctx, op, req, decode, nil) // refused before anything is sent
	}
	octx, oo := c.cfg.observer.StartOperation(ctx, sessionkit.Operation{
		API: c.e.api.Name, Name: op.Name, Method: req.Method, URL: redactURL(req.URL),
	})
	if octx == nil {
		octx = ctx
	}
	if isNil(oo) {
		return c.do(octx, op, req, decode, nil)
	}
	err := c.do(octx, op, req, decode, oo)
	oo.End(err)
	return err
}

// attemptRequest tells oo an attempt starts and returns the request to
// send: req with the attempt's context when oo gave one, req itself
// without an observer.
func attemptRequest(oo sessionkit.OperationObserver, req *http.Request, attempt int) *http.Request {
	if oo == nil {
		return req
	}
	ctx := oo.AttemptStart(req.Context(), sessionkit.Attempt{Number: attempt})
	if ctx == nil || ctx == req.Context() {
		return req
	}
	return req.WithContext(ctx)
}

// attemptEnded tells oo (when not nil) what the attempt came to: the
// response's status, protocol and rate-limit state, and the error the
// call returns if it stops there.
func (c *Call) attemptEnded(oo sessionkit.OperationObserver, resp *http.Response, result error) {
	if oo == nil {
		return
	}
	r := sessionkit.AttemptResult{Err: result}
	if resp != nil {
		r.StatusCode, r.Proto, r.RateLimit = resp.StatusCode, resp.Proto, c.e.api.rateLimit(resp.Header).RateLimit
	}
	oo.AttemptEnd(r)
}
