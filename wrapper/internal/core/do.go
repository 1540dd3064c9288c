package core

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"
)

// Do sends req with the engine's (or the prepared call's) settings and is
// the Doer handed to the generated client. For each attempt it waits for
// the rate limiter, clones req, rewinds the body (GetBody), points the
// request at a per-call base URL, adds extra headers, the User-Agent and
// credentials, and sends it through the HTTP client.
//
// A response with status < 400 is returned with its body behind the size
// limit (reading past it fails with *ResponseTooLargeError); the caller
// must close it (DecodeJSON and Discard do). A final status >= 400 is
// returned as (nil, *APIError), with the response already drained and
// closed. Retries follow the RetryPolicy: see the package documentation.
// Transport and context errors are wrapped with %w, so
// errors.Is(err, context.DeadlineExceeded) works.
func (e *Engine) Do(req *http.Request) (*http.Response, error) {
	if e == nil || e.cfg == nil {
		closeRequestBody(req)
		return nil, errNoEngine()
	}
	if req == nil || req.URL == nil {
		closeRequestBody(req)
		return nil, InvalidArgument("request", "must not be nil and must have a URL")
	}
	ctx := req.Context()
	c := e.configFor(ctx)
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	shown := shownURL(req, e.cfg.base, c.base)
	if err := ctx.Err(); err != nil {
		closeRequestBody(req)
		return nil, fmt.Errorf("sessions: %s %s: %w", method, shown, err)
	}

	maxAttempts := c.policy.MaxAttempts
	if c.noRetry {
		maxAttempts = 1
	}
	// A request that is safe to repeat is retried on any retryable failure;
	// any other (a POST) only when the failure proves the server never
	// acted on it (neverSent, notProcessedStatus).
	methodOK := idempotent(req, c.header) || isRetrySafe(ctx) || c.retryNonIdempotent
	rewindable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil

	for attempt := 1; ; attempt++ {
		if err := waitLimiter(ctx, c.limiter); err != nil {
			if attempt == 1 {
				closeRequestBody(req)
			}
			return nil, fmt.Errorf("sessions: %s %s: %w", method, shown, err)
		}
		r, err := e.newAttempt(ctx, req, c, attempt)
		if err != nil {
			return nil, fmt.Errorf("sessions: %s %s: %w", method, shown, err)
		}
		start := time.Now()
		resp, err := c.doer.Do(r)
		canRetry := attempt < maxAttempts && rewindable

		if err != nil {
			if resp != nil && resp.Body != nil {
				_ = drainAndClose(resp.Body)
			}
			c.logger.LogAttrs(ctx, slog.LevelDebug, "sessions: request failed",
				slog.String("method", method), slog.String("url", shown), slog.Int("attempt", attempt),
				slog.Duration("elapsed", time.Since(start)), slog.String("error", err.Error()))
			if canRetry && (methodOK || neverSent(err)) && retryableTransportError(ctx, err) {
				wait := c.policy.backoff(attempt, rand.Float64)
				if fitsDeadline(ctx, wait) {
					if err := e.pause(ctx, c, RetryEvent{Attempt: attempt, Wait: wait, Err: err, Method: method, URL: shown}); err != nil {
						return nil, err
					}
					continue
				}
			}
			return nil, transportError(ctx, method, shown, attempt, err)
		}
		if resp == nil {
			return nil, fmt.Errorf("sessions: %s %s: the HTTP client returned neither a response nor an error", method, shown)
		}
		c.logger.LogAttrs(ctx, slog.LevelDebug, "sessions: response",
			slog.String("method", method), slog.String("url", shown), slog.Int("attempt", attempt),
			slog.Int("status", resp.StatusCode), slog.Duration("elapsed", time.Since(start)))
		if resp.Body == nil {
			resp.Body = http.NoBody
		}
		if resp.StatusCode < 400 {
			resp.Body = newLimitedBody(resp.Body, c.maxBytes)
			return resp, nil
		}

		retryAfter, hasRetryAfter := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		var notSlept time.Duration
		if canRetry && (methodOK || notProcessedStatus(resp.StatusCode)) && c.policy.retryableStatus(resp.StatusCode) {
			wait := c.policy.backoff(attempt, rand.Float64)
			if hasRetryAfter && retryAfter > wait {
				wait = retryAfter // Retry-After is a floor
			}
			if wait <= c.policy.MaxBackoff && fitsDeadline(ctx, wait) {
				// Keep this response: if the wait is cut short, it is the
				// last answer the caller gets.
				last := NewAPIError(resp)
				last.Method, last.URL, last.Attempts = method, shown, attempt
				ev := RetryEvent{Attempt: attempt, Wait: wait, StatusCode: resp.StatusCode, RetryAfter: retryAfter, Method: method, URL: shown}
				if err := e.pause(ctx, c, ev); err != nil {
					return nil, fmt.Errorf("%w; last response: %w", err, last)
				}
				continue
			}
			notSlept = wait
		}
		apiErr := NewAPIError(resp)
		apiErr.Method, apiErr.URL, apiErr.Attempts = method, shown, attempt
		if hasRetryAfter {
			apiErr.RetryAfter = retryAfter
		}
		apiErr.RetryAfter = max(apiErr.RetryAfter, notSlept)
		return nil, apiErr
	}
}

