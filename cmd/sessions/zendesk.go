package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// zendeskSession is the JSON line of a Zendesk session: the session as the
// API writes one (the generated model), its times RFC 3339 in UTC, absent
// when Zendesk sent none.
func zendeskSession(s zendesk.Session) zgen.Session {
	return zgen.Session{Id: s.ID, UserId: s.UserID, AuthenticatedAt: timeJSON(s.AuthenticatedAt), LastSeenAt: timeJSON(s.LastSeenAt), Url: s.URL}
}

func (a *app) zendeskCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "zendesk",
		Short: "Zendesk Support log-in sessions",
		Long: `Zendesk Support log-in sessions: list them, show, delete one or a stream of
them, log users out everywhere in bulk, and the current session.`,
	}
	pf := cmd.PersistentFlags()
	pf.String("subdomain", "", "Zendesk subdomain, as in https://SUBDOMAIN.zendesk.com (default $"+envZendeskSubdomain+")")
	pf.String("client-id", "", "OAuth client identifier for the client-credentials grant (default $"+envZendeskClientID+")")
	addSecretFlag(cmd, "client-secret", "OAuth client secret", envZendeskClientSecret)
	addSecretFlag(cmd, "oauth-token", "Zendesk OAuth access token", envZendeskOAuthToken)
	pf.String("email", "", "agent email for API-token auth (default $"+envZendeskEmail+")")
	addSecretFlag(cmd, "api-token", "Zendesk API token", envZendeskAPIToken)
	// withClient makes c a command (without arguments, unless c.Args takes
	// them) that runs fn with the client.
	withClient := func(c *cobra.Command, fn func(context.Context, *zendesk.Client) error) *cobra.Command {
		if c.Args == nil {
			c.Args = posArgs()
		}
		c.RunE = action(func(cmd *cobra.Command, _ []string) error {
			zc, err := a.zendeskClient(cmd, nil)
			if err != nil {
				return err
			}
			return fn(cmd.Context(), zc)
		})
		return c
	}
	var userID, sessionID int64
	show := withClient(&cobra.Command{
		Use:   "show USER SESSION",
		Short: "Show one session of a user",
		Args: func(cmd *cobra.Command, args []string) (err error) {
			if err = posArgs("USER", "SESSION")(cmd, args); err == nil {
				userID, sessionID, err = userAndSession(args)
			}
			return err
		},
	}, func(ctx context.Context, zc *zendesk.Client) error {
		return a.printSession(zc.Sessions.Get(ctx, userID, sessionID))
	})
	return group(cmd, zendeskCredentialsHelp, a.zendeskList(), show, a.zendeskDelete(), a.zendeskDeleteAll(),
		withClient(&cobra.Command{Use: "current", Short: "Show the session of the credentials in use"},
			func(ctx context.Context, zc *zendesk.Client) error {
				return a.printSession(zc.Sessions.Current(ctx))
			}),
		withClient(&cobra.Command{Use: "renew", Short: "Renew the current session and print its new authenticity (CSRF) token"},
			func(ctx context.Context, zc *zendesk.Client) error {
				tok, err := zc.Sessions.Renew(ctx)
				if err != nil {
					return err
				}
				return a.say(struct {
					AuthenticityToken string `json:"authenticity_token"`
				}{tok}, "renewed; authenticity token: %s", tok)
			}),
		withClient(&cobra.Command{
			Use:   "logout",
			Short: "Delete the session of the credentials in use",
			Long: `Delete the session of the credentials in use (DeleteAuthenticatedSession).
Zendesk only has such a session under cookie authentication: with an API token
or OAuth it answers 204 and does nothing.`,
		}, func(ctx context.Context, zc *zendesk.Client) error {
			if err := zc.Sessions.Logout(ctx); err != nil {
				return err
			}
			return a.say(struct {
				OK bool `json:"ok"`
			}{true}, "logged out")
		}),
	)
}

// parseID parses a positive numeric id named name.
func parseID(name, v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("%s %q is not a numeric id (a positive integer)", name, v)
	}
	return id, nil
}

func userAndSession(args []string) (int64, int64, error) {
	userID, err := parseID("USER", args[0])
	if err != nil {
		return 0, 0, err
	}
	sessionID, err := parseID("SESSION", args[1])
	return userID, sessionID, err
}

