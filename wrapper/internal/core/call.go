package core

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Call is one call's settings, bound to what sends them: Do builds the
// call's request against the base URL and sends it. Nothing travels in
// the context.
type Call struct {
	cfg Settings
}

// Do builds the call's request with build, against the base URL (with a
// trailing slash, so that the generated builders' relative paths keep a
// base URL's path prefix), and sends it for op; a request that cannot be
// built is an *InvalidArgumentError naming the operation, and nothing is
// sent. When the final answer is a success, Do reads its body through the
// size limit and hands it to decode — inside the attempt, so a body that
// breaks off is a connection failure like any other and is retried under
// the policy. A nil decode discards the body.
//
// Each attempt waits for the rate limiter, sets the extra headers, the
// User-Agent and the credentials (only ever on the base URL's origin),
// sends, and hands what came back to read; decide then chooses between a
// retry after a wait and stopping (sessionkit.RetryPolicy states the
// rules). The observer, if any, hears of each step (observing). The
// result is nil, or: an *APIError for a final status >= 400; a
// *ConnectionError when the last attempt got no usable response; a
// *DecodeError for a success body that does not decode; a
// *ResponseTooLargeError; a *RedirectError for a redirect to another
// origin; a *sessionkit.PacingError when the rate limiter's wait would
// outlast the deadline; when the caller's context ended the call (before
// sending, mid-flight or in a wait), an error matching the context's and
// no SDK sentinel, the last attempt's error reachable with errors.As only
// (see ended); an error from the credentials. Local failures are never
// retried.
func (c *Call) Do(ctx context.Context, op *Op, build func(base string) (*http.Request, error), decode Decoder) (err error) {
	cfg, api := &c.cfg, c.cfg.api
	req, err := build(cfg.callBase)
	switch {
	case err != nil:
		return Invalid(api.Name, op.Name+" request", nil, err.Error())
	case ctx == nil:
		closeRequestBody(req)
		return Invalid(api.Name, "ctx", nil, "must not be nil")
	case req == nil || req.URL == nil:
		closeRequestBody(req)
		return Invalid(api.Name, "request", nil, "could not be built")
	}
	ctx, ob := c.startObserving(ctx, op, req) // nil without an observer
	if ob != nil {
		defer func() { ob.guard("End", func() { ob.oo.End(err) }) }()
	}
	if !cfg.sameOrigin(req.URL) {
		closeRequestBody(req)
		return Invalid(api.Name, "request URL", redactURL(req.URL), "is not on the client's base URL")
	}
	if err := ctx.Err(); err != nil {
		closeRequestBody(req)
		return fmt.Errorf("%s: %s %s: %w", api.Name, req.Method, redactURL(req.URL), err)
	}
	req = req.WithContext(ctx)
	for k, vs := range cfg.header {
		req.Header[k] = append(req.Header[k], vs...)
	}
	req.Header.Set("User-Agent", cfg.userAgent)
	logging := cfg.logger.Enabled(ctx, slog.LevelDebug)
	f := facts{
		policy:      &cfg.policy,
		noRetry:     cfg.noRetry,
		idempotent:  op.idempotent(cfg),
		rewindable:  req.Body == nil || req.Body == http.NoBody || req.GetBody != nil,
		refreshable: cfg.tokens != nil,
	}

	for attempt := 1; ; attempt++ {
		if attempt > 1 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return fmt.Errorf("%s: %s %s: rewinding the request body: %w", api.Name, req.Method, redactURL(req.URL), err)
			}
			req.Body = body
		}
		if err := c.pace(ctx, ob); err != nil {
			closeRequestBody(req)
			return fmt.Errorf("%s: %s %s: waiting for the rate limiter: %w", api.Name, req.Method, redactURL(req.URL), err)
		}
		if cfg.auth != nil {
			if err := cfg.auth.Authenticate(ctx, req); err != nil {
				closeRequestBody(req)
				return fmt.Errorf("%s: %s %s: %s: %w", api.Name, req.Method, redactURL(req.URL), cfg.authName, api.named(err))
			}
		}
		var start time.Time
		if logging {
			start = time.Now()
		}
		resp, err := cfg.sender.Do(ob.attemptRequest(req, attempt)) // the socket
		if err != nil {
			err = redactURLError(err, req)
		}
		o, result := c.read(op, req, resp, err, decode, attempt)
		ob.attemptEnded(resp, result)
		if logging {
			c.logAttempt(ctx, req, attempt, resp, err, time.Since(start))
		}
		if o.connErr && ctx.Err() != nil { // the caller's context ended the attempt
			return ended(fmt.Errorf("%s: %s %s: attempt %d", api.Name, req.Method, redactURL(req.URL), attempt), ctx.Err(), result)
		}
		if result == nil { // a success, decoded
			return nil
		}
		f.untilDeadline = -1
		if dl, ok := ctx.Deadline(); ok {
			f.untilDeadline = time.Until(dl)
		}
		f.jitter = rand.Float64()
		d := decide(attempt, o, f)
		switch {
		case d.reauth:
			cfg.tokens.invalidate(req.Header.Get("Authorization"))
			f.reauthed = true
		case !d.retry:
			if ae, ok := result.(*sessionkit.APIError); ok {
				ae.RetryAfter = max(ae.RetryAfter, d.notSlept)
			}
			return result
		default:
			if err := c.pause(ctx, ob, req, attempt, o, d.wait, err); err != nil {
				return ended(err, ctx.Err(), result)
			}
		}
	}
}

