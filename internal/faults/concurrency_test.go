package faults

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestSharedClientUnderRandomFaults has 64 goroutines share one client of
// each API against a server answering at random 429, 503 or the healthy
// answer, for a bounded time. Every call must end in success or a typed
// *APIError for a 429 or 503, after the attempts the policy allows.
func TestSharedClientUnderRandomFaults(t *testing.T) {
	t.Parallel()
	for _, api := range []string{apiZendesk, apiGameserver} {
		t.Run(api, func(t *testing.T) {
			t.Parallel()
			routes := map[string]operation{}
			var ops []operation
			for _, op := range operations() {
				if op.api == api {
					routes[op.method+" "+op.path] = op
					ops = append(ops, op)
				}
			}
			var mu sync.Mutex
			rng := rand.New(rand.NewPCG(1, 2))
			srv, err := Listen("127.0.0.1:0", func(c *Conn, r *Request) bool {
				op, ok := routes[r.Method+" "+r.Path]
				if !ok {
					return Respond(http.StatusTeapot, jsonHeader(), `{"message":"unexpected"}`)(c, r)
				}
				mu.Lock()
				roll := rng.IntN(3)
				mu.Unlock()
				h := jsonHeader()
				switch roll {
				case 0:
					h.Set("Retry-After", "0")
					return Respond(429, h, `{"error":"TooManyRequests"}`)(c, r)
				case 1:
					return Respond(503, h, `{"error":"Unavailable"}`)(c, r)
				}
				return op.healthy()(c, r)
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = srv.Close() })
			c, err := newClients(clientConfig{api: api, baseURL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(c.closeIdle)

			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			stop := time.Now().Add(time.Second)
			var calls, successes atomic.Int64
			var wg sync.WaitGroup
			for g := range 64 {
				wg.Go(func() {
					for i := 0; time.Now().Before(stop); i++ {
						op := ops[(g+i)%len(ops)]
						err := op.call(ctx, c)
						calls.Add(1)
						if err == nil {
							successes.Add(1)
							continue
						}
						e, ok := errors.AsType[*zendesk.APIError](err)
						if !ok {
							t.Errorf("%s: %T %v, want success or *APIError", op.name, err, err)
							return
						}
						// A create stops at its first 503 (after any 429s before
						// it); everything else uses its 3 attempts.
						least := 3
						if !op.idempotent && e.StatusCode == 503 {
							least = 1
						}
						if (e.StatusCode != 429 && e.StatusCode != 503) || e.Attempts < least || e.Attempts > 3 {
							t.Errorf("%s: APIError %d after %d attempts, want 429 or 503 after %d to 3", op.name, e.StatusCode, e.Attempts, least)
							return
						}
					}
				})
			}
			wg.Wait()
			if successes.Load() == 0 || successes.Load() == calls.Load() {
				t.Errorf("%d successes of %d calls: want some of each outcome", successes.Load(), calls.Load())
			}
		})
	}
}
