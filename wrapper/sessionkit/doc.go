// Package sessionkit holds the public types that both of sessionkit's API
// clients share: the errors a call can return, the pager that lists
// collections lazily, the retry policy (whose doc states the retry rules),
// the rate-limit state of a response and the metadata of a successful call.
//
// Users rarely import it: package zendesk and package gameserver re-export
// every type under the same name (zendesk.APIError is sessionkit.APIError).
// It exists so that go doc shows every field and method in one place:
//
//	go doc github.com/sessionkit/sessions/wrapper/sessionkit APIError
//
// Every error names the API it came from ("zendesk: …", "gameserver: …"),
// is used as a pointer, and matches this package's sentinels with
// errors.Is; errors.AsType gives the fields. Nothing here does I/O: the
// clients build these values, and NewPager lets tests build a Pager over
// pages of their own.
package sessionkit
