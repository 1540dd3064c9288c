// Package zendesk is a client for the Sessions API of Zendesk Support: the
// log-in sessions of an account's agents and end users. It lists sessions
// with lazy pagers, shows, renews and deletes them, looks users up by
// email, retries what is safe to retry and returns typed errors.
//
//	zc, err := zendesk.NewClient("acme", zendesk.WithClientCredentials(id, secret)) // https://acme.zendesk.com
//	for s, err := range zc.Sessions.List(nil).All(ctx) { ... }
//	s, err := zc.Sessions.Get(ctx, userID, sessionID, zendesk.WithRetry(zendesk.RetryPolicy{MaxAttempts: 5}))
//	if errors.Is(err, zendesk.ErrNotFound) { ... }
//
// NewClient and every method take Options (see Option for which belong
// where); a method's apply to that call only. Credentials are one of
// WithClientCredentials (the client mints its own OAuth tokens), WithOAuth,
// WithOAuthToken, WithAPIToken (deactivated by Zendesk on 2027-04-30),
// WithBasicAuth (deprecated) or WithAuth; none is ever printed or quoted
// in an error. In tests, point the client at the in-memory server of
// package github.com/sessionkit/sessions/api/zendesktest with WithBaseURL
// and WithHTTPClient.
//
// List and ListByUser do no I/O: they return a *Pager that fetches pages
// with cursor pagination as you iterate (ListOptions.After resumes from a
// saved Page.NextCursor); ListByUser also offers offset pagination.
//
// The errors, Pager, Page, RetryPolicy, RateLimit and ResponseInfo are the
// types of package github.com/sessionkit/sessions/wrapper/sessionkit under
// the same names; go doc there shows every field, and RetryPolicy states
// the retry rules. Every error's message starts with "zendesk: ". A status
// >= 400 is an *APIError decoded from any of Zendesk's error bodies
// (classic, JSON:API, OAuth or text), with the X-Zendesk-Request-Id to
// quote to support and the rate-limit headers. A call ended by its
// caller's context returns an error matching that context's error and no
// SDK sentinel. Timestamps are read leniently; one that still cannot be
// read leaves the time zero and keeps the text (Session.RawLastSeenAt),
// and never fails the call.
//
// Zendesk limits each account to 200 to 2500 requests a minute, shared by
// every integration: WithRateLimit keeps a bulk job under a share of it,
// and WithAdaptiveRateLimit paces from the rate-limit headers, so that
// independent processes of one account share the budget.
//
// The types carry no JSON tags: they are the SDK's view of the API, not
// its wire shape, and round-trip exactly through encoding/json. Results
// are values (Session, a token); ids are int64 and times UTC time.Time.
package zendesk
