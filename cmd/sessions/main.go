// Command sessions lists, inspects and revokes Zendesk Support log-in
// sessions and Edgegap game-server sessions from the shell, and with
// "sessions demo" shows every operation of both APIs against in-memory
// servers, without credentials or network.
//
// Usage:
//
//	sessions demo
//	sessions zendesk list [--user ID] [--idle 720h] [--json]
//	sessions zendesk delete-all USER... | -
//	sessions gameserver create --app NAME --ip IP [--wait]
//	sessions gameserver bulk-stop --field session_id --type any ID...
//
// Credentials come from ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and
// ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN) and EDGEGAP_API_TOKEN, or from
// flags; --base-url points a command anywhere and --demo runs it against the
// in-memory servers. Bulk commands (delete-all, bulk-stop) run with
// --concurrency workers, pace themselves by the API's rate-limit headers and
// Retry-After, show progress on a terminal, accept --dry-run and stop cleanly
// on Ctrl-C, reporting what was done.
//
// Output is an aligned table, or with --json one JSON object per line.
// Exit codes: 0 success, 1 an API or network error, 2 a usage error (nothing
// was sent), 3 a bulk command where some items failed or were not started.
// Every command has --help; "sessions completion" writes shell completion.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first interrupt, a second one kills the process at once.
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
