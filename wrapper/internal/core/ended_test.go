package core

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestCancelledCallHasOneShape: a call its caller cancels — before
// sending, mid-flight (real loopback: the server holds the answer), or in
// a Retry-After wait — returns an error matching context.Canceled and
// neither ErrConnection nor ErrRateLimited; the last *APIError of a
// Retry-After wait stays reachable with errors.As.
func TestCancelledCallHasOneShape(t *testing.T) {
	check := func(t *testing.T, err error) {
		t.Helper()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("errors.Is(err, context.Canceled) = false for %v", err)
		}
		if errors.Is(err, sessionkit.ErrConnection) || errors.Is(err, sessionkit.ErrRateLimited) || errors.Is(err, sessionkit.ErrServer) {
			t.Errorf("err = %v matches an SDK sentinel", err)
		}
	}
	t.Run("before", func(t *testing.T) {
		d := &okDoer{}
		e := testEngine(t, d)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		check(t, get(t, e, ctx))
		if d.requests() != 0 {
			t.Errorf("%d requests sent", d.requests())
		}
	})
	t.Run("during", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			cancel() // the caller gives up while the request is in flight
			<-r.Context().Done()
		}))
		defer srv.Close()
		e := newTestEngine(t, srv.URL)
		req, _ := http.NewRequest("GET", e.BaseURL()+"/x", nil)
		err := call(t, e, ctx, opFor("GET"), req, nil)
		check(t, err)
		if _, ok := errors.AsType[*sessionkit.ConnectionError](err); !ok {
			t.Errorf("err = %v, want the attempt's *ConnectionError reachable with errors.As", err)
		}
	})
	t.Run("in a Retry-After wait", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rec := &recorder{handle: always(429, http.Header{"Retry-After": {"5"}}, `{"error":"slow down"}`)}
			e := testEngine(t, rec, Retry(exactPolicy()))
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			time.AfterFunc(time.Second, cancel)
			err := get(t, e, ctx)
			check(t, err)
			if ae, ok := errors.AsType[*sessionkit.APIError](err); !ok || ae.StatusCode != 429 {
				t.Errorf("err = %v, want the last *APIError (429) reachable with errors.As", err)
			}
		})
	})
}
