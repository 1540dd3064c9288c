package faults

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// Groups of scenarios, run apart so that each measures what it must.
const (
	groupPlain  = "plain"  // everything in parallel
	groupTiming = "timing" // waits and deadlines, in parallel among themselves
	groupHeap   = "heap"   // 100 MiB bodies, one at a time, heap sampled
)

// hugeBody is the size of the oversized bodies.
const hugeBody = 100 << 20

// scenario is one way a server or the network misbehaves, with what the
// engine must make of it for a given operation.
type scenario struct {
	name  string
	group string
	env   envOptions
	// applies limits the scenario to some operations; nil means all.
	applies func(operation) bool
	// steps are main's answers to the operation's requests, in order; the
	// last one repeats.
	steps func(e *env) []Step
	// want is the outcome for the operation.
	want func(e *env) outcome
	// deadline bounds the call; 0 means 20 s.
	deadline time.Duration
	// during, when set, runs beside the call (e.g. to cancel it).
	during func(e *env, cancel context.CancelFunc)
}

// outcome is what a call must end with.
type outcome struct {
	// attempts is how many requests main must have received for the
	// operation's path.
	attempts int
	// err checks the error; nil means the call must succeed.
	err func(api string, err error) error
	// reused says the probe after the call must find an idle connection
	// to reuse (no new connection accepted).
	reused bool
	// timing, when set, checks the requests' times and the call's return.
	timing func(e *env, returned time.Time) error
}

// success is the outcome of a call that succeeds on attempt n.
func success(attempts int) outcome { return outcome{attempts: attempts, reused: true} }

// isAPIError wants an *APIError with status and attempts that matches
// sentinel with errors.Is.
func isAPIError(status, attempts int, sentinel error) func(string, error) error {
	return func(_ string, err error) error {
		e, ok := errors.AsType[*zendesk.APIError](err)
		if !ok {
			return fmt.Errorf("want *APIError %d, got %T: %v", status, err, err)
		}
		if e.StatusCode != status || e.Attempts != attempts {
			return fmt.Errorf("APIError status %d attempts %d, want %d and %d", e.StatusCode, e.Attempts, status, attempts)
		}
		if sentinel != nil && !errors.Is(err, sentinel) {
			return fmt.Errorf("errors.Is(%v, %v) = false", err, sentinel)
		}
		return nil
	}
}

// isConnectionError wants the API's *ConnectionError with attempts.
func isConnectionError(attempts int) func(string, error) error {
	return func(api string, err error) error {
		n, ok := connectionError(api, err)
		if !ok {
			return fmt.Errorf("want *%s.ConnectionError (errors.Is ErrConnection), got %T: %v", api, err, err)
		}
		return want("ConnectionError.Attempts", n, attempts)
	}
}

// isDecodeError wants a *DecodeError of a 200.
func isDecodeError(_ string, err error) error {
	e, ok := errors.AsType[*zendesk.DecodeError](err)
	if !ok {
		return fmt.Errorf("want *DecodeError, got %T: %v", err, err)
	}
	return want("DecodeError.StatusCode", e.StatusCode, 200)
}

// isTooLarge wants a *ResponseTooLargeError at the suite's limit.
func isTooLarge(_ string, err error) error {
	e, ok := errors.AsType[*zendesk.ResponseTooLargeError](err)
	if !ok {
		return fmt.Errorf("want *ResponseTooLargeError, got %T: %v", err, err)
	}
	return want("ResponseTooLargeError.Limit", e.Limit, int64(maxResponseBytes))
}

// isRedirectError wants the API's *RedirectError for status and location.
func isRedirectError(status int, location string) func(string, error) error {
	return func(api string, err error) error {
		s, l, ok := redirectError(api, err)
		if !ok {
			return fmt.Errorf("want *%s.RedirectError, got %T: %v", api, err, err)
		}
		if s != status || l != location {
			return fmt.Errorf("RedirectError %d %q, want %d %q", s, l, status, location)
		}
		return nil
	}
}

// isContextError wants an error matching target (context.Canceled or
// context.DeadlineExceeded).
func isContextError(target error) func(string, error) error {
	return func(_ string, err error) error {
		if !errors.Is(err, target) {
			return fmt.Errorf("errors.Is(%v, %v) = false (%T)", err, target, err)
		}
		return nil
	}
}

// fullAnswer is the raw healthy answer of op, and where a cut halfway
// through its body (or its header block, for a 204) falls.
func fullAnswer(op operation) (raw []byte, half int) {
	head := Head(op.status, jsonHeader(), int64(len(op.body)))
	if !op.hasBody() {
		head = Head(op.status, jsonHeader(), -1)
		return head, len(head) / 2
	}
	return append(head, op.body...), len(head) + len(op.body)/2
}

// decodes limits a scenario to operations that decode a body.
func decodes(op operation) bool { return op.hasBody() }

