package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// The JSON lines of the game-server commands are the API's own bodies (the
// generated models) filled from the SDK's types; create_time is RFC 3339 in
// UTC with the microseconds the API sent.

func gsUsers(users []gameserver.User) []ggen.SessionUser {
	out := make([]ggen.SessionUser, len(users))
	for i, u := range users {
		out[i].IP = u.IP
		if l := u.Location; l != nil {
			out[i].Latitude, out[i].Longitude = &l.Latitude, &l.Longitude
		}
	}
	return out
}

func gsSession(s *gameserver.Session) ggen.SessionGet {
	j := ggen.SessionGet{
		SessionID: s.ID, CustomID: s.CustomID, Status: s.Status, Kind: s.Kind, Ready: s.Ready, Linked: s.Linked,
		UserCount: s.UserCount, AppVersion: s.AppVersionID, Elapsed: int(s.Elapsed / time.Second), Error: s.Error,
		WebhookURL: s.WebhookURL, SessionUsers: gsUsers(s.Users), SessionIPs: gsUsers(s.IPs), CreateTime: timeJSON(s.CreateTime),
	}
	if d := s.Deployment; d != nil {
		j.Deployment = &ggen.Deployment{
			FQDN: d.FQDN, PublicIP: d.PublicIP, Ready: d.Ready, RequestID: d.RequestID, Status: d.Status,
			Tags: d.Tags, WhitelistingActive: d.WhitelistingActive, IsJoinableBySession: d.JoinableBySession,
			Sockets: d.Sockets, SocketsUsage: d.SocketsUsage, Ports: map[string]ggen.PortMapping{},
		}
		for n, p := range d.Ports {
			j.Deployment.Ports[n] = ggen.PortMapping{External: p.External, Internal: p.Internal, Link: p.Link, Name: p.Name,
				Protocol: p.Protocol, Proxy: p.Proxy, TLSUpgrade: p.TLSUpgrade}
		}
		if l := d.Location; l != nil {
			j.Deployment.Location = ggen.DeploymentLocation{AdministrativeDivision: l.AdministrativeDivision, City: l.City,
				Continent: l.Continent, Country: l.Country, Latitude: l.Latitude, Longitude: l.Longitude, Timezone: l.Timezone}
		}
	}
	return j
}

// ports returns a deployment's ports, by name.
func ports(d *gameserver.Deployment) []gameserver.Port {
	out := make([]gameserver.Port, 0, len(d.Ports))
	for _, n := range slices.Sorted(maps.Keys(d.Ports)) {
		p := d.Ports[n]
		p.Name = cmp.Or(p.Name, n)
		out = append(out, p)
	}
	return out
}

// connectLine says where players connect to a port.
func connectLine(d *gameserver.Deployment, p gameserver.Port) string {
	return fmt.Sprintf("%s:%d %s (internal %d)", cmp.Or(d.FQDN, d.PublicIP), p.External, orDash(p.Protocol), p.Internal)
}

// printGSSession prints a session for people, or as a JSON line; or
// returns err. (The print functions take the results of the SDK call.)
func (a *app) printGSSession(s *gameserver.Session, err error) error {
	if err != nil {
		return err
	}
	if a.json {
		return jsonLine(a.stdout, gsSession(s))
	}
	pr := a.printer(nil, "FIELD", "VALUE")
	rows := [][2]any{
		{"session", s.ID}, {"status", s.Status}, {"kind", orDash(s.Kind)}, {"ready", s.Ready}, {"linked", s.Linked},
		{"users", s.UserCount}, {"created", timeCell(s.CreateTime)},
	}
	if s.CustomID != "" {
		rows = append(rows, [2]any{"custom id", s.CustomID})
	}
	if s.Error != "" {
		rows = append(rows, [2]any{"error", s.Error})
	}
	if d := s.Deployment; d != nil {
		rows = append(rows, [2]any{"deployment", d.RequestID}, [2]any{"fqdn", d.FQDN}, [2]any{"public ip", d.PublicIP})
		for _, p := range ports(d) {
			rows = append(rows, [2]any{"port " + p.Name, connectLine(d, p)})
		}
	}
	for _, r := range rows {
		if err := pr.row(nil, r[0], r[1]); err != nil {
			return err
		}
	}
	return pr.flush()
}

