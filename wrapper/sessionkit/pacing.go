package sessionkit

import (
	"context"
	"fmt"
	"time"
)

// PacingError reports a call not sent because the client's own rate
// limiting (WithRateLimit, or adaptive pacing) would have made it wait
// past its context's deadline: the call fails at once, and a caller with a
// later deadline can try again. It matches ErrRateLimited and
// context.DeadlineExceeded.
type PacingError struct {
	API string // "zendesk" or "gameserver"
	// Wait is how long the call would have waited before being sent.
	Wait time.Duration
}

// Error says how long the call would have waited.
func (e *PacingError) Error() string {
	if e == nil {
		return "sessionkit: rate limited"
	}
	return fmt.Sprintf("%srate limited: the next request may go in %s, after the context's deadline", prefix(e.API), e.Wait.Round(time.Millisecond))
}

// Is matches ErrRateLimited and context.DeadlineExceeded.
func (e *PacingError) Is(target error) bool {
	return target == ErrRateLimited || target == context.DeadlineExceeded
}