// newAttempt builds the request for one attempt: a clone of req with a
// fresh body, the per-call base URL, headers and credentials.
func (e *Engine) newAttempt(ctx context.Context, req *http.Request, c *config, attempt int) (*http.Request, error) {
	r := req.Clone(ctx)
	if attempt > 1 && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("rewinding the request body: %w", err)
		}
		r.Body = body
	}
	rebase(r, e.cfg.base, c.base)
	for k, vs := range c.header {
		for _, v := range vs {
			r.Header.Add(k, v)
		}
	}
	r.Header.Set("User-Agent", c.userAgentHeader())
	if c.auth != nil {
		if err := c.auth.Authenticate(ctx, r); err != nil {
			closeRequestBody(r)
			return nil, fmt.Errorf("authenticating: %w", err)
		}
	}
	return r, nil
}

// pause reports a retry to the hook and the log, then waits.
func (e *Engine) pause(ctx context.Context, c *config, ev RetryEvent) error {
	if c.policy.OnRetry != nil {
		c.policy.OnRetry(ev)
	}
	attrs := []slog.Attr{
		slog.String("method", ev.Method), slog.String("url", ev.URL), slog.Int("attempt", ev.Attempt),
		slog.Duration("wait", ev.Wait),
	}
	if ev.StatusCode != 0 {
		attrs = append(attrs, slog.Int("status", ev.StatusCode))
	}
	if ev.RetryAfter > 0 {
		attrs = append(attrs, slog.Duration("retry_after", ev.RetryAfter))
	}
	if ev.Err != nil {
		attrs = append(attrs, slog.String("error", ev.Err.Error()))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "sessions: retrying", attrs...)
	if err := Sleep(ctx, ev.Wait); err != nil {
		what := "a connection error"
		if ev.StatusCode != 0 {
			what = fmt.Sprintf("status %d", ev.StatusCode)
		}
		return fmt.Errorf("sessions: %s %s: waiting %s to retry after attempt %d (%s): %w", ev.Method, ev.URL, ev.Wait, ev.Attempt, what, err)
	}
	return nil
}

// fitsDeadline reports whether waiting d still leaves time before ctx's deadline.
func fitsDeadline(ctx context.Context, d time.Duration) bool {
	dl, ok := ctx.Deadline()
	return !ok || time.Now().Add(d).Before(dl)
}

// transportError wraps a failed attempt's error; when the context ended the
// call the context's error is wrapped too, so errors.Is matches it.
func transportError(ctx context.Context, method, shown string, attempts int, err error) error {
	prefix := fmt.Sprintf("sessions: %s %s", method, shown)
	if attempts > 1 {
		prefix += fmt.Sprintf(" (%d attempts)", attempts)
	}
	if ctxErr := ctx.Err(); ctxErr != nil && !isContextErr(err) {
		return fmt.Errorf("%s: %w: %w", prefix, err, ctxErr)
	}
	return fmt.Errorf("%s: %w", prefix, err)
}

// shownURL is the URL of req after a per-call rebase, for errors and logs.
func shownURL(req *http.Request, from, to *url.URL) string {
	tmp := *req
	rebase(&tmp, from, to)
	return redactURL(tmp.URL)
}

// Sleep waits for d or until ctx is done, whichever comes first, with a
// timer (never time.Sleep); it returns ctx.Err() when ctx ended the wait.
// Wrappers use it between polls (WaitReady).
func Sleep(ctx context.Context, d time.Duration) error {
	if ctx == nil {
		return InvalidArgument("ctx", "must not be nil")
	}
	return sleep(ctx, d)
}
