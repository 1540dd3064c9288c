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
// Every operation of the API is one method of Client.Sessions. NewClient
// and every method take Options, a method's for that call only.
//
// A new session is not ready: the API first finds it a deployment.
// WaitReady polls get-session until the session is ready or failed (Create
// with WithWaitReady does both). The API also POSTs a session to its
// WebhookURL when it is linked or fails: WebhookHandler receives those
// POSTs, and a ReadyNotifier fed by it ends a wait within milliseconds;
// polling stays the fallback. Webhooks are not authenticated, so each costs
// a bounded amount, and every value holding a webhook URL prints without
// its token. Status and Kind are free strings (the API spells one state
// "Ready" and "Status.READY"): readiness is decided by Ready and Error.
//
// List does no I/O; it returns a *Pager that fetches pages as you iterate
// (a page's cursor is the decimal page number):
//
//	for s, err := range gc.Sessions.List(&gameserver.ListOptions{Limit: 100}).All(ctx) {
//		if err != nil { ... }
//		fmt.Println(s.ID, s.Status)
//	}
//
// The errors, Pager, Page, RetryPolicy, RateLimit and ResponseInfo are the
// types of package sessionkit under the same names; go doc there shows
// every field, how errors match the sentinels and the caller's context
// error, and (on RetryPolicy) the retry rules. Every message starts with
// "gameserver: "; bad arguments fail before any request with an
// *InvalidArgumentError naming the argument. The two clients share one
// vocabulary, stated in package zendesk's documentation: the types carry no
// JSON tags, and a Session written with encoding/json reads back equal.
package gameserver
