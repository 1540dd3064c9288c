package main

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

func (a *app) demoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Walk every operation of both APIs against in-memory servers",
		Long: `Start in-memory Zendesk and game-server APIs in this process, seeded with
demo data, and walk every operation of both through the SDK, printing what each
step did — including a 429 that is retried and a typed error. Needs no
credentials and no network. Exit code 0 only if every step did what it should.`,
		Args: posArgs(),
		RunE: action(func(cmd *cobra.Command, _ []string) error {
			for _, f := range []string{"json", "base-url", "request-timeout"} {
				if cmd.Flags().Changed(f) {
					return usagef("demo has no --%s: it talks to its own in-memory servers and prints a walk-through (try --demo on another command)", f)
				}
			}
			d := &demo{a: a, ctx: cmd.Context()}
			d.zendesk()
			d.gameserver()
			fmt.Fprintf(a.stdout, "\n%d steps, %d failed\n", d.steps, d.failed)
			if d.failed > 0 {
				return &exitError{code: exitAPI, msg: fmt.Sprintf("demo: %d of %d steps failed", d.failed, d.steps)}
			}
			return nil
		}),
	}
}

type demo struct {
	a             *app
	ctx           context.Context
	steps, failed int
}

// step runs one step: fn says what it did, or why it did not do what it should.
func (d *demo) step(name string, fn func() (string, error)) bool {
	d.steps++
	what, err := fn()
	if err != nil {
		d.failed++
		fmt.Fprintf(d.a.stdout, "  FAIL  %-34s %s\n", name, describeError(err))
		return false
	}
	fmt.Fprintf(d.a.stdout, "  ok    %-34s %s\n", name, what)
	return true
}

// done is a step whose work is over: err, or what it did.
func (d *demo) done(name string, err error, what func() string) bool {
	return d.step(name, func() (string, error) {
		if err != nil {
			return "", err
		}
		return what(), nil
	})
}

// unless is err, or when err is nil and bad holds, the error format says.
func unless(err error, bad bool, format string, args ...any) error {
	if err == nil && bad {
		return fmt.Errorf(format, args...)
	}
	return err
}

// countPages counts the pages and items of a listing.
func countPages[T any](all iter.Seq2[*sessionkit.Page[T], error]) (pages, items int, err error) {
	for p, err := range all {
		if err != nil {
			return pages, items, err
		}
		pages, items = pages+1, items+len(p.Items)
	}
	return pages, items, nil
}

// demoRetry is the demo's retry policy: short waits, so the demo is quick.
func demoRetry(onRetry func(zendesk.RetryEvent)) zendesk.RetryPolicy {
	return zendesk.RetryPolicy{MaxAttempts: 3, InitialBackoff: 50 * time.Millisecond, MaxBackoff: 2 * time.Second, OnRetry: onRetry}
}

