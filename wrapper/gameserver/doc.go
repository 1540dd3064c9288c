// Package gameserver is a client of the game-server Sessions API (Edgegap
// v1): matchmaking sessions that put players, known by their public IPs, on
// game-server deployments.
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
// BulkStop. WithAPIToken sends the key as "authorization: token <key>"; the
// key never appears in an error, a log line or a printed value. The base
// URL is DefaultBaseURL unless WithBaseURL says otherwise.
//
// # Waiting and webhooks
//
// A new session is not ready: the API first finds it a deployment.
// WaitReady polls get-session until the session is ready or failed (Create
// with WithWaitReady does both); give it a context with a deadline. The
// API POSTs a session to its WebhookURL when it is linked or fails:
// WebhookHandler receives those POSTs (DecodeSessionEvent decodes one
// received elsewhere), and a ReadyNotifier fed by it ends a wait given
// WithReadyNotifier within milliseconds; polling stays the fallback.
// Webhooks are not authenticated, so each costs a bounded amount, and every
// value holding a webhook URL prints without its token. Status and Kind are
// free strings (the API spells one state "Ready" and "Status.READY"):
// readiness is decided by Ready and Error.
//
// # Pagination
//
// List does no I/O; it returns a *Pager that fetches pages as you iterate:
//
//	for s, err := range gc.Sessions.List(&gameserver.ListOptions{Limit: 100}).All(ctx) {
//		if err != nil { ... }
//		fmt.Println(s.ID, s.Status)
//	}
//
// Pages yields whole pages, with the cursor (the decimal page number) to
// resume from, the total count and the rate-limit headers; Collect gathers
// everything.
//
// # Errors, retries and options
//
// The errors, Pager, Page, RetryPolicy, RateLimit and ResponseInfo are the
// types of package sessionkit under the same names; go doc there shows
// every field, and how errors match the sentinels and the caller's context
// error. Every message starts with "gameserver: ". Delete reports a session
// that is gone as ErrNotFound (404) and one already terminated as ErrGone
// (410); DeleteIfExists treats both as done. Bad arguments fail before any
// request with an *InvalidArgumentError naming the argument.
//
// Failed calls are retried by default; the rules are written once, on
// RetryPolicy. NewClient and every method take Options, a method's for
// that call only:
//
//	s, err := gc.Sessions.Get(ctx, id, gameserver.WithoutRetries())
//
// An option given where it has no meaning is an *InvalidArgumentError
// naming it (see Option); an option of package zendesk does not compile.
// The two clients share one vocabulary, stated in package zendesk's
// documentation: the types carry no JSON tags, and a Session written with
// encoding/json reads back equal, times included.
package gameserver
