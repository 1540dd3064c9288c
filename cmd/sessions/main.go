// Command sessions lists, inspects and revokes Zendesk Support log-in
// sessions and Edgegap game-server sessions from the shell, and with
// "sessions demo" shows every operation of both APIs against in-memory
// servers, without credentials or network.
//
// Usage:
//
//	sessions demo
//	sessions zendesk list [--user ID] [--idle 720h] [--json]
//	sessions zendesk delete USER SESSION | -
//	sessions zendesk delete-all USER... | -
//	sessions gameserver create --app NAME --ip IP [--wait]
//	sessions gameserver bulk-stop --field session_id --type any ID...
//	sessions mock
//
// Credentials come from ZENDESK_SUBDOMAIN with ZENDESK_CLIENT_ID and
// ZENDESK_CLIENT_SECRET (an OAuth client: one token minted per command), or
// ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL and ZENDESK_API_TOKEN, and from
// EDGEGAP_API_TOKEN, or from a file (--client-secret-file,
// --oauth-token-file, --api-token-file, --token-file; "-" reads stdin),
// never from a flag value; --base-url points a command anywhere and
// --demo runs it against in-memory servers. Bulk commands (delete -,
// delete-all, bulk-stop) run with --concurrency workers, pace themselves by
// the API's rate-limit headers and Retry-After, never wait longer than
// --max-wait, show progress on a terminal, accept --dry-run and stop
// cleanly on Ctrl-C, reporting what was done and what is unconfirmed; a
// second Ctrl-C (250 ms or more after the first) quits at once.
//
// Output is an aligned table, or with --json one JSON object per line.
// Exit codes: 0 success, 1 an API or network error, 2 a usage error (nothing
// was sent), 3 a bulk command where some items failed or were not started,
// 130 interrupted. Every command has --help; "sessions completion" writes
// shell completion.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	// The first interrupt ends ctx: the command stops starting work and
	// reports. A later one quits at once. Both are handled here rather
	// than left to the signal's default action, which a program started
	// with SIGINT ignored (a background job of a script) would not get back.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go watchSignals(sigs, func(sig os.Signal) { cancel(&interruptError{sig: sig}) }, func() {
		fmt.Fprintln(os.Stderr, "sessions: interrupted again: quitting at once; requests in flight may or may not have been carried out")
		os.Exit(exitSignal)
	})
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// oneCtrlC is how close signals must follow each other to count as one
// Ctrl-C: a terminal, or "timeout -s INT", delivers SIGINT to the whole
// process group, so one keypress may arrive twice.
const oneCtrlC = 250 * time.Millisecond

// watchSignals calls interrupt with the first signal on sigs, and quit on
// the first later one that comes oneCtrlC or more after the one before it;
// those closer together count as the same Ctrl-C.
func watchSignals(sigs <-chan os.Signal, interrupt func(os.Signal), quit func()) {
	interrupt(<-sigs)
	last := time.Now()
	for range sigs {
		now := time.Now()
		if now.Sub(last) >= oneCtrlC {
			quit()
			return
		}
		last = now
	}
}

// interruptError is the cause of a command's context ended by a signal.
type interruptError struct{ sig os.Signal }

func (e *interruptError) Error() string { return "interrupted by " + e.sig.String() }

// Unwrap makes the cause match context.Canceled, as a cancelled context's
// error does.
func (e *interruptError) Unwrap() error { return context.Canceled }