func (d *demo) zendesk() {
	fmt.Fprintf(d.a.stdout, "\n== Zendesk Support sessions (in-memory server)\n")
	srv, err := zendesktest.Start(zendeskDemoOptions(d.a.now)...)
	if !d.done("start the server", err, func() string {
		return fmt.Sprintf("%d users, %d sessions at %s", demoUsers+1, len(srv.Sessions()), srv.URL)
	}) {
		return
	}
	defer srv.Close()
	var retries []zendesk.RetryEvent
	opts := []zendesk.Option{
		zendesk.WithBaseURL(srv.URL), zendesk.WithAPIToken(demoAdminEmail, demoZendeskToken),
		zendesk.WithRetry(demoRetry(func(ev zendesk.RetryEvent) { retries = append(retries, ev) })),
		zendesk.WithUserAgent(userAgent),
	}
	if d.a.verbose {
		opts = append(opts, zendesk.WithLogger(d.a.logger()))
	}
	zc, err := zendesk.NewClient("demo", opts...)
	if !d.done("create the client", err, func() string { return zc.BaseURL() + ", API-token auth, up to 3 attempts" }) {
		return
	}
	defer zc.CloseIdleConnections()
	ctx := d.ctx
	user, other := demoFirstUser, demoFirstUser+1
	total := 1 + demoUsers*demoSessionsPerUser

	d.step("list (several pages)", func() (string, error) {
		pages, n, err := countPages(zc.Sessions.List(&zendesk.ListOptions{PageSize: 10}).Pages(ctx))
		return fmt.Sprintf("%d sessions in %d pages of 10", n, pages),
			unless(err, n != total || pages < 2, "got %d sessions in %d pages, want %d in several", n, pages, total)
	})
	d.step("list by user", func() (string, error) {
		ss, err := zc.Sessions.ListByUser(user, nil).Collect(ctx)
		return fmt.Sprintf("user %d has %d sessions", user, len(ss)),
			unless(err, len(ss) != demoSessionsPerUser, "user %d has %d sessions, want %d", user, len(ss), demoSessionsPerUser)
	})
	sid := demoSessionID(user, 2)
	d.step("show", func() (string, error) {
		s, err := zc.Sessions.Get(ctx, user, sid)
		return fmt.Sprintf("session %d of user %d, last seen %s", s.ID, s.UserID, timeCell(s.LastSeenAt)), err
	})
	d.step("current", func() (string, error) {
		s, err := zc.Sessions.Current(ctx)
		return fmt.Sprintf("session %d of user %d (the admin)", s.ID, s.UserID),
			unless(err, s.ID != demoAdminSessionID, "current session is %d, want %d", s.ID, demoAdminSessionID)
	})
	d.step("renew", func() (string, error) {
		tok, err := zc.Sessions.Renew(ctx)
		return fmt.Sprintf("new authenticity token (%d characters)", len(tok)), unless(err, tok == "", "empty authenticity token")
	})
	d.step("retry a 429", func() (string, error) {
		srv.InjectFault(zendesktest.OpShowSession, zendesktest.Fault{Status: 429, RetryAfter: "1", Times: 1})
		retries = nil
		start := time.Now()
		if _, err := zc.Sessions.Get(ctx, user, sid); err != nil {
			return "", err
		}
		if len(retries) != 1 || retries[0].StatusCode != 429 {
			return "", fmt.Errorf("want one retry after a 429, got %d", len(retries))
		}
		return fmt.Sprintf("429 with Retry-After: 1, waited %s, then 200 (2 attempts, %s)",
			retries[0].Wait.Round(10*time.Millisecond), time.Since(start).Round(10*time.Millisecond)), nil
	})
	d.step("delete", func() (string, error) {
		return fmt.Sprintf("session %d of user %d deleted", sid, user), zc.Sessions.Delete(ctx, user, sid)
	})
	d.step("typed error: show a deleted session", func() (string, error) {
		_, err := zc.Sessions.Get(ctx, user, sid)
		e, ok := errors.AsType[*zendesk.APIError](err)
		if !ok || !errors.Is(err, zendesk.ErrNotFound) {
			return "", fmt.Errorf("want an *APIError matching ErrNotFound, got %v", err)
		}
		return fmt.Sprintf("*zendesk.APIError, errors.Is(err, zendesk.ErrNotFound): status %d, code %s, request id %s",
			e.StatusCode, e.Code, e.RequestID), nil
	})
	d.step("delete all for a user", func() (string, error) {
		if err := zc.Sessions.DeleteAllForUser(ctx, other); err != nil {
			return "", err
		}
		left, err := zc.Sessions.ListByUser(other, nil).Collect(ctx)
		return fmt.Sprintf("user %d logged out everywhere (%d sessions deleted)", other, demoSessionsPerUser),
			unless(err, len(left) != 0, "user %d still has %d sessions", other, len(left))
	})
	d.step("logout", func() (string, error) {
		return "204 (under API-token auth Zendesk does nothing more)", zc.Sessions.Logout(ctx)
	})
}