// printReady prints a ready session: where to connect, or as a JSON line.
func (a *app) printReady(s *gameserver.Session, err error) error {
	if err != nil {
		return err
	}
	if a.json {
		return jsonLine(a.stdout, gsSession(s))
	}
	d := s.Deployment
	if d == nil {
		fmt.Fprintf(a.stdout, "session %s is ready (no deployment reported)\n", s.ID)
		return nil
	}
	fmt.Fprintf(a.stdout, "session %s is ready on %s (%s)\n", s.ID, orDash(d.FQDN), orDash(d.PublicIP))
	for _, p := range ports(d) {
		fmt.Fprintf(a.stdout, "  %s: %s\n", p.Name, connectLine(d, p))
	}
	return nil
}

func (a *app) printUsers(users []gameserver.User, err error) error {
	if err != nil {
		return err
	}
	pr := a.printer(ggen.SessionUser{}, "IP", "LATITUDE", "LONGITUDE")
	for i, j := range gsUsers(users) {
		lat, lon := "-", "-"
		if l := users[i].Location; l != nil {
			lat, lon = fmt.Sprint(l.Latitude), fmt.Sprint(l.Longitude)
		}
		if err := pr.row(j, j.IP, lat, lon); err != nil {
			return err
		}
	}
	return pr.flush()
}

func checkIPs(ips []string) error {
	for _, ip := range ips {
		if net.ParseIP(ip) == nil {
			return usagef("%q is not an IP address", ip)
		}
	}
	return nil
}

func (a *app) gameserverCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "gameserver",
		Aliases: []string{"gs"},
		Short:   "Edgegap game-server sessions",
		Long: `Edgegap (v1) game-server sessions: create one and wait until it is linked
to a deployment, see where to connect, add and remove players, list, delete,
and stop sessions in bulk.`,
	}
	addSecretFlag(cmd, "token", "Edgegap API token", envEdgegapAPIToken)
	// withSession makes c a command on the session args[0] names, run by fn with the client.
	type sessionFunc func(cmd *cobra.Command, gc *gameserver.Client, id string, args []string) error
	withSession := func(c *cobra.Command, fn sessionFunc) *cobra.Command {
		c.RunE = action(func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(args[0]) == "" {
				return usagef("ID must not be empty")
			}
			gc, err := a.gameserverClient(cmd, nil)
			if err != nil {
				return err
			}
			return fn(cmd, gc, args[0], args[1:])
		})
		return c
	}
	get := withSession(&cobra.Command{
		Use:   "get ID",
		Short: "Show a session, its players and its deployment",
		Args:  posArgs("ID"),
	}, func(cmd *cobra.Command, gc *gameserver.Client, id string, _ []string) error {
		return a.printGSSession(gc.Sessions.Get(cmd.Context(), id))
	})
	users := withSession(&cobra.Command{
		Use:   "users ID",
		Short: "List the players of a session",
		Args:  posArgs("ID"),
	}, func(cmd *cobra.Command, gc *gameserver.Client, id string, _ []string) error {
		return a.printUsers(gc.Sessions.Users(cmd.Context(), id))
	})
	a.addCSV(users)
	var wf waitFlags
	wait := withSession(&cobra.Command{
		Use:   "wait ID [--timeout D] [--delete-on-failure]",
		Short: "Wait until a session is ready and print where to connect",
		Long: `Wait until a session is ready and print where to connect; on a terminal a
progress line shows the time waited, the polls made and the session's status.
When the wait fails — a --timeout, an error, Ctrl-C — the message names the
command that deletes the session; --delete-on-failure deletes it instead.`,
		Args: posArgs("ID"),
	}, func(cmd *cobra.Command, gc *gameserver.Client, id string, _ []string) error {
		return a.printReady(a.waitFor(cmd.Context(), gc, id, wf))
	})
	wf.add(wait, nil)
	var ifExists bool
	del := withSession(&cobra.Command{
		Use:   "delete ID [--if-exists]",
		Short: "Delete a session; --if-exists treats one already gone as done",
		Args:  posArgs("ID"),
	}, func(cmd *cobra.Command, gc *gameserver.Client, id string, _ []string) error {
		// The JSON line is the API's answer, and whether this command deleted the session.
		out := struct {
			ggen.SessionDelete
			Deleted bool `json:"deleted"`
		}{ggen.SessionDelete{SessionID: id}, true}
		if ifExists {
			deleted, err := gc.Sessions.DeleteIfExists(cmd.Context(), id)
			if err != nil {
				return err
			}
			if out.Deleted = deleted; !deleted {
				out.Message = "already gone"
				return a.say(out, "session %s was already gone", id)
			}
		} else {
			d, err := gc.Sessions.Delete(cmd.Context(), id)
			if err != nil {
				return err
			}
			out.Message = d.Message
		}
		return a.say(out, "deleted session %s", id)
	})
	del.Flags().BoolVar(&ifExists, "if-exists", false, "succeed when the session is already gone (404 or 410)")
	cmd.AddCommand(get, users, wait, del)
	for _, c := range []struct {
		use, short string
		change     func(*gameserver.SessionsService, context.Context, string, []string, ...gameserver.Option) ([]gameserver.User, error)
	}{
		{"add-users", "Add players to a session; prints its players", (*gameserver.SessionsService).AddUsers},
		{"remove-users", "Remove players from a session; prints its players", (*gameserver.SessionsService).RemoveUsers},
	} {
		cmd.AddCommand(withSession(&cobra.Command{
			Use:   c.use + " ID IP...",
			Short: c.short,
			Args:  cobra.MatchAll(posArgs("ID", "IP..."), func(_ *cobra.Command, args []string) error { return checkIPs(args[1:]) }),
		}, func(cmd *cobra.Command, gc *gameserver.Client, id string, ips []string) error {
			return a.printUsers(c.change(gc.Sessions, cmd.Context(), id, ips))
		}))
	}
	return group(cmd, gameserverCredentialsHelp, a.gsCreate(), a.gsList(), a.gsBulkStop())
}

