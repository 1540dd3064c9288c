package core

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// attemptKey is the context key the recording observer puts in each
// attempt's context, so the Doer can tell which attempt it sends.
type attemptKey struct{}

// opKey is the key of the value it puts in the operation's context.
type opKey struct{}

// seen is one thing the recording observer was told, in a comparable form.
type seen struct {
	What      string // "start", "attempt", "result", "retry", "end"
	Op        sessionkit.Operation
	Number    int
	Status    int
	Proto     string
	RateLimit sessionkit.RateLimit
	Err       string // the error's type, "" for none
	Wait      time.Duration
	At        time.Duration // since the operation started
}

// recordingObserver records everything it is told, one operation at a time.
type recordingObserver struct {
	mu    sync.Mutex
	log   []seen
	start time.Time
}

func (r *recordingObserver) add(s seen) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s.At = time.Since(r.start)
	r.log = append(r.log, s)
}

func (r *recordingObserver) seen() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen{}, r.log...)
}

func (r *recordingObserver) StartOperation(ctx context.Context, op sessionkit.Operation) (context.Context, sessionkit.OperationObserver) {
	r.mu.Lock()
	r.start = time.Now()
	r.mu.Unlock()
	r.add(seen{What: "start", Op: op})
	return context.WithValue(ctx, opKey{}, op.Name), recordingOp{r}
}

type recordingOp struct{ r *recordingObserver }

func (o recordingOp) AttemptStart(ctx context.Context, a sessionkit.Attempt) context.Context {
	o.r.add(seen{What: "attempt", Number: a.Number})
	return context.WithValue(ctx, attemptKey{}, a.Number)
}

func (o recordingOp) AttemptEnd(a sessionkit.AttemptResult) {
	o.r.add(seen{What: "result", Status: a.StatusCode, Proto: a.Proto, RateLimit: a.RateLimit, Err: errType(a.Err)})
}

func (o recordingOp) RetryWait(ev sessionkit.RetryEvent) {
	o.r.add(seen{What: "retry", Number: ev.Attempt, Status: ev.StatusCode, Wait: ev.Wait, Err: errType(ev.Err)})
}

func (o recordingOp) End(err error) { o.r.add(seen{What: "end", Err: errType(err)}) }

// errType names err's type in the sessionkit errors, "" for nil.
func errType(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.As(err, new(*sessionkit.APIError)):
		return "APIError"
	case errors.As(err, new(*sessionkit.ConnectionError)):
		return "ConnectionError"
	case errors.As(err, new(*sessionkit.DecodeError)):
		return "DecodeError"
	}
	return "other"
}

// TestObserverSeesOperationsAttemptsAndWaits runs calls through an engine
// with a recording observer and compares what it was told, in order and
// in (synthetic) time, with what the in-memory server answered; the Doer
// checks that each attempt's request carries the attempt's context, under
// the operation's.
func TestObserverSeesOperationsAttemptsAndWaits(t *testing.T) {
	rl := http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"12"}}
	wantRL := sessionkit.RateLimit{Limit: 700, Remaining: 12, Present: true}
	op := sessionkit.Operation{API: "test", Name: "testGET", Method: "GET", URL: testBase + "/v1/x?token=%5BREDACTED%5D"}
	tests := []struct {
		name   string
		answer func(n int, req *http.Request) (*http.Response, error)
		minter Minter
		decode Decoder
		want   []seen
	}{
		{
			name: "503 then success",
			answer: func(n int, req *http.Request) (*http.Response, error) {
				if n == 1 {
					return fakeResponse(req, 503, rl.Clone(), `{"error":"down"}`), nil
				}
				return fakeResponse(req, 200, rl.Clone(), `{}`), nil
			},
			want: []seen{
				{What: "start", Op: op},
				{What: "attempt", Number: 1},
				{What: "result", Status: 503, RateLimit: wantRL, Err: "APIError"},
				{What: "retry", Number: 1, Status: 503, Wait: time.Second},
				{What: "attempt", Number: 2, At: time.Second},
				{What: "result", Status: 200, RateLimit: wantRL, At: time.Second},
				{What: "end", At: time.Second},
			},
		},
		{
			name:   "final 404",
			answer: always(404, nil, `{"error":"RecordNotFound"}`),
			want: []seen{
				{What: "start", Op: op},
				{What: "attempt", Number: 1},
				{What: "result", Status: 404, Err: "APIError"},
				{What: "end", Err: "APIError"},
			},
		},
		{
			name: "connection errors until the policy gives up",
			answer: func(int, *http.Request) (*http.Response, error) {
				return nil, errors.New("connection reset by peer")
			},
			want: []seen{
				{What: "start", Op: op},
				{What: "attempt", Number: 1},
				{What: "result", Err: "ConnectionError"},
				{What: "retry", Number: 1, Wait: time.Second, Err: "other"},
				{What: "attempt", Number: 2, At: time.Second},
				{What: "result", Err: "ConnectionError", At: time.Second},
				{What: "retry", Number: 2, Wait: 2 * time.Second, Err: "other", At: time.Second},
				{What: "attempt", Number: 3, At: 3 * time.Second},
				{What: "result", Err: "ConnectionError", At: 3 * time.Second},
				{What: "end", Err: "ConnectionError", At: 3 * time.Second},
			},
		},
		{
			name:   "a success that does not decode",
			answer: always(200, nil, `not json`),
			decode: func(Response) error { return errors.New("bad") },
			want: []seen{
				{What: "start", Op: op},
				{What: "attempt", Number: 1},
				{What: "result", Status: 200, Err: "DecodeError"},
				{What: "end", Err: "DecodeError"},
			},
		},
		{
			name:   "a refused token is minted again",
			minter: numbered(time.Hour),
			answer: func(n int, req *http.Request) (*http.Response, error) {
				if req.Header.Get("Authorization") == "Bearer t1" {
					return fakeResponse(req, 401, nil, `{"error":"invalid_token"}`), nil
				}
				return fakeResponse(req, 204, nil, ``), nil
			},
			want: []seen{
				{What: "start", Op: op},
				{What: "attempt", Number: 1},
				{What: "result", Status: 401, Err: "APIError"},
				{What: "attempt", Number: 2},
				{What: "result", Status: 204},
				{What: "end"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				obs := &recordingObserver{}
				sends := 0
				doer := &recorder{handle: func(n int, req *http.Request) (*http.Response, error) {
					sends++
					if got := req.Context().Value(opKey{}); got != "testGET" {
						t.Errorf("send %d: operation context value %v, want testGET", n, got)
					}
					if got, ok := req.Context().Value(attemptKey{}).(int); !ok || got < 1 {
						t.Errorf("send %d: the request carries no attempt context (%v)", n, got)
					}
					return tt.answer(n, req)
				}}
				opts := []Option{Retry(exactPolicy()), Observe(obs)}
				if tt.minter != nil {
					opts = append(opts, minted("WithTest", tt.minter, time.Minute, time.Second))
				}
				e := testEngine(t, doer, opts...)
				req := newRequest(t, e, "GET", "v1/x?token=s3cr3t", "", true)
				c, err := callOf(e)
				if err != nil {
					t.Fatal(err)
				}
				_ = c.Do(context.Background(), opFor("GET"), built(req), tt.decode)
				got := obs.seen()
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("observer saw (-want +got):\n%s", diff)
				}
				if n := strings.Count(strings.Join(whats(got), " "), "attempt"); n != sends {
					t.Errorf("%d attempts observed, %d sent", n, sends)
				}
				doer.allDone(t)
			})
		})
	}
}

