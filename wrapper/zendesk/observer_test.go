package zendesk_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// panickingObserver panics in the hook named by at, and nowhere else.
type panickingObserver struct{ at string }

func (o panickingObserver) StartOperation(ctx context.Context, _ sessionkit.Operation) (context.Context, sessionkit.OperationObserver) {
	o.hit("StartOperation")
	return ctx, o
}
func (o panickingObserver) AttemptStart(ctx context.Context, _ sessionkit.Attempt) context.Context {
	o.hit("AttemptStart")
	return ctx
}
func (o panickingObserver) AttemptEnd(sessionkit.AttemptResult) { o.hit("AttemptEnd") }
func (o panickingObserver) RetryWait(sessionkit.RetryEvent)     { o.hit("RetryWait") }
func (o panickingObserver) End(error)                           { o.hit("End") }

func (o panickingObserver) hit(hook string) {
	if hook == o.at {
		panic("observer bug in " + hook)
	}
}

// TestObserverPanicDoesNotBreakTheCall: an observer that panics in any hook
// — after the server carried out the DELETE, for AttemptEnd and End; in
// the wait before the retry that carries it out, for RetryWait — is
// reported once through the client's logger, and the call returns its own
// result: the session is gone and Delete says so with a nil error.
func TestObserverPanicDoesNotBreakTheCall(t *testing.T) {
	for _, hook := range []string{"StartOperation", "AttemptStart", "AttemptEnd", "RetryWait", "End"} {
		t.Run(hook, func(t *testing.T) {
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelError}))
			srv, zc := newZendesk(t, false, nil, zendesk.WithObserver(panickingObserver{at: hook}), zendesk.WithLogger(logger),
				zendesk.WithRetry(zendesk.RetryPolicy{InitialBackoff: time.Millisecond}))
			srv.InjectFault(zendesktest.OpDeleteSession, zendesktest.Fault{Status: 503, Times: 1}) // one retry, one RetryWait
			s, err := srv.AddSession(zendesktest.Session{UserID: endUserID})
			if err != nil {
				t.Fatal(err)
			}
			if err := zc.Sessions.Delete(context.Background(), s.UserID, s.ID); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			for _, left := range srv.Sessions() {
				if left.ID == s.ID {
					t.Fatalf("session %d is still on the server", s.ID)
				}
			}
			if n := strings.Count(logs.String(), "observer bug in "+hook); n != 1 {
				t.Errorf("the panic was logged %d times, want once; log:\n%s", n, logs.String())
			}
		})
	}
}
