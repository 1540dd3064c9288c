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

// Call is one call's settings, bound to what sends them (see Do).
type Call struct {
	cfg Settings
}

// Do builds the call's request with build against the base URL (with a
// trailing slash, so relative paths keep its path prefix) and sends it for
// op, attempt by attempt: pacing, headers and credentials (only on the
// base URL's origin), the send, read (the success body read and decoded
// inside the attempt; a nil decode discards it), and decide. The error is
// a typed one of sessionkit (*APIError, *ConnectionError, *DecodeError,
// ...), the credentials', or, when the caller's context ended the call,
// one matching only the context's (see ended).
func (c *Call) Do(ctx context.Context, op *Op, build func(base string) (*http.Request, error), decode Decoder) (err error) {
	cfg, api := &c.cfg, c.cfg.api
	req, err := build(cfg.callBase)
	// refuse closes the body of a request that will not be sent, as http.Client.Do would.
	refuse := func(err error) error {
		if req != nil && req.Body != nil && req.Body != http.NoBody {
			_ = req.Body.Close()
		}
		return err
	}
	errorf := func(format string, a ...any) error {
		return fmt.Errorf("%s: %s %s: "+format, append([]any{api.Name, req.Method, redactURL(req.URL)}, a...)...)
	}
	switch {
	case err != nil:
		return Invalid(api.Name, op.Name+" request", nil, err.Error())
	case ctx == nil:
		return refuse(Invalid(api.Name, "ctx", nil, "must not be nil"))
	case req == nil || req.URL == nil:
		return refuse(Invalid(api.Name, "request", nil, "could not be built"))
	}
	ctx, ob := c.startObserving(ctx, op, req) // nil without an observer
	if ob != nil {
		defer func() { ob.guard("End", func() { ob.oo.End(err) }) }()
	}
	if !cfg.sameOrigin(req.URL) {
		return refuse(Invalid(api.Name, "request URL", redactURL(req.URL), "is not on the client's base URL"))
	}
	if err := ctx.Err(); err != nil {
		return refuse(errorf("%w", err))
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
				return errorf("rewinding the request body: %w", err)
			}
			req.Body = body
		}
		if cfg.pacer != nil {
			if err := cfg.pacer.wait(ctx, api.Name, ob.pacingWait); err != nil {
				return refuse(errorf("waiting for the rate limiter: %w", err))
			}
		}
		if cfg.auth != nil {
			if err := cfg.auth.Authenticate(ctx, req); err != nil {
				return refuse(errorf("%s: %w", cfg.authName, api.named(err)))
			}
		}
		start := time.Now()
		resp, err := cfg.sender.Do(ob.attemptRequest(req, attempt))
		if ue, ok := err.(*url.Error); ok { // net/http's own URL: redact it like every URL shown
			redacted := *ue
			redacted.URL = redactURL(req.URL)
			err = &redacted
		}
		o, result := c.read(op, req, resp, err, decode, attempt)
		ob.attemptEnded(resp, result)
		if logging {
			attrs := []slog.Attr{slog.String("method", req.Method), slog.String("url", redactURL(req.URL)),
				slog.Int("attempt", attempt), slog.Duration("elapsed", time.Since(start))}
			if resp != nil {
				attrs = append(attrs, slog.Int("status", resp.StatusCode))
			}
			if err != nil {
				attrs = append(attrs, slog.String("error", err.Error()))
			}
			cfg.logger.LogAttrs(ctx, slog.LevelDebug, api.Name+": attempt", attrs...)
		}
		if o.connErr && ctx.Err() != nil { // the caller's context ended the attempt
			return ended(errorf("attempt %d", attempt), ctx.Err(), result)
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
		default: // tell the OnRetry hook, the observer and the log, then wait
			ev := sessionkit.RetryEvent{Attempt: attempt, Wait: d.wait, StatusCode: o.status, Method: req.Method,
				URL: redactURL(req.URL), RetryAfter: o.retryAfter}
			if o.connErr {
				ev.StatusCode, ev.Err = 0, err
			}
			if cfg.policy.OnRetry != nil {
				cfg.policy.OnRetry(ev)
			}
			ob.guard("RetryWait", func() { ob.oo.RetryWait(ev) })
			if logging {
				attrs := []slog.Attr{slog.String("method", ev.Method), slog.String("url", ev.URL),
					slog.Int("attempt", attempt), slog.Duration("wait", d.wait)}
				if ev.StatusCode != 0 {
					attrs = append(attrs, slog.Int("status", ev.StatusCode))
				}
				if ev.RetryAfter > 0 {
					attrs = append(attrs, slog.Duration("retry_after", ev.RetryAfter))
				}
				cfg.logger.LogAttrs(ctx, slog.LevelDebug, api.Name+": retrying", attrs...)
			}
			if err := Sleep(ctx, d.wait); err != nil {
				return ended(errorf("waiting %s to retry after attempt %d: %w", d.wait, attempt, err), ctx.Err(), result)
			}
		}
	}
}