func (a *app) gsCreate() *cobra.Command {
	var (
		app, version string
		ips          []string
		wait         bool
		wf           waitFlags
	)
	cmd := &cobra.Command{
		Use:   "create --app NAME --ip IP... [--wait [--timeout D] [--delete-on-failure]]",
		Short: "Create a session; with --wait, wait until it is ready and print where to connect",
		Long: `Create a session (session-post) for the players at --ip. With --wait, wait
until it is ready and print where to connect; on a terminal a progress line
shows the time waited, the polls made and the session's status.

When the wait fails after the session was created — a --timeout, an error,
Ctrl-C — the message names the session and the command that deletes it: the
session still exists and holds its players. --delete-on-failure deletes it
instead.

A 409 Conflict (gameserver.ErrConflict in the SDK) means a session of the same
app version for the same players is still waiting for a deployment: wait for
it ("sessions gameserver wait ID") or delete it before creating another.`,
		Example: `  sessions gameserver create --app my-game --ip 162.254.103.13 --ip 198.12.116.39 --wait --timeout 2m`,
		Args:    posArgs(),
		RunE: action(func(cmd *cobra.Command, _ []string) error {
			switch {
			case strings.TrimSpace(app) == "":
				return usagef("--app is required: the name of the app")
			case len(ips) == 0:
				return usagef("--ip is required: the public IP of at least one player")
			}
			if err := checkIPs(ips); err != nil {
				return err
			}
			gc, err := a.gameserverClient(cmd, nil)
			if err != nil {
				return err
			}
			created, err := gc.Sessions.Create(cmd.Context(), &gameserver.CreateRequest{AppName: app, VersionName: version, IPList: ips})
			if errors.Is(err, gameserver.ErrConflict) {
				return &exitError{code: exitAPI, cause: err, msg: describeError(err) +
					"\nsessions: a session of this app version for these players is still waiting for a deployment: wait for it or delete it (sessions gameserver list) before creating another"}
			}
			if err != nil {
				return err
			}
			out := gsCreated{SessionRequest: ggen.SessionRequest{SessionID: created.ID, App: created.App, Version: created.Version,
				DeploymentRequestID: created.DeploymentRequestID}}
			what := fmt.Sprintf("created session %s (app %s, version %s)", created.ID, created.App, created.Version)
			if !wait {
				return a.say(out, "%s", what)
			}
			fmt.Fprintf(a.stderr, "%s; waiting until it is ready\n", what)
			s, err := a.waitFor(cmd.Context(), gc, created.ID, wf)
			if err != nil {
				return err
			}
			if !a.json {
				return a.printReady(s, nil)
			}
			j := gsSession(s)
			out.Session = &j
			return jsonLine(a.stdout, out)
		}),
	}
	cmd.Flags().StringVar(&app, "app", "", "the app's name (required)")
	cmd.Flags().StringVar(&version, "version", "", "the app version's name (default: the API picks)")
	cmd.Flags().StringArrayVar(&ips, "ip", nil, "a player's public IP (repeat for more; at least one)")
	cmd.Flags().BoolVar(&wait, "wait", false, "wait until the session is ready and print where to connect")
	wf.add(cmd, &wait)
	return cmd
}