// read turns an attempt's response or error into its outcome, for
// decide, and the error the call returns if it stops there (nil for a
// success): for a success it reads the body through the size limit and
// decodes it, inside the attempt.
func (c *Call) read(op *Op, req *http.Request, resp *http.Response, err error, decode Decoder, attempt int) (outcome, error) {
	cfg, api := &c.cfg, c.cfg.api
	if err != nil {
		if resp != nil && resp.Body != nil {
			_ = resp.Body.Close()
		}
		if re, ok := errors.AsType[*sessionkit.RedirectError](err); ok {
			return outcome{final: true}, api.named(re)
		}
		o := outcome{connErr: true, neverSent: neverSent(err), final: !retryableTransportError(req.Context(), err)}
		return o, c.connError(req, attempt, err)
	}
	if resp == nil {
		return outcome{final: true}, fmt.Errorf("%s: %s %s: the HTTP client returned neither a response nor an error", api.Name, req.Method, redactURL(req.URL))
	}
	rl := api.rateLimit(resp.Header) // read once, for the pacer, the error or the decoder and ResponseInfo
	if cfg.pacer != nil {
		cfg.pacer.observe(rl, time.Now())
	}
	if resp.StatusCode >= 400 {
		ae := api.newAPIError(resp, req.Header, rl.RateLimit)
		ae.Method, ae.URL, ae.Attempts = req.Method, redactURL(req.URL), attempt
		o := outcome{status: resp.StatusCode}
		o.retryAfter, o.hasRetryAfter = sessionkit.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		if !o.hasRetryAfter && resp.StatusCode == http.StatusTooManyRequests && rl.hasReset {
			// The spent budget's reset stands in for a missing Retry-After.
			o.retryAfter, o.hasRetryAfter = rl.Reset, true
			ae.RetryAfter = rl.Reset
		}
		return o, ae
	}
	body, err := readBody(resp, cfg.maxBytes)
	if err != nil {
		if tl, ok := err.(*tooLarge); ok {
			return outcome{final: true}, &sessionkit.ResponseTooLargeError{API: api.Name, Limit: tl.limit}
		}
		// The body broke off: a connection failure like any other.
		return outcome{connErr: true, final: req.Context().Err() != nil}, c.connError(req, attempt, err)
	}
	r := Response{StatusCode: resp.StatusCode, RequestID: api.requestID(resp.Header), RateLimit: rl.RateLimit, Body: body, header: resp.Header, sent: req.Header}
	if decode != nil {
		if err := decode(r); err != nil {
			de, ok := errors.AsType[*sessionkit.DecodeError](err)
			if !ok {
				de = &sessionkit.DecodeError{Err: err}
			}
			de.API, de.StatusCode = api.Name, resp.StatusCode
			de.ContentType = resp.Header.Get("Content-Type")
			switch {
			case op.SecretBody:
				de.Excerpt, de.Err = "", secretSafe(de.Err)
			case de.Excerpt == "":
				de.Excerpt = excerpt(body, maxExcerpt)
			}
			return outcome{status: resp.StatusCode, final: true}, de
		}
	}
	if cfg.info != nil {
		*cfg.info = sessionkit.ResponseInfo{
			StatusCode: r.StatusCode,
			RequestID:  r.RequestID,
			RateLimit:  r.RateLimit,
			Attempts:   attempt,
			Header:     r.Header(),
		}
	}
	return outcome{status: resp.StatusCode}, nil
}