func (a *app) zendeskList() *cobra.Command {
	var (
		user            string
		pageSize, limit int
		idle            time.Duration
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the account's sessions, or one user's",
		Long: `List the account's sessions (every session for an admin, only their own for
anyone else), or with --user one user's. --idle 720h keeps only the sessions
not seen for that long (by last_seen_at, or authenticated_at when Zendesk has
not seen it since).`,
		Example: `  sessions zendesk list --idle 720h --json | sessions zendesk delete --dry-run -
  sessions zendesk list --idle 720h --json | sessions zendesk delete -`,
		Args: posArgs(),
		RunE: action(func(cmd *cobra.Command, _ []string) error {
			var userID int64
			if user != "" {
				var err error
				if userID, err = parseID("--user", user); err != nil {
					return err
				}
			}
			switch {
			case pageSize < 0 || pageSize > zendesk.MaxPageSize:
				return usagef("--page-size %d: must be from 1 to %d", pageSize, zendesk.MaxPageSize)
			case limit < 0:
				return usagef("--limit %d: must be 0 (no limit) or more", limit)
			case idle < 0:
				return usagef("--idle %s: must not be negative", idle)
			}
			zc, err := a.zendeskClient(cmd, nil)
			if err != nil {
				return err
			}
			opts := &zendesk.ListOptions{PageSize: pageSize}
			pager := zc.Sessions.List(opts)
			if userID != 0 {
				pager = zc.Sessions.ListByUser(userID, opts)
			}
			now := a.now()
			return printAll(a, pager.All(cmd.Context()), limit, zgen.Session{}, []string{"ID", "USER", "AUTHENTICATED", "LAST SEEN"},
				func(pr *printer, s zendesk.Session) (bool, error) {
					last := s.LastSeenAt
					if last.IsZero() {
						last = s.AuthenticatedAt
					}
					if idle > 0 && !last.IsZero() && now.Sub(last) < idle {
						return false, nil
					}
					return true, pr.row(zendeskSession(s), s.ID, s.UserID, timeCell(s.AuthenticatedAt), timeCell(s.LastSeenAt))
				})
		}),
	}
	cmd.Flags().StringVar(&user, "user", "", "list this user's sessions only")
	cmd.Flags().IntVar(&pageSize, "page-size", 0, "sessions per request, 1 to 100 (default 100)")
	cmd.Flags().IntVar(&limit, "limit", 0, "print at most this many sessions (0: all)")
	cmd.Flags().Var((*idleFlag)(&idle), "idle", "only sessions not seen for this long: days (30d) or a Go duration (720h)")
	a.addCSV(cmd)
	return cmd
}

// idleFlag is --idle: a number of days ("30d") or a Go duration ("720h").
type idleFlag time.Duration

// Set parses days or a Go duration.
func (f *idleFlag) Set(v string) error {
	d, err := time.ParseDuration(v)
	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, perr := strconv.ParseFloat(days, 64)
		d, err = time.Duration(n*float64(24*time.Hour)), perr
		if n < 0 || n > 100*365 || math.IsNaN(n) {
			err = errors.New("out of range")
		}
	}
	if err != nil {
		return fmt.Errorf("%q: want a number of days (30d) or a Go duration (720h)", v)
	}
	*f = idleFlag(d)
	return nil
}

func (f *idleFlag) String() string { return time.Duration(*f).String() }

func (f *idleFlag) Type() string { return "duration" }

// printSession prints one session as a table or a JSON line; or returns err.
func (a *app) printSession(s zendesk.Session, err error) error {
	if err != nil {
		return err
	}
	pr := a.printer(zgen.Session{}, "ID", "USER", "AUTHENTICATED", "LAST SEEN", "URL")
	if err := pr.row(zendeskSession(s), s.ID, s.UserID, timeCell(s.AuthenticatedAt), timeCell(s.LastSeenAt), orDash(s.URL)); err != nil {
		return err
	}
	return pr.flush()
}

func (a *app) zendeskDelete() *cobra.Command {
	var bf bulkFlags
	// stream is "delete -": the sessions on stdin, as a bulk job. A session
	// whose earlier request got no answer and that is gone now was deleted by
	// that request: done, not failed.
	stream := func(cmd *cobra.Command) error {
		items, err := a.sessionItems()
		if err != nil {
			return err
		}
		job := &bulkJob{bulkFlags: bf, name: "delete", now: a.now}
		zc, err := a.zendeskClient(cmd, job)
		if err != nil {
			return err
		}
		const goneDetail = "already gone: the earlier, unanswered request went through"
		return a.runBulk(cmd.Context(), job, items, func(ctx context.Context, it bulkItem) (string, string, error) {
			sessionID := it.key.(int64)
			var err error
			if bf.dryRun {
				_, err = zc.Sessions.Get(ctx, it.userID, sessionID)
			} else {
				err = zc.Sessions.Delete(ctx, it.userID, sessionID)
			}
			switch { // the action is printed in a dry run only
			case it.unconfirmed && errors.Is(err, zendesk.ErrNotFound):
				return "keep", goneDetail, nil
			case err != nil:
				return "", "", err
			case bf.dryRun:
				return "delete", "would delete this session", nil
			}
			return "", "", nil
		})
	}
	cmd := &cobra.Command{
		Use:   "delete USER SESSION | -",
		Short: "Delete one session of a user, or each session read from stdin",
		Long: `Delete one session of a user (DeleteSession), logging them out of that session
only; their other sessions stay.

"-" reads sessions from stdin and deletes those sessions only, as a bulk job:
JSON lines with "user_id" and "id" (exactly what "list --json" prints, so
"list --idle 720h --json" feeds it the idle ones), the lines of an earlier
"delete - --json" (so the failed ones can be piped back in), or text lines
"USER SESSION". It runs --concurrency requests at once, paced by the API's
rate-limit headers and Retry-After, with a progress line on a terminal and a
summary at the end. --dry-run checks each session exists and deletes nothing;
its lines say "action": "delete". With --json each line is {"id", "user_id",
"ok", ...}; pipe the "ok": false ones back in to resume. A line whose request
got no answer ("unconfirmed": true: cut short by Ctrl-C, timed out) and whose
session is gone by then counts as done (its request went through), not as a
404.`,
		Example: `  sessions zendesk delete 1001 10000010011
  sessions zendesk list --idle 720h --json | sessions zendesk delete --dry-run -
  sessions zendesk list --idle 720h --json | sessions zendesk delete --json - > run1.jsonl
  jq -c 'select(.ok == false)' run1.jsonl | sessions zendesk delete --json - > run2.jsonl`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && args[0] == "-" {
				return nil
			}
			return posArgs("USER", "SESSION")(cmd, args)
		},
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if args[0] == "-" {
				return stream(cmd)
			}
			for _, f := range []string{"dry-run", "concurrency", "rate-limit", "max-wait"} {
				if cmd.Flags().Changed(f) {
					return usagef("--%s is for \"delete -\" (sessions from stdin)", f)
				}
			}
			userID, sessionID, err := userAndSession(args)
			if err != nil {
				return err
			}
			zc, err := a.zendeskClient(cmd, nil)
			if err != nil {
				return err
			}
			if err := zc.Sessions.Delete(cmd.Context(), userID, sessionID); err != nil {
				return err
			}
			return a.say(bulkResult{ID: sessionID, UserID: userID, OK: true}, // as "delete -" prints it
				"deleted session %d of user %d", sessionID, userID)
		}),
	}
	bf.add(cmd)
	return cmd
}