// read turns an attempt's response or error into its outcome, for decide,
// and the error the call returns if it stops there (nil for a success,
// whose body it reads and decodes).
func (c *Call) read(op *Op, req *http.Request, resp *http.Response, err error, decode Decoder, attempt int) (outcome, error) {
	cfg, api := &c.cfg, c.cfg.api
	if err != nil {
		if resp != nil && resp.Body != nil {
			_ = resp.Body.Close()
		}
		if re, ok := errors.AsType[*sessionkit.RedirectError](err); ok {
			return outcome{final: true}, api.named(re)
		}
		// A failed dial or name lookup never reached the server.
		opErr, dial := errors.AsType[*net.OpError](err)
		_, lookup := errors.AsType[*net.DNSError](err)
		o := outcome{connErr: true, neverSent: dial && opErr.Op == "dial" || lookup}
		o.final = !retryableTransportError(req.Context(), err)
		return o, c.connError(req, attempt, err)
	}
	if resp == nil {
		return outcome{final: true}, fmt.Errorf("%s: %s %s: the HTTP client returned neither a response nor an error", api.Name, req.Method, redactURL(req.URL))
	}
	rl := api.RateLimit.parse(resp.Header) // read once, for the pacer, the error or the decoder and ResponseInfo
	if cfg.adaptive != nil {
		cfg.pacer.observe(rl, time.Now())
	}
	if resp.StatusCode >= 400 {
		ae := api.newAPIError(resp, req.Header)
		ae.Method, ae.URL, ae.Attempts = req.Method, redactURL(req.URL), attempt
		ra, ok := sessionkit.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		if !ok && resp.StatusCode == http.StatusTooManyRequests && rl.hasReset {
			ra, ae.RetryAfter = rl.Reset, rl.Reset // the spent budget's reset stands in for a missing Retry-After
		}
		return outcome{status: resp.StatusCode, retryAfter: ra}, ae
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
				de.Excerpt = oneLine(string(body[:min(len(body), 4*maxExcerpt)]), maxExcerpt)
			}
			return outcome{status: resp.StatusCode, final: true}, de
		}
	}
	if cfg.info != nil {
		*cfg.info = sessionkit.ResponseInfo{StatusCode: r.StatusCode, RequestID: r.RequestID, RateLimit: r.RateLimit,
			Attempts: attempt, Header: r.Header()}
	}
	return outcome{status: resp.StatusCode}, nil
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

// retryableTransportError reports whether a failed attempt (no response)
// is worth retrying: not after cancellation, a certificate problem or a
// local error.
func retryableTransportError(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	for _, target := range []any{new(*tls.CertificateVerificationError), new(x509.UnknownAuthorityError),
		new(x509.HostnameError), new(x509.CertificateInvalidError), new(*sessionkit.InvalidArgumentError)} {
		if errors.As(err, target) {
			return false
		}
	}
	return true
}
