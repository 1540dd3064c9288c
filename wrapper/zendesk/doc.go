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
// NewClient and every method take Options (see Option). Credentials are
// one of WithClientCredentials (the client mints its own OAuth tokens),
// WithOAuth, WithOAuthToken, WithAPIToken (deactivated by Zendesk on
// 2027-04-30), WithBasicAuth (deprecated) or WithAuth; none is ever
// printed or quoted in an error. In tests, point the client at package
// github.com/sessionkit/sessions/api/zendesktest's server with WithBaseURL
// and WithHTTPClient.
//
// The errors, Pager, Page, RetryPolicy, RateLimit and ResponseInfo are the
// types of package github.com/sessionkit/sessions/wrapper/sessionkit under
// the same names; go doc there shows every field, and RetryPolicy states
// the retry rules. Every error's message starts with "zendesk: "; a call
// ended by its caller's context returns an error matching that context's
// error and no SDK sentinel. A timestamp that cannot be read leaves the
// time zero and keeps the text (Session.RawLastSeenAt) instead of failing
// the call.
//
// The types carry no JSON tags: they are the SDK's view of the API, not
// its wire shape, and round-trip exactly through encoding/json.
package zendesk