// redactURLError returns err with the URL net/http puts in a *url.Error
// redacted like every URL the engine shows: a credential in the query
// never reaches an error, a RetryEvent or a log line.
func redactURLError(err error, req *http.Request) error {
	ue, ok := err.(*url.Error)
	if !ok {
		return err
	}
	c := *ue
	c.URL = redactURL(req.URL)
	return &c
}

// connError is the typed error for a connection failure; when the context
// ended the call, its error is in the chain too.
func (c *Call) connError(req *http.Request, attempts int, err error) error {
	ce := &sessionkit.ConnectionError{API: c.cfg.api.Name, Method: req.Method, URL: redactURL(req.URL), Attempts: attempts, Err: err}
	if ctxErr := req.Context().Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		ce.Err = fmt.Errorf("%w: %w", err, ctxErr)
	}
	return ce
}

// pace waits for the client's limiter or adaptive pacer, telling the
// observer of a wait.
func (c *Call) pace(ctx context.Context, ob *observing) error {
	switch {
	case c.cfg.limiter != nil:
		return waitLimiter(ctx, c.cfg.api.Name, c.cfg.limiter, ob.pacingWait)
	case c.cfg.pacer != nil:
		return c.cfg.pacer.wait(ctx, c.cfg.api.Name, ob.pacingWait)
	}
	return nil
}

// pause reports a retry to the hook, the observer and the log, then waits.
func (c *Call) pause(ctx context.Context, oo *observing, req *http.Request, attempt int, o outcome, wait time.Duration, err error) error {
	cfg := &c.cfg
	if cfg.policy.OnRetry != nil || oo != nil || cfg.logger.Enabled(ctx, slog.LevelDebug) {
		ev := sessionkit.RetryEvent{Attempt: attempt, Wait: wait, StatusCode: o.status, Method: req.Method, URL: redactURL(req.URL)}
		if o.hasRetryAfter {
			ev.RetryAfter = o.retryAfter
		}
		if o.connErr {
			ev.StatusCode = 0
			ev.Err = err
		}
		if cfg.policy.OnRetry != nil {
			cfg.policy.OnRetry(ev)
		}
		if oo != nil {
			oo.guard("RetryWait", func() { oo.oo.RetryWait(ev) })
		}
		attrs := []slog.Attr{slog.String("method", ev.Method), slog.String("url", ev.URL),
			slog.Int("attempt", attempt), slog.Duration("wait", wait)}
		if ev.StatusCode != 0 {
			attrs = append(attrs, slog.Int("status", ev.StatusCode))
		}
		if ev.RetryAfter > 0 {
			attrs = append(attrs, slog.Duration("retry_after", ev.RetryAfter))
		}
		cfg.logger.LogAttrs(ctx, slog.LevelDebug, c.cfg.api.Name+": retrying", attrs...)
	}
	if err := Sleep(ctx, wait); err != nil {
		return fmt.Errorf("%s: %s %s: waiting %s to retry after attempt %d: %w", c.cfg.api.Name, req.Method, redactURL(req.URL), wait, attempt, err)
	}
	return nil
}

// logAttempt logs one attempt at debug level: never a header or a body.
func (c *Call) logAttempt(ctx context.Context, req *http.Request, attempt int, resp *http.Response, err error, elapsed time.Duration) {
	attrs := []slog.Attr{slog.String("method", req.Method), slog.String("url", redactURL(req.URL)),
		slog.Int("attempt", attempt), slog.Duration("elapsed", elapsed)}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.cfg.logger.LogAttrs(ctx, slog.LevelDebug, c.cfg.api.Name+": attempt", attrs...)
}

// neverSent reports whether a transport error happened before the request
// could reach the server: the connection or the host name lookup failed.
func neverSent(err error) bool {
	if opErr, ok := errors.AsType[*net.OpError](err); ok && opErr.Op == "dial" {
		return true
	}
	_, ok := errors.AsType[*net.DNSError](err)
	return ok
}

// retryableTransportError reports whether a failed attempt (no response)
// is worth retrying: connection errors are; cancellation, certificate
// problems and local errors are not.
func retryableTransportError(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if _, ok := errors.AsType[*tls.CertificateVerificationError](err); ok {
		return false
	}
	if _, ok := errors.AsType[x509.UnknownAuthorityError](err); ok {
		return false
	}
	if _, ok := errors.AsType[x509.HostnameError](err); ok {
		return false
	}
	if _, ok := errors.AsType[x509.CertificateInvalidError](err); ok {
		return false
	}
	if _, ok := errors.AsType[*sessionkit.InvalidArgumentError](err); ok {
		return false
	}
	return true
}
