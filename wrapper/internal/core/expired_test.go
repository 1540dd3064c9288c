package core

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

// TestExpiredContextIsNotSent: a call whose context has already ended
// returns the context's error and sends nothing, whatever the Doer does
// with contexts.
func TestExpiredContextIsNotSent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{handle: always(200, nil, "{}")}
		e := testEngine(t, rec)
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		time.Sleep(2 * time.Second)
		err := call(t, e, ctx, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
		if !errors.Is(err, context.DeadlineExceeded) || rec.calls() != 0 {
			t.Fatalf("err = %v calls = %d, want DeadlineExceeded and nothing sent", err, rec.calls())
		}
	})
}