func (a *app) zendeskDeleteAll() *cobra.Command {
	var bf bulkFlags
	cmd := &cobra.Command{
		Use:   "delete-all USER... | -",
		Short: "Log users out of every session, active ones included",
		Long: `Delete every session of each user (BulkDeleteSessionsByUserId): each user is
logged out of every session they have, the active ones included. To revoke
only some sessions (say, the idle ones), use "delete -" instead:

  sessions zendesk list --idle 720h --json | sessions zendesk delete -

For many users at once: --concurrency requests in flight, paced by the API's rate-limit
headers and Retry-After (and --rate-limit, if given). "-" reads the user ids
from stdin, one per line, or JSON lines with a "user_id", or those of an
earlier "delete-all --json" (their "id"). A user may also be named by email
address (an argument, a line, or a JSON line's "email"): every email is looked
up (Search Users) before anything is deleted, and one that matches no user, or
several, fails as an item of its own while the others are done. A line that names a session ("id"
and "user_id", as "list --json" prints it) is refused, and nothing is sent:
"delete -" deletes those sessions only.

--dry-run lists each user's sessions instead and deletes nothing; its lines
say "action": "delete" and come in input order. Exit code 3 when some users
failed or were not started; with --json each line is {"id", "ok", "error":
{"status", "code", "message", "request_id"}}, so the failed ones can be piped
back in.`,
		Example: `  sessions zendesk delete-all 1001 1002 1003
  sessions zendesk delete-all jane@acme.com 1002
  sessions zendesk delete-all --json - < users.txt | jq -c 'select(.ok == false)' > retry.jsonl`,
		Args: posArgs("USER... (or - to read them from stdin)"),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			items, err := a.userItems(args)
			if err != nil {
				return err
			}
			job := &bulkJob{bulkFlags: bf, name: "delete-all", now: a.now}
			zc, err := a.zendeskClient(cmd, job)
			if err != nil {
				return err
			}
			// Every email is looked up, one after the other, before anything
			// is deleted. Only the command's context ending fails the whole
			// job; a lookup that fails fails its item.
			type user struct {
				id  int64
				err error
			}
			byEmail := map[string]user{}
			for _, it := range items {
				if email, ok := it.key.(string); ok {
					u, err := zc.Users.ByEmail(cmd.Context(), email)
					if err := cmd.Context().Err(); err != nil {
						return err
					}
					byEmail[email] = user{u.ID, err}
				}
			}
			return a.runBulk(cmd.Context(), job, items, func(ctx context.Context, it bulkItem) (string, string, error) {
				id, prefix := int64(0), ""
				if email, ok := it.key.(string); !ok {
					id = it.key.(int64)
				} else if u := byEmail[email]; u.err != nil {
					return "", "", u.err
				} else {
					id, prefix = u.id, fmt.Sprintf("user %d: ", u.id)
				}
				if !bf.dryRun {
					return "", "", zc.Sessions.DeleteAllForUser(ctx, id)
				}
				n := 0 // counted page by page: a user's list is never held whole
				for _, err := range zc.Sessions.ListByUser(id, nil).All(ctx) {
					if err != nil {
						return "", "", err
					}
					n++
				}
				return "delete", fmt.Sprintf("%swould delete %d sessions", prefix, n), nil
			})
		}),
	}
	bf.add(cmd)
	return cmd
}
