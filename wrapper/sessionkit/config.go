package sessionkit

import (
	"context"
	"net/http"
	"time"
)

// Doer sends an HTTP request: *http.Client is one, and so is any
// transport of your own (a recorder, a proxy, a test double), for a
// client's WithHTTPClient.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// DoerFunc adapts a function to a Doer, as http.HandlerFunc does for
// handlers.
type DoerFunc func(req *http.Request) (*http.Response, error)

// Do calls f(req).
func (f DoerFunc) Do(req *http.Request) (*http.Response, error) { return f(req) }

// Authenticator sets a request's credentials, for a client's WithAuth (a
// session cookie, a signing scheme). It is called right before each
// attempt, only for requests to the base URL's origin; its error ends the
// call and is not retried.
type Authenticator interface {
	Authenticate(ctx context.Context, req *http.Request) error
}

// Adaptive configures adaptive pacing: the client spaces its requests so
// that the budget the rate-limit headers of every response leave lasts
// until the window resets. The zero value is fine.
type Adaptive struct {
	// MinInterval is the least time between two requests (the cap on the
	// rate); 0 means none.
	MinInterval time.Duration
	// MaxInterval is the most time between two requests while budget
	// remains (the floor on the rate); 0 means the window itself.
	MaxInterval time.Duration
	// Window is the rate-limit window: how long the pacer waits for the
	// budget to come back when the server does not say when it resets, and
	// the longest it believes a reset it does say; 0 means a minute. A
	// response without a remaining budget leaves the pace as it was.
	Window time.Duration
	// Reserve is the part of the budget kept for others: when no more than
	// this remains, the pacer waits for the window to reset; 0 means 2 % of
	// the limit, at least 4.
	Reserve int
}