func whats(log []seen) []string {
	out := make([]string, len(log))
	for i, s := range log {
		out[i] = s.What
	}
	return out
}

// TestObserverNotToldOfRefusedCalls: a call refused before anything is
// sent (a nil context) reaches no observer, and a nil observer is an
// option error.
func TestObserverNotToldOfRefusedCalls(t *testing.T) {
	obs := &recordingObserver{}
	doer := &recorder{handle: always(200, nil, `{}`)}
	e := testEngine(t, doer, Observe(obs))
	req := newRequest(t, e, "GET", "v1/x", "", true)
	c, err := callOf(e)
	if err != nil {
		t.Fatal(err)
	}
	//lint:ignore SA1012 the nil context is what is tested
	if err := c.Do(nil, opFor("GET"), built(req), nil); !errors.As(err, new(*sessionkit.InvalidArgumentError)) {
		t.Errorf("Do(nil ctx) = %v, want an *InvalidArgumentError", err)
	}
	if got := obs.seen(); len(got) != 0 || doer.calls() != 0 {
		t.Errorf("observer saw %v and %d requests were sent; want nothing", got, doer.calls())
	}
	_, err = newEngine(testAPI(testBase), Observe(nil))
	if ie, ok := errors.AsType[*sessionkit.InvalidArgumentError](err); !ok || ie.Name != "WithObserver" {
		t.Errorf("Observe(nil) = %v, want an *InvalidArgumentError naming WithObserver", err)
	}
}

// pacingOp is a recordingOp that is also a sessionkit.PacingObserver.
type pacingOp struct{ recordingOp }

func (o pacingOp) PacingWait(d time.Duration) { o.r.add(seen{What: "pacing", Wait: d}) }

// pacingObserver hands out pacingOps.
type pacingObserver struct{ recordingObserver }

func (r *pacingObserver) StartOperation(ctx context.Context, op sessionkit.Operation) (context.Context, sessionkit.OperationObserver) {
	ctx, _ = r.recordingObserver.StartOperation(ctx, op)
	return ctx, pacingOp{recordingOp{&r.recordingObserver}}
}

// TestObserverSeesPacingWaits: an observer that is a PacingObserver is
// told of each wait for the client's rate limiting, before it, with its
// length; the wait then takes that long.
func TestObserverSeesPacingWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		obs := &pacingObserver{}
		e := testEngine(t, &recorder{handle: always(200, nil, `{}`)}, RateLimit(60), Observe(obs))
		c, err := callOf(e)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := c.Do(context.Background(), opFor("GET"), built(newRequest(t, e, "GET", "v1/x", "", true)), nil); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		for _, s := range obs.seen() {
			got = append(got, fmt.Sprintf("%s %s at %s", s.What, s.Wait, s.At))
		}
		want := []string{
			"start 0s at 0s", "attempt 0s at 0s", "result 0s at 0s", "end 0s at 0s",
			"start 0s at 0s", "pacing 1s at 0s", "attempt 0s at 1s", "result 0s at 1s", "end 0s at 1s",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("observer saw (-want +got):\n%s", diff)
		}
	})
}