// gsCreated is the JSON line of "gameserver create": the API's answer
// and, with --wait, the session ready.
type gsCreated struct {
	ggen.SessionRequest
	Session *ggen.SessionGet `json:"session,omitempty"`
}

func (a *app) gsList() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "list [--limit N]",
		Short: "List the sessions",
		Args:  posArgs(),
		RunE: action(func(cmd *cobra.Command, _ []string) error {
			if limit < 0 {
				return usagef("--limit %d: must be 0 (no limit) or more", limit)
			}
			gc, err := a.gameserverClient(cmd, nil)
			if err != nil {
				return err
			}
			return printAll(a, gc.Sessions.List(nil).All(cmd.Context()), limit, ggen.SessionContext{},
				[]string{"ID", "STATUS", "KIND", "READY", "LINKED", "USERS", "DEPLOYMENT"},
				func(pr *printer, s gameserver.SessionSummary) (bool, error) {
					j := ggen.SessionContext{SessionID: s.ID, CustomID: s.CustomID, Status: s.Status, Kind: s.Kind, Ready: s.Ready,
						Linked: s.Linked, UserCount: s.UserCount, DeploymentRequestID: s.DeploymentRequestID, WebhookURL: s.WebhookURL}
					return true, pr.row(j, s.ID, s.Status, orDash(s.Kind), s.Ready, s.Linked, s.UserCount, orDash(s.DeploymentRequestID))
				})
		}),
	}
	cmd.Flags().IntVar(&limit, "limit", 0, "print at most this many sessions (0: all)")
	a.addCSV(cmd)
	return cmd
}

// stopFields and filterTypes are the accepted --field and --type values.
var (
	stopFields  = []string{string(gameserver.StopBySessionID), string(gameserver.StopByDeploymentTags), string(gameserver.StopByRequestID)}
	filterTypes = []string{string(gameserver.FilterAny), string(gameserver.FilterAll), string(gameserver.FilterNot)}
)

