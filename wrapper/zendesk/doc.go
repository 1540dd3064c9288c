// Package zendesk is a client for the Sessions API of Zendesk Support: the
// log-in sessions of an account's agents and end users. It lists sessions
// with lazy, memory-bounded pagers, shows, renews and deletes them, retries
// what is safe to retry, honours Zendesk's rate limits and returns typed
// errors.
//
// # Quick start
//
//	zc, err := zendesk.NewClient("acme", zendesk.WithOAuth(tokenSource)) // https://acme.zendesk.com
//	if err != nil { ... }
//	for s, err := range zc.Sessions.List(nil).All(ctx) {
//		if err != nil { ... }
//		fmt.Println(s.ID, s.UserID, s.LastSeenAt)
//	}
//	s, err := zc.Sessions.Get(ctx, userID, sessionID)
//	err = zc.Sessions.Delete(ctx, userID, sessionID)
//
// Every operation of the API is one method of Client.Sessions; the options
// given to NewClient apply to every call, and the same options given to a
// method apply to that call only:
//
//	s, err := zc.Sessions.Get(ctx, userID, sessionID, zendesk.WithRetry(zendesk.RetryPolicy{MaxAttempts: 5}))
//
// In tests, point the client at the in-memory server of package
// github.com/sessionkit/sessions/api/zendesktest with WithBaseURL and
// WithHTTPClient.
//
// # Authentication
//
// WithOAuth takes an oauth2.TokenSource; a refreshing source (client
// credentials, a refresh token) keeps long-running programs authenticated
// and is the future-proof choice. WithOAuthToken sends a fixed access token.
// WithAPIToken authenticates with an agent's email and an API token, and
// WithBasicAuth with an email and password (legacy; refused under SSO and
// two-factor authentication). Zendesk is retiring API tokens: new tokens
// cannot be created from 2026-10-27, and all are deactivated on 2027-04-30;
// move to OAuth before then. Credentials never appear in an error, a log
// line or the printed form of a client or option.
//
// # Pagination
//
// List and ListByUser do no I/O: they return a *Pager that fetches pages as
// you iterate, one page in memory at a time. All yields sessions, Pages
// yields pages with their cursors and rate-limit headers, Collect gathers
// everything. Breaking out of a loop stops fetching. Cursor pagination is
// used (page[size], 100 by default, then page[after] while meta.has_more is
// true); ListOptions.After resumes a crawl from a saved Page.NextCursor, and
// ListOptions.Before walks backwards. ListByUser also offers Zendesk's
// offset pagination (ListOptions.Offset), which Zendesk caps at 100 pages.
// A cursor the API repeats ends the iteration with an error matching
// ErrRepeatedCursor instead of looping forever.
//
// # Errors
//
// A response with status >= 400 is an *APIError with the status, the code
// and message of any of Zendesk's error bodies (classic, JSON:API, OAuth or
// plain text), the X-Zendesk-Request-Id to quote to support, Retry-After and
// the rate-limit headers. errors.Is matches it against ErrNotFound,
// ErrUnauthorized, ErrRateLimited and the other sentinels:
//
//	if errors.Is(err, zendesk.ErrNotFound) { ... }
//	if e, ok := errors.AsType[*zendesk.APIError](err); ok { log.Print(e.RequestID) }
//
// A success body that cannot be decoded, including a timestamp that is not
// ISO-8601, is a *DecodeError. Bad arguments (an id <= 0, a page size
// outside 1–100, page[after] together with page[before]) fail before any
// request with an *InvalidArgumentError naming the argument, matching
// ErrInvalidArgument; for List and ListByUser the pager yields it on the
// first iteration. Context errors are passed through.
//
// # Retries and rate limits
//
// Every operation is a GET or a DELETE and safe to repeat, so failed calls
// are retried by default: 3 attempts with jittered exponential backoff, on
// connection errors and statuses 408, 429, 500, 502, 503 and 504 (see
// RetryPolicy, WithRetry, WithoutRetries). A Retry-After header (429, or 503
// for a database timeout) is a floor for the wait; one longer than the
// policy's MaxBackoff or the context's deadline is not slept, and the error
// carries it in APIError.RetryAfter instead.
//
// Zendesk limits each account to a number of requests a minute (200 to
// 2500 depending on the plan), shared by every integration. Every Page and
// every *APIError carries the X-Rate-Limit and X-Rate-Limit-Remaining
// headers (and ratelimit-* where sent) as numbers in a RateLimit. For a bulk
// job, WithRateLimit spaces the client's requests so that it stays under a
// budget instead of bouncing off 429s.
package zendesk
