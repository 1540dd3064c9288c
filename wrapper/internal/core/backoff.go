package core

import (
	"context"
	"time"
)

// Sleep waits for d or until ctx is done, whichever comes first, with a
// timer (never time.Sleep); it returns ctx.Err() when ctx ended the wait.
// Wrappers use it between polls (WaitReady).
func Sleep(ctx context.Context, d time.Duration) error {
	if ctx == nil {
		return invalid("ctx", nil, "must not be nil")
	}
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
