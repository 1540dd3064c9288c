package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// demoCommand is "sessions demo".
func (a *app) demoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Walk every operation of both APIs against in-memory servers",
		Long: `Start in-memory Zendesk and game-server APIs in this process, seeded with
demo data, and walk every operation of both through the SDK, printing what each
step did — including a 429 that is retried and a typed error. Needs no
credentials and no network. Exit code 0 only if every step did what it should.`,
		Args: exactArgs(),
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

// demo walks the operations and keeps the score.
type demo struct {
	a      *app
	ctx    context.Context
	steps  int
	failed int
}

// section prints a heading.
func (d *demo) section(title string) { fmt.Fprintf(d.a.stdout, "\n== %s\n", title) }

// step runs one step: fn says what it did, or why it did not do what it
// should.
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

// demoRetry is the demo's retry policy: short waits, so the demo is quick.
func demoRetry(onRetry func(zendesk.RetryEvent)) zendesk.RetryPolicy {
	return zendesk.RetryPolicy{MaxAttempts: 3, InitialBackoff: 50 * time.Millisecond, MaxBackoff: 2 * time.Second, OnRetry: onRetry}
}

func (d *demo) zendesk() {
	d.section("Zendesk Support sessions (in-memory server)")
	srv, err := zendesktest.Start(zendeskDemoOptions(d.a.now)...)
	if !d.step("start the server", func() (string, error) {
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d users, %d sessions at %s", demoUsers+1, len(srv.Sessions()), srv.URL), nil
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
	if !d.step("create the client", func() (string, error) {
		if err != nil {
			return "", err
		}
		return zc.BaseURL() + ", API-token auth, up to 3 attempts", nil
	}) {
		return
	}
	defer zc.CloseIdleConnections()
	ctx := d.ctx
	user, other := demoFirstUser, demoFirstUser+1
	total := 1 + demoUsers*demoSessionsPerUser

	d.step("list (several pages)", func() (string, error) {
		pages, n := 0, 0
		for p, err := range zc.Sessions.List(&zendesk.ListOptions{PageSize: 10}).Pages(ctx) {
			if err != nil {
				return "", err
			}
			pages++
			n += len(p.Items)
		}
		if n != total || pages < 2 {
			return "", fmt.Errorf("got %d sessions in %d pages, want %d in several", n, pages, total)
		}
		return fmt.Sprintf("%d sessions in %d pages of 10", n, pages), nil
	})
	d.step("list by user", func() (string, error) {
		ss, err := zc.Sessions.ListByUser(user, nil).Collect(ctx)
		if err != nil {
			return "", err
		}
		if len(ss) != demoSessionsPerUser {
			return "", fmt.Errorf("user %d has %d sessions, want %d", user, len(ss), demoSessionsPerUser)
		}
		return fmt.Sprintf("user %d has %d sessions", user, len(ss)), nil
	})
	sid := demoSessionID(user, 2)
	d.step("show", func() (string, error) {
		s, err := zc.Sessions.Get(ctx, user, sid)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("session %d of user %d, last seen %s", s.ID, s.UserID, timeCell(s.LastSeenAt)), nil
	})
	d.step("current", func() (string, error) {
		s, err := zc.Sessions.Current(ctx)
		if err != nil {
			return "", err
		}
		if s.ID != demoAdminSessionID {
			return "", fmt.Errorf("current session is %d, want %d", s.ID, demoAdminSessionID)
		}
		return fmt.Sprintf("session %d of user %d (the admin)", s.ID, s.UserID), nil
	})
	d.step("renew", func() (string, error) {
		tok, err := zc.Sessions.Renew(ctx)
		if err != nil {
			return "", err
		}
		if tok == "" {
			return "", errors.New("empty authenticity token")
		}
		return fmt.Sprintf("new authenticity token (%d characters)", len(tok)), nil
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
		if err := zc.Sessions.Delete(ctx, user, sid); err != nil {
			return "", err
		}
		return fmt.Sprintf("session %d of user %d deleted", sid, user), nil
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
		if err != nil {
			return "", err
		}
		if len(left) != 0 {
			return "", fmt.Errorf("user %d still has %d sessions", other, len(left))
		}
		return fmt.Sprintf("user %d logged out everywhere (%d sessions deleted)", other, demoSessionsPerUser), nil
	})
	d.step("logout", func() (string, error) {
		if err := zc.Sessions.Logout(ctx); err != nil {
			return "", err
		}
		return "204 (under API-token auth Zendesk does nothing more)", nil
	})
}

func (d *demo) gameserver() {
	d.section("Edgegap game-server sessions (in-memory server)")
	srv, err := gameservertest.Start(gameserverDemoOptions(d.a.now)...)
	if !d.step("start the server", func() (string, error) {
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("app %s, %d sessions at %s", demoApp, len(srv.Sessions()), srv.URL), nil
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
	if !d.step("create the client", func() (string, error) {
		if err != nil {
			return "", err
		}
		return gc.BaseURL() + ", token auth, up to 3 attempts", nil
	}) {
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
	d.step("get", func() (string, error) {
		s, err := gc.Sessions.Get(ctx, id)
		if err != nil {
			return "", err
		}
		if !s.Ready {
			return "", fmt.Errorf("session %s is not ready", id)
		}
		return fmt.Sprintf("session %s: %s, %d user(s)", s.ID, s.Status, s.UserCount), nil
	})
	d.step("users add", func() (string, error) {
		us, err := gc.Sessions.AddUsers(ctx, id, []string{"198.12.116.39", "203.0.113.7"})
		if err != nil {
			return "", err
		}
		if len(us) != 3 {
			return "", fmt.Errorf("%d users after adding 2 to 1", len(us))
		}
		return fmt.Sprintf("now %d users", len(us)), nil
	})
	d.step("users list", func() (string, error) {
		us, err := gc.Sessions.Users(ctx, id)
		if err != nil {
			return "", err
		}
		ips := make([]string, len(us))
		for i, u := range us {
			ips[i] = u.IP
		}
		return strings.Join(ips, ", "), nil
	})
	d.step("users remove", func() (string, error) {
		us, err := gc.Sessions.RemoveUsers(ctx, id, []string{"203.0.113.7"})
		if err != nil {
			return "", err
		}
		if len(us) != 2 {
			return "", fmt.Errorf("%d users after removing 1 of 3", len(us))
		}
		return fmt.Sprintf("now %d users", len(us)), nil
	})
	d.step("list (several pages)", func() (string, error) {
		pages, n := 0, 0
		for p, err := range gc.Sessions.List(&gameserver.ListOptions{Limit: 5}).Pages(ctx) {
			if err != nil {
				return "", err
			}
			pages++
			n += len(p.Items)
		}
		if n != demoGSSessions+1 || pages < 2 {
			return "", fmt.Errorf("got %d sessions in %d pages, want %d in several", n, pages, demoGSSessions+1)
		}
		return fmt.Sprintf("%d sessions in %d pages of 5", n, pages), nil
	})
	d.step("delete", func() (string, error) {
		del, err := gc.Sessions.Delete(ctx, id)
		if err != nil {
			return "", err
		}
		return del.Message, nil
	})
	d.step("delete if exists (already gone)", func() (string, error) {
		deleted, err := gc.Sessions.DeleteIfExists(ctx, id)
		if err != nil {
			return "", err
		}
		if deleted {
			return "", fmt.Errorf("session %s was deleted twice", id)
		}
		return "nothing to do: the session was already gone", nil
	})
	d.step("bulk stop (deployment tag ranked)", func() (string, error) {
		stopped, err := gc.Sessions.BulkStop(ctx, []gameserver.StopFilter{{Field: gameserver.StopByDeploymentTags, Type: gameserver.FilterAny, Values: []string{"ranked"}}})
		if err != nil {
			return "", err
		}
		if len(stopped) != demoGSSessions/2 {
			return "", fmt.Errorf("stopped %d sessions, want the %d on the ranked deployment", len(stopped), demoGSSessions/2)
		}
		return fmt.Sprintf("%d sessions stopped", len(stopped)), nil
	})
}
