package otelsessions

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// scope is the instrumentation scope of the tracer and the meter.
const scope = "github.com/sessionkit/sessions/wrapper/otelsessions"

// durationBuckets are the conventions' bucket boundaries for
// http.client.request.duration, in seconds.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}

// Option configures NewObserver.
type Option func(*settings) error

type settings struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider sets the provider of the tracer; by default the
// global one (otel.GetTracerProvider). nil is an error.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(s *settings) error {
		if tp == nil {
			return errors.New("otelsessions: WithTracerProvider: the provider must not be nil")
		}
		s.tp = tp
		return nil
	}
}

// WithMeterProvider sets the provider of the meter; by default the global
// one (otel.GetMeterProvider). nil is an error.
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(s *settings) error {
		if mp == nil {
			return errors.New("otelsessions: WithMeterProvider: the provider must not be nil")
		}
		s.mp = mp
		return nil
	}
}

// Observer traces and measures a client's calls; NewObserver makes one.
// It is safe for concurrent use, and one Observer may serve several
// clients.
type Observer struct {
	tracer     trace.Tracer
	duration   metric.Float64Histogram
	operations metric.Int64Counter
}

var _ sessionkit.Observer = (*Observer)(nil)

// NewObserver returns an Observer recording through the providers of its
// options (the global ones by default). An error names the option or the
// instrument that could not be made.
func NewObserver(opts ...Option) (*Observer, error) {
	s := settings{tp: otel.GetTracerProvider(), mp: otel.GetMeterProvider()}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&s); err != nil {
			return nil, err
		}
	}
	meter := s.mp.Meter(scope)
	duration, err := meter.Float64Histogram("http.client.request.duration",
		metric.WithUnit("s"), metric.WithDescription("Duration of HTTP client requests."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	if err != nil {
		return nil, errors.Join(errors.New("otelsessions: http.client.request.duration"), err)
	}
	operations, err := meter.Int64Counter("sessionkit.client.operations",
		metric.WithUnit("{operation}"), metric.WithDescription("Calls made by a sessionkit client, by outcome."))
	if err != nil {
		return nil, errors.Join(errors.New("otelsessions: sessionkit.client.operations"), err)
	}
	return &Observer{tracer: s.tp.Tracer(scope), duration: duration, operations: operations}, nil
}

// StartOperation starts the call's span; the returned context carries it.
func (o *Observer) StartOperation(ctx context.Context, op sessionkit.Operation) (context.Context, sessionkit.OperationObserver) {
	server := serverAttrs(op.URL)
	attrs := append([]attribute.KeyValue{
		attribute.String("sessionkit.api", op.API),
		attribute.String("sessionkit.operation", op.Name),
		attribute.String("http.request.method", op.Method),
	}, server...)
	ctx, span := o.tracer.Start(ctx, op.API+" "+op.Name, trace.WithSpanKind(trace.SpanKindInternal), trace.WithAttributes(attrs...))
	return ctx, &operation{o: o, op: op, span: span, server: server}
}

// operation follows one call.
type operation struct {
	o        *Observer
	op       sessionkit.Operation
	span     trace.Span
	server   []attribute.KeyValue
	attempts int
	rl       sessionkit.RateLimit
	// the current attempt
	attempt trace.Span
	start   time.Time
}

func (p *operation) AttemptStart(ctx context.Context, a sessionkit.Attempt) context.Context {
	p.attempts++
	attrs := append([]attribute.KeyValue{
		attribute.String("http.request.method", p.op.Method),
		attribute.String("url.full", p.op.URL),
	}, p.server...)
	if a.Number > 1 {
		attrs = append(attrs, attribute.Int("http.request.resend_count", a.Number-1))
	}
	ctx, p.attempt = p.o.tracer.Start(ctx, p.op.Method, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	p.start = time.Now()
	return ctx
}

func (p *operation) AttemptEnd(r sessionkit.AttemptResult) {
	elapsed := time.Since(p.start)
	metricAttrs := append([]attribute.KeyValue{attribute.String("http.request.method", p.op.Method)}, p.server...)
	var spanAttrs []attribute.KeyValue
	if r.StatusCode > 0 {
		spanAttrs = append(spanAttrs, attribute.Int("http.response.status_code", r.StatusCode))
		metricAttrs = append(metricAttrs, attribute.Int("http.response.status_code", r.StatusCode))
	}
	if v := protocolVersions[r.Proto]; v != "" {
		spanAttrs = append(spanAttrs, attribute.String("network.protocol.version", v))
	}
	if r.RateLimit.Present {
		p.rl = r.RateLimit
		spanAttrs = append(spanAttrs, rateLimitAttrs(r.RateLimit)...)
	}
	et := ""
	if r.Err != nil || r.StatusCode >= 400 {
		et = ErrorType(r.Err)
		if r.StatusCode >= 400 {
			et = strconv.Itoa(r.StatusCode)
		}
		spanAttrs = append(spanAttrs, attribute.String("error.type", et))
		metricAttrs = append(metricAttrs, attribute.String("error.type", et))
	}
	if p.attempt != nil {
		if et != "" {
			p.attempt.SetStatus(codes.Error, et)
		}
		p.attempt.SetAttributes(spanAttrs...)
		p.attempt.End()
		p.attempt = nil
	}
	p.o.duration.Record(context.Background(), elapsed.Seconds(), metric.WithAttributes(metricAttrs...))
}

func (p *operation) RetryWait(ev sessionkit.RetryEvent) {
	attrs := []attribute.KeyValue{
		attribute.Int("sessionkit.retry.attempt", ev.Attempt),
		attribute.Float64("sessionkit.retry.wait", ev.Wait.Seconds()),
	}
	reason := "connection error"
	if ev.StatusCode > 0 {
		reason = "status " + strconv.Itoa(ev.StatusCode)
		attrs = append(attrs, attribute.Int("http.response.status_code", ev.StatusCode))
	}
	attrs = append(attrs, attribute.String("sessionkit.retry.reason", reason))
	if ev.RetryAfter > 0 {
		attrs = append(attrs, attribute.Float64("sessionkit.retry.retry_after", ev.RetryAfter.Seconds()))
	}
	p.span.AddEvent("sessionkit.retry", trace.WithAttributes(attrs...))
}

func (p *operation) End(err error) {
	if p.attempt != nil { // never ended: should not happen, but no span leaks
		p.attempt.End()
	}
	p.span.SetAttributes(attribute.Int("sessionkit.attempts", p.attempts))
	if p.rl.Present {
		p.span.SetAttributes(rateLimitAttrs(p.rl)...)
	}
	outcome := []attribute.KeyValue{attribute.String("sessionkit.api", p.op.API), attribute.String("sessionkit.operation", p.op.Name)}
	if err == nil {
		outcome = append(outcome, attribute.String("sessionkit.outcome", "ok"))
	} else {
		et, name := ErrorType(err), "error"
		if et == "429" {
			name = "throttled"
		}
		outcome = append(outcome, attribute.String("sessionkit.outcome", name), attribute.String("error.type", et))
		p.span.SetAttributes(attribute.String("error.type", et))
		p.span.SetStatus(codes.Error, err.Error())
	}
	p.o.operations.Add(context.Background(), 1, metric.WithAttributes(outcome...))
	p.span.End()
}

// ErrorType is the error.type an error is recorded with: "" for nil, the
// status code of an *APIError, or one of the words the package
// documentation lists.
func ErrorType(err error) string {
	var (
		ae *sessionkit.APIError
		pe *sessionkit.PacingError
	)
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ae) && ae.StatusCode >= 400:
		return strconv.Itoa(ae.StatusCode)
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &pe):
		return "rate_limiter"
	case errors.As(err, new(*sessionkit.ConnectionError)):
		return "connection"
	case errors.As(err, new(*sessionkit.DecodeError)):
		return "decode"
	case errors.As(err, new(*sessionkit.ResponseTooLargeError)):
		return "response_too_large"
	case errors.As(err, new(*sessionkit.RedirectError)):
		return "redirect"
	case errors.As(err, new(*sessionkit.InvalidArgumentError)):
		return "invalid_argument"
	}
	return "_OTHER"
}

// serverAttrs are server.address and server.port of a URL.
func serverAttrs(raw string) []attribute.KeyValue {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	attrs := []attribute.KeyValue{attribute.String("server.address", u.Hostname())}
	if p, err := strconv.Atoi(port); err == nil {
		attrs = append(attrs, attribute.Int("server.port", p))
	}
	return attrs
}

// rateLimitAttrs are a response's rate-limit state.
func rateLimitAttrs(rl sessionkit.RateLimit) []attribute.KeyValue {
	return []attribute.KeyValue{
		attribute.Int("sessionkit.rate_limit.limit", rl.Limit),
		attribute.Int("sessionkit.rate_limit.remaining", rl.Remaining),
		attribute.Float64("sessionkit.rate_limit.reset", rl.Reset.Seconds()),
	}
}

// protocolVersions are network.protocol.version's values by the
// response's protocol.
var protocolVersions = map[string]string{
	"HTTP/1.0": "1.0", "HTTP/1.1": "1.1", "HTTP/2.0": "2", "HTTP/2": "2", "HTTP/3.0": "3", "HTTP/3": "3",
}
