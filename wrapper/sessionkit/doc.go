// Package sessionkit holds the public types that both of sessionkit's API
// clients share: the errors a call can return, the pager that lists
// collections lazily, the retry policy, the rate-limit state of a response
// and the metadata of a successful call.
//
// Users rarely import it: package zendesk and package gameserver re-export
// every type under the same name (zendesk.APIError is sessionkit.APIError),
// so code written against one client reads the same against the other. It
// exists so that go doc and pkg.go.dev show every field and method of those
// types in one place:
//
//	go doc github.com/sessionkit/sessions/wrapper/sessionkit APIError
//	go doc github.com/sessionkit/sessions/wrapper/sessionkit Pager.All
//
// Every error names the API it came from ("zendesk: …", "gameserver: …"),
// is used as a pointer, and matches the package's sentinels with errors.Is:
// an *APIError matches ErrNotFound, ErrRateLimited and so on by status, a
// *ConnectionError matches ErrConnection, an *InvalidArgumentError matches
// ErrInvalidArgument. errors.AsType gives the fields:
//
//	if e, ok := errors.AsType[*sessionkit.APIError](err); ok {
//		log.Print(e.StatusCode, e.Code, e.RequestID, e.RetryAfter, e.Attempts)
//	}
//
// Nothing here does I/O on its own: the clients build these values, and
// NewPager lets tests build a Pager over their own pages.
package sessionkit

// prefix is what an error's message starts with: its API's name, or
// "sessionkit" when none was set.
func prefix(api string) string {
	if api == "" {
		return "sessionkit: "
	}
	return api + ": "
}
