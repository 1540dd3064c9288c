// Command sessions lists, inspects and revokes Zendesk Support log-in
// sessions and manages Edgegap game-server sessions from the shell; "sessions
// demo" shows every operation of both APIs against in-memory servers, "sessions
// mock" serves stateful fakes of both for any language's tests, and "sessions
// proxy" checks the real services against the specs.
//
// Credentials come from the environment, a file or stdin, never from a flag
// value. Bulk commands (delete -, delete-all, bulk-stop) run --concurrency
// workers paced by the API's rate-limit headers, show progress on a terminal,
// accept --dry-run, and stop cleanly on Ctrl-C, reporting what was done and
// what is unconfirmed. Output is an aligned table, JSON lines (--json) or CSV
// (--csv); exit codes are 0 ok, 1 API or network error, 2 usage error, 3 a
// bulk job in part, 130 interrupted. "sessions --help" says the rest.
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
	// reports; a later one quits at once. Not left to the default action,
	// which a program started with SIGINT ignored (a script's background job) lacks.
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
// the first later one that comes oneCtrlC or more after the one before it.
func watchSignals(sigs <-chan os.Signal, interrupt func(os.Signal), quit func()) {
	interrupt(<-sigs)
	last := time.Now()
	for range sigs {
		if now := time.Now(); now.Sub(last) < oneCtrlC {
			last = now
			continue
		}
		quit()
		return
	}
}

// interruptError is the cause of a command's context ended by a signal. It
// matches context.Canceled, as a cancelled context's error does.
type interruptError struct{ sig os.Signal }

func (e *interruptError) Error() string { return "interrupted by " + e.sig.String() }
func (e *interruptError) Unwrap() error { return context.Canceled }