// retryAfterWindow checks that the second request came no earlier than
// notBefore and at most 10 % of the asked wait + 50 ms after it.
func retryAfterWindow(e *env, notBefore func(first time.Time) time.Time) error {
	reqs := e.opRequests()
	if len(reqs) < 2 {
		return fmt.Errorf("%d requests, want a retry", len(reqs))
	}
	first, second := reqs[0].At, reqs[1].At
	nb := notBefore(first)
	if second.Before(nb) {
		return fmt.Errorf("retried %v before the time Retry-After asked for", nb.Sub(second))
	}
	asked := nb.Sub(first)
	if late := second.Sub(nb); late > asked/10+50*time.Millisecond {
		return fmt.Errorf("retried %v after the time Retry-After asked for (asked %v; allowed 10%% + 50ms)", late, asked)
	}
	return nil
}

// scenarios lists every fault the suite produces.
func scenarios() []scenario {
	var out []scenario

	// 429 with Retry-After: the server did not act on the request, so every
	// operation is retried, a create too, after no less than asked.
	out = append(out, scenario{
		name: "429-retry-after-seconds", group: groupTiming,
		steps: func(e *env) []Step {
			h := jsonHeader()
			h.Set("Retry-After", "1")
			return []Step{Respond(429, h, `{"error":"TooManyRequests","message":"slow down"}`), e.op.healthy()}
		},
		want: func(e *env) outcome {
			o := success(2)
			o.timing = func(e *env, _ time.Time) error {
				return retryAfterWindow(e, func(first time.Time) time.Time { return first.Add(time.Second) })
			}
			return o
		},
	})
	out = append(out, scenario{
		name: "429-retry-after-http-date", group: groupTiming,
		steps: func(e *env) []Step {
			var date time.Time
			return []Step{func(c *Conn, r *Request) bool {
				date = time.Now().Add(2 * time.Second).Truncate(time.Second)
				h := jsonHeader()
				h.Set("Retry-After", date.UTC().Format(http.TimeFormat))
				e.answered <- date
				return Respond(429, h, `{"error":"TooManyRequests"}`)(c, r)
			}, e.op.healthy()}
		},
		want: func(e *env) outcome {
			o := success(2)
			o.timing = func(e *env, _ time.Time) error {
				date := <-e.answered
				return retryAfterWindow(e, func(time.Time) time.Time { return date })
			}
			return o
		},
	})

	// Bursts of 5xx: retried for idempotent operations (3 attempts in all),
	// never for a create.
	for _, code := range []int{500, 502, 503, 504} {
		for n := 1; n <= 3; n++ {
			out = append(out, scenario{
				name: fmt.Sprintf("%d-burst-%d", code, n), group: groupPlain,
				steps: func(e *env) []Step {
					var s []Step
					for range n {
						s = append(s, Respond(code, jsonHeader(), `{"error":"ServerError","message":"try again"}`))
					}
					return append(s, e.op.healthy())
				},
				want: func(e *env) outcome {
					switch {
					case !e.op.idempotent:
						return outcome{attempts: 1, err: isAPIError(code, 1, zendesk.ErrServer), reused: true}
					case n < 3:
						return success(n + 1)
					}
					return outcome{attempts: 3, err: isAPIError(code, 3, zendesk.ErrServer), reused: true}
				},
			})
		}
	}

	// Connections that break: before any byte, or halfway through the body
	// with a reset or an early EOF. The request went out, so only idempotent
	// operations are retried; giving up is a *ConnectionError.
	breaks := []struct {
		name  string
		step  func(op operation) Step
		final bool // every attempt breaks
	}{
		{name: "reset-before-response", step: func(operation) Step { return Reset() }},
		{name: "reset-every-attempt", step: func(operation) Step { return Reset() }, final: true},
		{name: "reset-mid-body", step: func(op operation) Step { raw, half := fullAnswer(op); return ResetAfter(raw, half) }},
		{name: "eof-mid-body", step: func(op operation) Step { raw, half := fullAnswer(op); return CloseAfter(raw, half) }},
	}
	for _, b := range breaks {
		out = append(out, scenario{
			name: b.name, group: groupPlain,
			steps: func(e *env) []Step {
				if b.final {
					return []Step{b.step(e.op)}
				}
				return []Step{b.step(e.op), e.op.healthy()}
			},
			want: func(e *env) outcome {
				switch {
				case !e.op.idempotent:
					return outcome{attempts: 1, err: isConnectionError(1)}
				case b.final:
					return outcome{attempts: 3, err: isConnectionError(3)}
				}
				return success(2)
			},
		})
	}

	// Success bodies that do not decode: a *DecodeError, never retried (the
	// answer is deterministic), and the connection stays usable.
	bad := []struct{ name, contentType, body string }{
		{"truncated-json", "application/json", ""},
		{"invalid-json", "application/json", `{"session_id": "950dd2eaff09-S", "ready": tru, "id": 1}`},
		{"html-page", "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"},
		{"empty-2xx-body", "application/json", ""},
	}
	for _, b := range bad {
		out = append(out, scenario{
			name: b.name, group: groupPlain, applies: decodes,
			steps: func(e *env) []Step {
				body := b.body
				if b.name == "truncated-json" {
					body = e.op.body[:len(e.op.body)/2]
				}
				return []Step{Respond(200, http.Header{"Content-Type": {b.contentType}}, body), e.op.healthy()}
			},
			want: func(*env) outcome { return outcome{attempts: 1, err: isDecodeError, reused: true} },
		})
	}

	// 100 MiB bodies, streamed: a success body over the limit is a
	// *ResponseTooLargeError (not retried); an error body is cut to its
	// excerpt. Neither is read whole nor held in memory.
	out = append(out, scenario{
		name: "huge-success-body", group: groupHeap, applies: decodes,
		steps: func(*env) []Step {
			return []Step{Stream(200, jsonHeader(), `{"padding":[`, `"`+strings.Repeat("x", 200)+`"`, `]}`, hugeBody)}
		},
		want: func(*env) outcome { return outcome{attempts: 1, err: isTooLarge} },
	})
	out = append(out, scenario{
		name: "huge-error-body", group: groupHeap,
		steps: func(*env) []Step {
			return []Step{Stream(500, jsonHeader(), `{"message":"`, strings.Repeat("e", 200), `"}`, hugeBody)}
		},
		want: func(e *env) outcome {
			if !e.op.idempotent {
				return outcome{attempts: 1, err: isAPIError(500, 1, zendesk.ErrServer)}
			}
			return outcome{attempts: 3, err: isAPIError(500, 3, zendesk.ErrServer)}
		},
	})

	// Stalls: a 300 ms deadline returns within 50 ms of it, as the context's
	// error.
	for _, s := range []struct {
		name string
		cut  func(op operation) ([]byte, int)
	}{
		{"stall-before-headers", func(operation) ([]byte, int) { return nil, 0 }},
		{"stall-mid-body", fullAnswer},
	} {
		out = append(out, scenario{
			name: s.name, group: groupTiming, deadline: 300 * time.Millisecond,
			steps: func(e *env) []Step { raw, n := s.cut(e.op); return []Step{StallAfter(raw, n)} },
			want: func(*env) outcome {
				return outcome{attempts: 1, err: isContextError(context.DeadlineExceeded)}
			},
		})
	}

	// A context cancelled while the engine waits to retry: the call returns
	// within 5 ms. A create is not retried on a 503, so it has no wait.
	out = append(out, scenario{
		name: "cancel-during-retry-wait", group: groupTiming,
		steps: func(e *env) []Step {
			h := jsonHeader()
			h.Set("Retry-After", "2")
			return []Step{e.signal(Respond(503, h, `{"error":"DatabaseTimeout"}`)), e.op.healthy()}
		},
		during: func(e *env, cancel context.CancelFunc) {
			if !e.op.idempotent {
				return
			}
			<-e.answered
			time.Sleep(100 * time.Millisecond)
			e.answered <- time.Now()
			cancel()
		},
		want: func(e *env) outcome {
			if !e.op.idempotent {
				return outcome{attempts: 1, err: isAPIError(503, 1, zendesk.ErrServer), reused: true}
			}
			return outcome{attempts: 1, err: isContextError(context.Canceled), reused: true,
				timing: func(e *env, returned time.Time) error {
					cancelled := <-e.answered
					if d := returned.Sub(cancelled); d > 5*time.Millisecond {
						return fmt.Errorf("returned %v after the cancel, want within 5ms", d)
					}
					return nil
				}}
		},
	})

	// Redirects. To the same origin they are followed, credentials and
	// all. To another origin (port, host, or https to http) they are
	// refused with a *RedirectError, and the other origin sees nothing.
	for _, code := range []int{301, 302, 307, 308} {
		out = append(out, scenario{
			name: fmt.Sprintf("redirect-%d-same-origin", code), group: groupPlain,
			steps: func(e *env) []Step {
				return []Step{Respond(code, http.Header{"Location": {"/moved" + e.op.path}}, "")}
			},
			want: func(*env) outcome { return success(1) },
		})
		for _, target := range []struct {
			name string
			env  envOptions
		}{
			{"other-port", envOptions{otherAddr: "127.0.0.1:0"}},
			{"other-host", envOptions{otherAddr: "127.0.0.2:0"}},
			{"https-to-http", envOptions{tls: true, otherAddr: "127.0.0.1:0"}},
		} {
			out = append(out, scenario{
				name: fmt.Sprintf("redirect-%d-%s", code, target.name), group: groupPlain, env: target.env,
				steps: func(e *env) []Step {
					return []Step{Respond(code, http.Header{"Location": {e.other.URL + "/moved" + e.op.path}}, "")}
				},
				want: func(e *env) outcome {
					return outcome{attempts: 1, err: isRedirectError(code, e.other.URL+"/moved"+e.op.path), reused: true}
				},
			})
		}
	}
	return out
}