func (a *app) gsBulkStop() *cobra.Command {
	var (
		field, ftype string
		bf           bulkFlags
	)
	cmd := &cobra.Command{
		Use:   "bulk-stop --field F --type any|all|not VALUE...",
		Short: "Stop every session whose field matches the values",
		Long: `Stop, in one request (sessions-bulk-stop), every session whose --field
(session_id, deployment_tags or request_id) matches the values: any of them,
all of them, or none of them (--type not). Prints one line per session stopped.

--dry-run sends nothing destructive: it lists the sessions (and, for
deployment_tags and request_id, gets each one, --concurrency at a time) and
prints those the filter matches.`,
		Example: `  sessions gameserver bulk-stop --field session_id --type any 950dd2eaff09-S 1b2c3d4e5f60-S
  sessions gameserver bulk-stop --field deployment_tags --type all ranked eu --dry-run`,
		Args: posArgs("VALUE..."),
		RunE: action(func(cmd *cobra.Command, values []string) error {
			switch {
			case !slices.Contains(stopFields, field):
				return usagef("--field %q: must be one of %s", field, quoteAll(stopFields, ", "))
			case !slices.Contains(filterTypes, ftype):
				return usagef("--type %q: must be one of %s", ftype, quoteAll(filterTypes, ", "))
			}
			job := &bulkJob{bulkFlags: bf, name: "bulk-stop", now: a.now}
			gc, err := a.gameserverClient(cmd, job)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			filter := gameserver.StopFilter{Field: gameserver.StopField(field), Type: gameserver.FilterType(ftype), Values: values}
			if bf.dryRun {
				return a.bulkStopDryRun(ctx, gc, filter, job)
			}
			// One request, paced and retried by the SDK. An interrupt cuts it
			// short after the grace period; its outcome is then unknown.
			in, end := a.inflight(ctx)
			defer end()
			job.inflight.Store(&in)
			stopped, err := gc.Sessions.BulkStop(ctx, []gameserver.StopFilter{filter})
			tl := tooLong(err, job.maxWait)
			switch {
			case err == nil:
			case unanswered(err) && errors.Is(context.Cause(in), errCutShort):
				return &exitError{code: exitPartial, msg: "bulk-stop: interrupted while in flight: the outcome is unknown; run it again (stopped sessions are not matched again)"}
			case ctx.Err() != nil && notActedOn(err):
				return &exitError{code: exitPartial, msg: "bulk-stop: not started: interrupted"}
			case tl != nil:
				return &exitError{code: exitPartial, msg: "bulk-stop: not done: " + tl.Error()}
			default:
				return err
			}
			for _, id := range stopped {
				if err := a.say(bulkResult{ID: id, OK: true}, "%-7s %s", "stopped", id); err != nil {
					return err
				}
			}
			fmt.Fprintf(a.summaryOut(), "bulk-stop: %d sessions stopped; %d rate-limited (429) responses\n", len(stopped), job.tooMany.Load())
			return nil
		}),
	}
	cmd.Flags().StringVar(&field, "field", "", "what to match: session_id, deployment_tags or request_id (required)")
	cmd.Flags().StringVar(&ftype, "type", "", "how to match the values: any, all or not (required)")
	_ = cmd.RegisterFlagCompletionFunc("field", cobra.FixedCompletions(stopFields, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions(filterTypes, cobra.ShellCompDirectiveNoFileComp))
	bf.add(cmd)
	return cmd
}

// bulkStopDryRun prints the sessions a bulk stop would stop.
func (a *app) bulkStopDryRun(ctx context.Context, gc *gameserver.Client, f gameserver.StopFilter, job *bulkJob) error {
	all, err := gc.Sessions.List(nil).Collect(ctx)
	if err != nil {
		return err
	}
	items := make([]bulkItem, len(all))
	for i, s := range all {
		items[i] = bulkItem{id: s.ID, key: s.ID}
	}
	return a.runBulk(ctx, job, items, func(ctx context.Context, it bulkItem) (string, string, error) {
		have := []string{it.id}
		if f.Field != gameserver.StopBySessionID {
			s, err := gc.Sessions.Get(ctx, it.id)
			if err != nil {
				return "", "", err
			}
			have = nil
			if d := s.Deployment; d != nil && f.Field == gameserver.StopByRequestID {
				have = []string{d.RequestID}
			} else if d != nil {
				have = d.Tags
			}
		}
		hit := 0
		for _, v := range f.Values {
			if slices.Contains(have, v) {
				hit++
			}
		}
		if f.Type == gameserver.FilterAll && hit == len(f.Values) || f.Type == gameserver.FilterNot && hit == 0 ||
			f.Type == gameserver.FilterAny && hit > 0 {
			return "stop", "would stop", nil
		}
		return "keep", "would keep", nil
	})
}
