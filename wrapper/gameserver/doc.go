// Package gameserver is a client of the game-server Sessions API (Edgegap
// v1): matchmaking sessions that put players, known by their public IPs, on
// game-server deployments.
//
// # Quick start
//
//	gc, err := gameserver.NewClient(gameserver.WithAPIToken(os.Getenv("EDGEGAP_API_TOKEN")))
//	if err != nil { ... }
//	created, err := gc.Sessions.Create(ctx, &gameserver.CreateRequest{
//		AppName: "my-game",
//		IPList:  []string{"162.254.103.13", "198.12.116.39"},
//	}, gameserver.WithWaitReady())
//	if err != nil { ... }
//	fmt.Println(created.Ready.Deployment.FQDN)
//
// Every operation of the API is one method of Client.Sessions: Create, Get,
// Delete (and DeleteIfExists), List, Users, AddUsers, RemoveUsers and
// BulkStop; WaitReady goes beyond the API.
//
// # Authentication
//
// WithAPIToken sends the API key as "authorization: token <key>"; the key
// may be given with or without its "token " prefix. The key never appears in
// an error, a log line or a printed client or option. The base URL is
// https://api.edgegap.com unless WithBaseURL says otherwise (a
// gameservertest server in tests); http:// is refused for hosts that are not
// loopback unless WithInsecureHTTP is given.
//
// # Creating a session and waiting for it
//
// A new session is not ready: the API first finds it a deployment. WaitReady
// polls get-session, with a growing interval (WithPollInterval), until the
// session's Ready is true, and returns it. It stops with a *WaitError when
// the session reports an error (ErrSessionFailed), when it is deleted
// (ErrNotFound, ErrGone), or when the context ends
// (context.DeadlineExceeded): give it a context with a deadline. A poll that
// fails transiently (a connection error, 408, 429, 5xx) only counts as "not
// ready yet"; WithPollProgress reports each poll. Create with
// WithWaitReady does both in one call. Status and Kind are free strings (the
// API spells the same state "Ready" and "Status.READY"); the Status and Kind
// constants name the known values, but readiness is decided by Ready and
// Error.
//
// # Webhooks
//
// The API POSTs a session to its WebhookURL when it is linked or fails.
// WebhookHandler is a typed receiver for those POSTs (both body shapes,
// size-limited, optionally behind an unguessable token: WithWebhookToken);
// DecodeSessionEvent decodes a body received elsewhere. A ReadyNotifier fed
// by the handler (WithWebhookNotifier) and given to the waits
// (WithReadyNotifier, for the client or one Create or WaitReady) ends a
// wait within milliseconds of the webhook; polling stays the fallback.
// Webhooks are not authenticated, so each costs a bounded amount: the
// notifier keeps a few short fields per session, a flood of events brings
// a wait's polls forward only a few times, and every value holding a
// webhook URL prints without its token. Serve the handler from an
// http.Server with read timeouts (see the WebhookHandler examples).
//
// # Pagination
//
// List does no I/O; it returns a *Pager that fetches pages as you iterate,
// following the API's page and limit parameters until pagination says there
// is no next page:
//
//	for s, err := range gc.Sessions.List(&gameserver.ListOptions{Limit: 100}).All(ctx) {
//		if err != nil { ... }
//		fmt.Println(s.ID, s.Status)
//	}
//
// Pages yields whole pages, with the cursor (the decimal page number) to
// resume from later, the total count and the rate-limit headers; Collect
// gathers everything.
//
// # Errors and the shared types
//
// The errors, the Pager and Page, RetryPolicy, RateLimit and ResponseInfo
// are the types of package github.com/sessionkit/sessions/wrapper/sessionkit
// under the same names; go doc there shows every field. Every error's
// message starts with "gameserver: ". A call that ends on connection
// failures is a *ConnectionError (ErrConnection) with the attempts; a
// redirect to another origin than the base URL's is refused with a
// *RedirectError, so the API key never leaves it.
//
// An answer with status >= 400 is an *APIError carrying the status, the
// API's message and the request id; errors.Is matches it to ErrNotFound,
// ErrGone, ErrUnauthorized, ErrRateLimited and the other sentinels. Delete
// reports a session that is gone as ErrNotFound (404) and one whose instance
// is already terminated as ErrGone (410); DeleteIfExists treats both as
// done. Bad arguments (an empty session id, an IP list holding something
// that is not an IP) fail before any request with an *InvalidArgumentError
// naming the argument (ErrInvalidArgument). Context errors are wrapped, so
// errors.Is(err, context.DeadlineExceeded) works.
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
// # Retries
//
// Failed calls are retried by default, 3 attempts with jittered exponential
// backoff; WithRetry and WithoutRetries change this. The rules — which
// failures, which operations, Retry-After — are written once, on
// RetryPolicy (sessionkit.RetryPolicy).
//
// # Options
//
// NewClient and every method take Options; a method's apply to that call
// only:
//
//	s, err := gc.Sessions.Get(ctx, id, gameserver.WithoutRetries())
//
// WithAPIToken, WithBaseURL, WithHTTPClient, WithRateLimit and
// WithInsecureHTTP configure the client only; WithWaitReady and
// WithRetryNonIdempotent one Create only; WithPollInterval and
// WithReadyNotifier the client's default way of waiting, or that of a
// Create or a WaitReady. Given elsewhere, an option is an
// *InvalidArgumentError naming it, and nothing is sent; an option of
// package zendesk does not compile.
//
// The two clients of this module share one vocabulary; package zendesk's
// documentation states its rules (values and pointers, times, ids, and
// JSON: the types carry no JSON tags, and a Session written with
// encoding/json reads back equal, times included).
package gameserver