func (d *demo) gameserver() {
	fmt.Fprintf(d.a.stdout, "\n== Edgegap game-server sessions (in-memory server)\n")
	srv, err := gameservertest.Start(gameserverDemoOptions(d.a.now)...)
	if !d.done("start the server", err, func() string {
		return fmt.Sprintf("app %s, %d sessions at %s", demoApp, len(srv.Sessions()), srv.URL)
	}) {
		return
	}
	defer srv.Close()
	opts := []gameserver.Option{
		gameserver.WithBaseURL(srv.URL), gameserver.WithAPIToken(demoEdgegapToken),
		gameserver.WithRetry(demoRetry(nil)), gameserver.WithUserAgent(userAgent),
		gameserver.WithPollInterval(20*time.Millisecond, 200*time.Millisecond),
	}
	if d.a.verbose {
		opts = append(opts, gameserver.WithLogger(d.a.logger()))
	}
	gc, err := gameserver.NewClient(opts...)
	if !d.done("create the client", err, func() string { return gc.BaseURL() + ", token auth, up to 3 attempts" }) {
		return
	}
	defer gc.CloseIdleConnections()
	ctx := d.ctx

	var id string
	d.step("create, wait until ready", func() (string, error) {
		c, err := gc.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: demoApp, IPList: []string{"162.254.103.13"}}, gameserver.WithWaitReady())
		if err != nil {
			return "", err
		}
		id = c.ID
		if c.Ready == nil || c.Ready.Deployment == nil {
			return "", fmt.Errorf("session %s came back without its deployment", c.ID)
		}
		dep := c.Ready.Deployment
		var where []string
		for _, p := range ports(dep) {
			where = append(where, fmt.Sprintf("%s %s:%d/%s", p.Name, dep.FQDN, p.External, orDash(p.Protocol)))
		}
		return fmt.Sprintf("session %s ready; connect to %s", c.ID, strings.Join(where, ", ")), nil
	})
	if id == "" {
		return
	}
	s, err := gc.Sessions.Get(ctx, id)
	d.done("get", unless(err, err == nil && !s.Ready, "session %s is not ready", id), func() string {
		return fmt.Sprintf("session %s: %s, %d user(s)", s.ID, s.Status, s.UserCount)
	})
	d.step("users add", func() (string, error) {
		us, err := gc.Sessions.AddUsers(ctx, id, []string{"198.12.116.39", "203.0.113.7"})
		return fmt.Sprintf("now %d users", len(us)), unless(err, len(us) != 3, "%d users after adding 2 to 1", len(us))
	})
	d.step("users list", func() (string, error) {
		us, err := gc.Sessions.Users(ctx, id)
		ips := make([]string, len(us))
		for i, u := range us {
			ips[i] = u.IP
		}
		return strings.Join(ips, ", "), err
	})
	d.step("users remove", func() (string, error) {
		us, err := gc.Sessions.RemoveUsers(ctx, id, []string{"203.0.113.7"})
		return fmt.Sprintf("now %d users", len(us)), unless(err, len(us) != 2, "%d users after removing 1 of 3", len(us))
	})
	d.step("list (several pages)", func() (string, error) {
		pages, n, err := countPages(gc.Sessions.List(&gameserver.ListOptions{Limit: 5}).Pages(ctx))
		return fmt.Sprintf("%d sessions in %d pages of 5", n, pages),
			unless(err, n != demoGSSessions+1 || pages < 2,
				"got %d sessions in %d pages, want %d in several", n, pages, demoGSSessions+1)
	})
	del, err := gc.Sessions.Delete(ctx, id)
	d.done("delete", err, func() string { return del.Message })
	d.step("delete if exists (already gone)", func() (string, error) {
		deleted, err := gc.Sessions.DeleteIfExists(ctx, id)
		return "nothing to do: the session was already gone", unless(err, deleted, "session %s was deleted twice", id)
	})
	d.step("bulk stop (deployment tag ranked)", func() (string, error) {
		stopped, err := gc.Sessions.BulkStop(ctx, []gameserver.StopFilter{{Field: gameserver.StopByDeploymentTags, Type: gameserver.FilterAny, Values: []string{"ranked"}}})
		return fmt.Sprintf("%d sessions stopped", len(stopped)),
			unless(err, len(stopped) != demoGSSessions/2,
				"stopped %d sessions, want the %d on the ranked deployment", len(stopped), demoGSSessions/2)
	})
}
