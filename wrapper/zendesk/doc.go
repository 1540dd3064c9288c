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
// Every operation of the API is one method of Client.Sessions.
//
// # Options
//
// NewClient and every method take Options; a method's apply to that call
// only:
//
//	s, err := zc.Sessions.Get(ctx, userID, sessionID, zendesk.WithRetry(zendesk.RetryPolicy{MaxAttempts: 5}))
//
// Credentials, WithBaseURL, WithHTTPClient, WithRateLimit,
// WithAdaptiveRateLimit and WithInsecureHTTP configure the client only,
// and WithResponseInfo one call only: given elsewhere, each is an
// *InvalidArgumentError naming it, and nothing is sent. An option of
// package gameserver does not compile. Two credential options on one
// client are an error naming both.
//
// In tests, point the client at the in-memory server of package
// github.com/sessionkit/sessions/api/zendesktest with WithBaseURL and
// WithHTTPClient.
//
// # Authentication
//
// WithClientCredentials makes the client mint its own OAuth tokens with an
// OAuth client's id and secret (POST /oauth/tokens), replace each shortly
// before it expires and mint again when one is refused: the future-proof
// choice for unattended programs; a refused mint is a *CredentialsError.
// WithOAuth takes an oauth2.TokenSource of your own (a refresh token, say).
// WithOAuthToken sends a fixed access token.
// WithAPIToken authenticates with an agent's email and an API token, for
// the accounts that still have API tokens: accounts created on or after
// 2026-07-28 cannot create or use them, and every token is deactivated on
// 2027-04-30. WithBasicAuth (email and password) is deprecated: Zendesk
// switched off password authentication for API requests in January 2026.
// Credentials never appear in an error, a log line or the printed form of
// a client or option.
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
// ErrRepeatedCursor instead of looping forever, and a run of empty pages
// that each hand out a new cursor with one matching ErrEmptyPages.
//
// # Errors and the shared types
//
// The errors, the Pager and Page, RetryPolicy, RateLimit and ResponseInfo
// are the types of package github.com/sessionkit/sessions/wrapper/sessionkit
// under the same names; go doc there shows every field. Every error's
// message starts with "zendesk: ".
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
// A call that ends on connection failures (refused, reset, a body that
// broke off) is a *ConnectionError with the attempts, matching
// ErrConnection; a redirect to another origin than the base URL's is
// refused with a *RedirectError, so credentials never leave it. A success
// body that cannot be decoded is a *DecodeError. Timestamps are read
// leniently (RFC 3339, other ISO-8601 forms, no zone meaning UTC, a date
// alone); one that still cannot be read leaves the time zero and keeps the
// text in Session.RawAuthenticatedAt or RawLastSeenAt, and never fails the
// call. Bad arguments (an id <= 0, a page size
// outside 1–100, page[after] together with page[before]) fail before any
// request with an *InvalidArgumentError naming the argument, matching
// ErrInvalidArgument; for List and ListByUser the pager yields it on the
// first iteration. Context errors are passed through.
//
// A call ended by its caller's context — before sending, mid-flight or in
// a wait between attempts (a Retry-After included) — returns an error
// matching that context's error (context.Canceled or
// context.DeadlineExceeded) and none of the SDK's sentinels: not
// ErrConnection, not ErrRateLimited, whatever the attempt in flight was
// doing; the last attempt's *APIError or *ConnectionError is still
// reachable with errors.As and shown in the message. A wait the client's
// own rate limiting would make past the context's deadline is not started:
// the call fails at once with a *PacingError
// saying how long it would have waited, matching ErrRateLimited and
// context.DeadlineExceeded.
//
// # Retries and rate limits
//
// Failed calls are retried by default, 3 attempts with jittered exponential
// backoff; WithRetry and WithoutRetries change this. The rules — which
// failures, which operations, Retry-After — are written once, on
// RetryPolicy (sessionkit.RetryPolicy). Zendesk sends a Retry-After with a
// 429, and with a 503 for a database timeout.
//
// Zendesk limits each account to a number of requests a minute (200 to
// 2500 depending on the plan), shared by every integration. Every Page and
// every *APIError carries the X-Rate-Limit and X-Rate-Limit-Remaining
// headers (and ratelimit-* where sent) as numbers in a RateLimit, and
// WithResponseInfo gives them for a single call. For a bulk job,
// WithRateLimit spaces the client's requests so that it stays under a
// budget instead of bouncing off 429s; WithAdaptiveRateLimit paces from the
// headers themselves, so that independent processes of one account share
// its budget without a coordinator.
//
// # Vocabulary
//
// Both clients of this module follow the same rules. Results are values
// when they are small records that a successful call always has
// (zendesk.Session, a token) and pointers when they carry optional nested
// parts or can come back next to an error (gameserver.Session with its
// Deployment, gameserver.CreatedSession, which Create returns even when
// the wait for readiness fails). Times are time.Time in UTC, ids are int64
// on Zendesk and strings on the game server, as the APIs define them.
// Listings return a Pager; "ready" is a bool on a session and "Ready" a
// session when a call waited for it.
//
// The types carry no JSON tags: they are the SDK's view of the API, not its
// wire shape. Each answer is decoded into unexported wire types that mirror
// the specification and converted, in one place, into these types, so that
// a change on the wire never changes them. encoding/json writes them under
// their Go field names, and reading that back gives an equal value, times
// included: a Session can be stored as JSON and restored exactly.
package zendesk
