package core

import (
	"io"
	"net/http"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Limits on what an error body contributes to an *APIError.
const (
	maxMessageBytes = 512 // APIError.Message
	maxCodeBytes    = 128 // APIError.Code
)

// NewAPIError builds an *APIError of api from a response with status >=
// 400: it reads at most 64 KiB of the body, drains a bounded tail and
// closes it, and decodes Code and Message with api.ErrorBody. Method and
// URL come from resp.Request when set, and so does the header whose values
// APIError.Header must not echo (see safeHeader); Attempts is 1. A nil resp gives an
// *APIError with StatusCode 0.
func (a *API) NewAPIError(resp *http.Response) *sessionkit.APIError {
	var (
		rl   sessionkit.RateLimit
		sent http.Header
	)
	if resp != nil {
		rl = a.rateLimit(resp.Header).RateLimit
		if resp.Request != nil {
			sent = resp.Request.Header
		}
	}
	return a.newAPIError(resp, sent, rl)
}

// newAPIError is NewAPIError with the response's rate limit already read;
// sent is the request's header (see safeHeader).
func (a *API) newAPIError(resp *http.Response, sent http.Header, rl sessionkit.RateLimit) *sessionkit.APIError {
	e := &sessionkit.APIError{API: a.Name, Attempts: 1}
	if resp == nil {
		e.Message = "no response"
		return e
	}
	e.StatusCode = resp.StatusCode
	e.Header = safeHeader(resp.Header, sent)
	if req := resp.Request; req != nil {
		e.Method = req.Method
		e.URL = redactURL(req.URL)
	}
	if resp.Body != nil {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		_ = drainAndClose(resp.Body)
		if len(body) > 0 {
			e.Body = body
		}
	}
	ct := resp.Header.Get("Content-Type")
	if a.ErrorBody != nil {
		e.Code, e.Message = a.ErrorBody(ct, e.Body)
	}
	if e.Code == "" && e.Message == "" {
		e.Message = textOf(ct, e.Body)
	}
	e.Code, e.Message = oneLine(e.Code, maxCodeBytes), oneLine(e.Message, maxMessageBytes)
	e.RequestID = a.requestID(resp.Header)
	e.RateLimit = rl
	if d, ok := sessionkit.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		e.RetryAfter = d
	}
	return e
}
