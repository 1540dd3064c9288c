package zendesktest

import (
	"github.com/sessionkit/sessions/api/internal/fakeapi"

	"fmt"
	"net/http"
	"strconv"
	"time"
)

// defaultRateLimit is the per-minute limit a server without WithRateLimit
// reports (and does not enforce): a Professional plan's.
const defaultRateLimit = 700

// WithRateLimit makes the server enforce a budget of perMinute requests a
// minute for the account, as Zendesk does: the minutes are those of the
// server's clock (see WithClock), every authenticated request counts, and
// once the minute's budget is spent the server answers 429 TooManyRequests
// with Retry-After set to the whole seconds left until the minute ends.
// Every response then reports the budget the way the live API does:
// X-Rate-Limit and X-Rate-Limit-Remaining, plus ratelimit-limit,
// ratelimit-remaining and ratelimit-reset (seconds to the reset).
//
// Without it the server reports a limit of 700 in X-Rate-Limit and
// X-Rate-Limit-Remaining but refuses nothing. A perMinute below 1 makes
// NewServer and Start fail.
func WithRateLimit(perMinute int) Option {
	return func(c *config) {
		c.rateLimit = perMinute
		c.rateLimitSet = true
	}
}

// budget counts the account's requests in fixed one-minute windows of the
// server's clock.
type budget struct {
	limit   int
	enforce bool

	// the store's lock guards these (budget's methods run under it).
	window time.Time // start of the current minute
	used   int       // requests admitted in it
}

// newBudget returns the budget a configuration asks for.
func newBudget(c *config) (*budget, error) {
	if !c.rateLimitSet {
		return &budget{limit: defaultRateLimit}, nil
	}
	if c.rateLimit < 1 {
		return nil, fmt.Errorf("zendesktest: WithRateLimit(%d): the limit must be at least 1 request a minute", c.rateLimit)
	}
	return &budget{limit: c.rateLimit, enforce: true}, nil
}

// roll starts a new window when now is past the current one (or before it,
// should the clock go back).
func (b *budget) roll(now time.Time) {
	if now.Before(b.window) || now.Sub(b.window) >= time.Minute {
		b.window, b.used = now.Truncate(time.Minute), 0
	}
}

// untilReset is the time left in the current window.
func (b *budget) untilReset(now time.Time) time.Duration {
	return b.window.Add(time.Minute).Sub(now)
}

// admit counts a request at now. With an enforced budget that is spent,
// it counts nothing and returns the 429 to answer instead.
func (b *budget) admit(now time.Time) *fakeapi.Reply {
	b.roll(now)
	if b.enforce && b.used >= b.limit {
		reply := problem(http.StatusTooManyRequests, "", "")
		reply.Header = http.Header{"Retry-After": {strconv.Itoa(ceilSeconds(b.untilReset(now)))}}
		return reply
	}
	b.used++
	return nil
}

// report sets the rate-limit headers of a response sent at now.
func (b *budget) report(h http.Header, now time.Time) {
	b.roll(now)
	remaining := max(0, b.limit-b.used)
	reset := ceilSeconds(b.untilReset(now))
	h.Set("X-Rate-Limit", strconv.Itoa(b.limit))
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
	if b.enforce {
		h.Set("Ratelimit-Limit", strconv.Itoa(b.limit))
		h.Set("Ratelimit-Remaining", strconv.Itoa(remaining))
		h.Set("Ratelimit-Reset", strconv.Itoa(reset))
	}
}

// ceilSeconds rounds d up to whole seconds, at least 1.
func ceilSeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}
