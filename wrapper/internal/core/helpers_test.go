package core

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

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

// testEngine builds an engine on doer for https://api.example.com/base.
func testEngine(t *testing.T, doer Doer, opts ...Option) *Engine {
	t.Helper()
	e, err := NewEngine(Settings{DefaultBaseURL: "https://api.example.com/base", UserAgent: "sessionkit-test/1"},
		append([]Option{WithHTTPClient(doer)}, opts...)...)
	if err != nil {
		t.Fatalf("NewEngine: %v", err)
	}
	return e
}

// newRequest builds a request against the engine's base URL; a non-empty
// body gets GetBody unless rewindable is false.
func newRequest(t *testing.T, ctx context.Context, e *Engine, method, path, body string, rewindable bool) *http.Request {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequestWithContext(ctx, method, e.BaseURL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if !rewindable {
		req.GetBody = nil
	}
	return req
}

// exactPolicy is a retry policy without jitter: waits of 1s, 2s, 4s ...
func exactPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Second, MaxBackoff: 30 * time.Second, Multiplier: 2, Jitter: -1}
}
