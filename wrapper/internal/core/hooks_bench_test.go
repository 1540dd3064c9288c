package core

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// BenchmarkDoInMemory measures the engine alone on a success, without an
// observer and with one that does nothing: the first is the hot path the
// hooks must leave as it was (compare allocs/op with the engine before
// them), the second what observing costs the engine itself.
func BenchmarkDoInMemory(b *testing.B) {
	const body = `{"id":1}`
	doer := sessionkit.DoerFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)),
			ContentLength: int64(len(body)), Request: req}, nil
	})
	for _, bc := range []struct {
		name string
		opts []Option
	}{
		{"no-observer", nil},
		{"nop-observer", []Option{Observe(nopObserver{})}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			e, err := newEngine(testAPI(testBase), append([]Option{HTTPClient(doer)}, bc.opts...)...)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			op := opFor("GET")
			b.ReportAllocs()
			for b.Loop() {
				req, _ := http.NewRequest("GET", testBase+"/v1/x", nil)
				c, _ := callOf(e)
				if err := c.Do(ctx, op, built(req), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// nopObserver observes nothing.
type nopObserver struct{}

func (nopObserver) StartOperation(ctx context.Context, _ sessionkit.Operation) (context.Context, sessionkit.OperationObserver) {
	return ctx, nopObserver{}
}
func (nopObserver) AttemptStart(ctx context.Context, _ sessionkit.Attempt) context.Context {
	return ctx
}
func (nopObserver) AttemptEnd(sessionkit.AttemptResult) {}
func (nopObserver) RetryWait(sessionkit.RetryEvent)     {}
func (nopObserver) End(error)                           {}
