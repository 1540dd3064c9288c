package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// Exit codes of the command.
const (
	exitOK      = 0   // success
	exitAPI     = 1   // an API or network error
	exitUsage   = 2   // bad command line or missing credentials; nothing was sent
	exitPartial = 3   // a bulk command where some items failed or were not started
	exitSignal  = 130 // interrupted (Ctrl-C), as shells report SIGINT
)

// app is one run of the command: its streams, its environment and the
// global flags. Tests build one with in-process servers' HTTP clients.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	terminal       bool // stderr is a terminal: bulk commands and waits draw a progress line there
	// zendeskHTTP and gameserverHTTP, when set, send the clients' requests
	// (tests use the in-process servers' clients).
	zendeskHTTP, gameserverHTTP *http.Client
	pollInterval                time.Duration // when set, the first poll interval of waits
	grace                       time.Duration // how long requests in flight may finish after an interrupt
	stdinUsed                   bool          // something (ids, a secret) has read stdin

	// Global flags, and --csv of the listing commands.
	json, csv, verbose, demo bool
	baseURL                  string
	requestTimeout           time.Duration

	cleanup []func()
}

// run runs the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: time.Now}
	if f, ok := stderr.(*os.File); ok {
		fi, err := f.Stat()
		a.terminal = err == nil && fi.Mode()&os.ModeCharDevice != 0
	}
	return a.run(ctx, args)
}

func (a *app) run(ctx context.Context, args []string) int {
	defer func() {
		for i := len(a.cleanup) - 1; i >= 0; i-- {
			a.cleanup[i]()
		}
	}()
	// Workers, progress lines and interrupt notices share stderr.
	a.stderr = &lockedWriter{w: a.stderr}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	if a.grace == 0 {
		a.grace = defaultGrace
	}
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if e, ok := errors.AsType[*exitError](err); ok {
		if e.msg != "" {
			fmt.Fprintf(a.stderr, "sessions: %s\n", e.msg)
		}
		if e.code == exitAPI && a.baseURL != "" && wrongServer(e.cause) {
			fmt.Fprintf(a.stderr, "sessions: hint: requests went to --base-url %s: is that the API's base URL?\n", a.baseURL)
		}
		if ctx.Err() != nil && e.code != exitUsage {
			return exitSignal
		}
		return e.code
	}
	path := "sessions" // anything else comes from parsing the command line
	if cmd != nil {
		path = cmd.CommandPath()
	}
	fmt.Fprintf(a.stderr, "sessions: %s\nRun '%s --help' for usage.\n", oneLine(err.Error()), path)
	return exitUsage
}

// exitError ends the command with an exit code and, unless msg is empty, a
// one-line message on stderr.
type exitError struct {
	code  int
	msg   string
	cause error // the error behind an exitAPI, for the --base-url hint
}

func (e *exitError) Error() string { return e.msg }

// usageError is a bad command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{msg: fmt.Sprintf(format, args...)} }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// action wraps a command's work: usage errors stay usage errors (exit 2),
// an *exitError keeps its code, any other error is an API or network error
// reported on one line (exit 1).
func action(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		err := fn(cmd, args)
		_, usage := errors.AsType[*usageError](err)
		_, exit := errors.AsType[*exitError](err)
		switch {
		case err == nil || usage || exit:
			return err
		case errors.Is(err, zendesk.ErrInvalidArgument): // the SDK refused an argument before sending anything
			return &usageError{msg: describeError(err)}
		}
		return &exitError{code: exitAPI, msg: describeError(err), cause: err}
	}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "sessions",
		Short: "Zendesk Support and Edgegap game-server sessions from the shell",
		Long: `sessions lists, inspects and revokes Zendesk Support log-in sessions and
manages Edgegap game-server sessions. "sessions demo" shows every operation of
both APIs against in-memory servers, with no credentials and no network.

Credentials come from the environment, a file or stdin, never from a flag
value: "sessions zendesk --help" and "sessions gameserver --help" say which.

Exit codes: 0 ok, 1 API or network error, 2 usage error (nothing was sent),
3 a bulk command where some items failed or were not started, 130
interrupted (Ctrl-C).`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{msg: err.Error()} })
	pf := root.PersistentFlags()
	pf.BoolVar(&a.json, "json", false, "print one JSON object per line instead of a table")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "log every HTTP attempt on stderr (credentials are never logged)")
	pf.StringVar(&a.baseURL, "base-url", "", "send requests to this URL instead of the API's own")
	pf.BoolVar(&a.demo, "demo", false, "run against in-memory servers with demo data, started for this one invocation: changes are gone when it ends (no credentials, no network)")
	pf.DurationVar(&a.requestTimeout, "request-timeout", 30*time.Second, "give up on one HTTP request (an attempt) after this long")
	root.SetVersionTemplate("sessions {{.Version}}\n")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		switch {
		case a.requestTimeout <= 0:
			return usagef("--request-timeout %s: must be more than 0", a.requestTimeout)
		case a.csv && a.json:
			return usagef("--csv and --json: choose one")
		}
		return nil
	}
	return group(root, "", a.demoCommand(), a.zendeskCommand(), a.gameserverCommand(), a.mockCommand(), a.proxyCommand())
}

// group makes cmd a command that only groups subs, each of whose help
// carries the paragraph help: an unknown subcommand or none at all is a
// usage error.
func group(cmd *cobra.Command, help string, subs ...*cobra.Command) *cobra.Command {
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			cmd.SuggestionsMinimumDistance = cmp.Or(max(cmd.SuggestionsMinimumDistance, 0), 2)
			msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf(" (did you mean %q?)", s[0])
			}
			return usagef("%s", msg)
		}
		var names []string
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				names = append(names, c.Name())
			}
		}
		return usagef("%s needs a command: %s", cmd.CommandPath(), strings.Join(names, ", "))
	}
	cmd.AddCommand(subs...)
	if help != "" {
		withHelp(cmd, help)
	}
	return cmd
}

// posArgs requires the named positional arguments; the last one, when its
// name has "...", may be repeated.
func posArgs(names ...string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		switch {
		case len(args) < len(names):
			return usagef("missing argument %s", strings.Join(names[len(args):], " "))
		case len(args) > len(names) && (len(names) == 0 || !strings.Contains(names[len(names)-1], "...")):
			return usagef("unexpected argument %q (expected %s)", args[len(names)],
				cmp.Or(strings.Join(names, " "), "no arguments"))
		}
		return nil
	}
}

func (a *app) addCSV(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&a.csv, "csv", false, "print CSV: a header row, then one record per item with the fields of --json (times RFC 3339 in UTC)")
}

// withHelp adds a paragraph to the help of cmd and of every command under
// it, so that each command's --help names, say, its credentials.
func withHelp(cmd *cobra.Command, paragraph string) {
	cmd.Long = cmp.Or(cmd.Long, cmd.Short+".") + "\n\n" + paragraph
	for _, sub := range cmd.Commands() {
		withHelp(sub, paragraph)
	}
}
