package core

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// testBase is the base URL of the engines testEngine builds.
const testBase = "https://api.example.com/base"

// trackedBody is a response body that records whether it was read to the
// end and closed.
type trackedBody struct {
	r      *strings.Reader
	mu     sync.Mutex
	eof    bool
	closed bool
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.mu.Lock()
		b.eof = true
		b.mu.Unlock()
	}
	return n, err
}

func (b *trackedBody) Close() error {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	return nil
}

func (b *trackedBody) done() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.eof && b.closed
}

// fakeResponse builds an in-memory response for req.
func fakeResponse(req *http.Request, status int, header http.Header, body string) *http.Response {
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{
		StatusCode:    status,
		Status:        http.StatusText(status),
		Header:        header,
		Body:          &trackedBody{r: strings.NewReader(body)},
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

// recorder is an in-memory Doer that answers with handle and records every
// request it sent (with its body) and every response body it returned.
type recorder struct {
	mu     sync.Mutex
	handle func(n int, req *http.Request) (*http.Response, error)
	reqs   []*http.Request
	bodies []string
	resps  []*trackedBody
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	var body string
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		_ = req.Body.Close()
		body = string(b)
	}
	r.mu.Lock()
	n := len(r.reqs) + 1
	r.reqs = append(r.reqs, req)
	r.bodies = append(r.bodies, body)
	r.mu.Unlock()
	resp, err := r.handle(n, req)
	if resp != nil {
		if tb, ok := resp.Body.(*trackedBody); ok {
			r.mu.Lock()
			r.resps = append(r.resps, tb)
			r.mu.Unlock()
		}
	}
	return resp, err
}

func (r *recorder) calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// header returns the headers of the n-th request sent (1-based).
func (r *recorder) header(n int) http.Header {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs[n-1].Header
}

// allDone reports whether every response body handed out was drained and closed.
func (r *recorder) allDone(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, b := range r.resps {
		if !b.done() {
			t.Errorf("response %d: body not drained and closed (eof=%v closed=%v)", i+1, b.eof, b.closed)
		}
	}
}

// always answers every request with the same status, header and body.
func always(status int, header http.Header, body string) func(int, *http.Request) (*http.Response, error) {
	return func(_ int, req *http.Request) (*http.Response, error) {
		return fakeResponse(req, status, header.Clone(), body), nil
	}
}

// testErrorBody decodes {"error": code, "description"|"message": message},
// the shape the tests' servers answer with.
func testErrorBody(_ string, body []byte) (code, message string) {
	var b struct {
		Error       string `json:"error"`
		Description string `json:"description"`
		Message     string `json:"message"`
	}
	if json.Unmarshal(body, &b) != nil {
		return "", ""
	}
	if b.Description == "" {
		b.Description = b.Message
	}
	return b.Error, b.Description
}

// testAPI is the API the tests plug into the engine: named "test", with an
// error-body decoder, a request id in X-Request-Id and X-Rate-Limit
// headers.
func testAPI(base string) API {
	return API{
		Name:           "test",
		DefaultBaseURL: base,
		UserAgent:      "sessionkit-test/1",
		ErrorBody:      testErrorBody,
		RequestID:      func(h http.Header) string { return h.Get("X-Request-Id") },
		RateLimit:      RateLimitHeaders{Limit: []string{"X-Rate-Limit"}, Remaining: []string{"X-Rate-Limit-Remaining"}, Reset: []string{"Ratelimit-Reset"}},
	}
}

// testEngine builds an engine of testAPI on doer for testBase.
func testEngine(t *testing.T, doer sessionkit.Doer, opts ...Option) *Engine {
	t.Helper()
	e, err := newEngine(testAPI(testBase), append([]Option{HTTPClient(doer)}, opts...)...)
	if err != nil {
		t.Fatalf("NewEngine: %v", err)
	}
	return e
}

// newRequest builds a request for path (relative, without a leading slash)
// against the engine's base URL; a non-empty body gets GetBody unless
// rewindable is false.
func newRequest(t *testing.T, e *Engine, method, path, body string, rewindable bool) *http.Request {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequest(method, e.BaseURL()+"/"+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if !rewindable {
		req.GetBody = nil
	}
	return req
}

// opFor is the Op of a plain call of method.
func opFor(method string) *Op { return &Op{Name: "test" + method, Method: method} }

// call sends req for op through e with the call options opts, decoding a
// JSON success body into v when v is not nil.
func call(t *testing.T, e *Engine, ctx context.Context, op *Op, req *http.Request, v any, opts ...Option) error {
	t.Helper()
	c, err := callOf(e, opts...)
	if err != nil {
		return err
	}
	return c.Do(ctx, op, built(req), decodeInto(v))
}

// decodeInto is a Decoder that unmarshals JSON into v; a nil v discards
// the body.
func decodeInto(v any) Decoder {
	if v == nil {
		return nil
	}
	return func(r Response) error { return json.Unmarshal(r.Body, v) }
}

// exactPolicy is a retry policy without jitter: waits of 1s, 2s, 4s ...
func exactPolicy() sessionkit.RetryPolicy {
	return sessionkit.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Second, MaxBackoff: 30 * time.Second, Multiplier: 2, Jitter: -1}
}

// newEngine builds an engine of api with the client options opts, as a
// wrapper's NewClient does.
func newEngine(api API, opts ...Option) (*Engine, error) {
	s := NewSettings(api)
	for _, o := range opts {
		if err := o.Apply(&s); err != nil {
			return nil, err
		}
	}
	return NewEngine(s)
}

// newPacer returns the pacer AdaptiveRateLimit(a) gives a client.
func newPacer(a sessionkit.Adaptive) *pacer {
	e, err := newEngine(API{Name: "test", DefaultBaseURL: testBase}, AdaptiveRateLimit(a))
	if err != nil {
		panic(err)
	}
	return e.client.cfg.pacer
}

// callOf returns the call of e with the call options opts, as a wrapper's
// method does: the client's own without any.
func callOf(e *Engine, opts ...Option) (*Call, error) {
	if e == nil || e.Client() == nil {
		return nil, Invalid("test", "client", nil, "is not initialised")
	}
	if len(opts) == 0 {
		return e.Client(), nil
	}
	s := e.CallSettings()
	for _, o := range opts {
		if err := o.Apply(&s); err != nil {
			return nil, err
		}
	}
	return e.Call(&s), nil
}

// minted is Settings.Mint as a client option.
func minted(option string, m Minter, margin, timeout time.Duration) Option {
	return newOpt(clientOnly, option+"("+redacted+")", func(c *Settings) error { return c.Mint(option, m, margin, timeout) })
}

// built is a request builder that returns req.
func built(req *http.Request) func(string) (*http.Request, error) {
	return func(string) (*http.Request, error) { return req, nil }
}
