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

// The JSON lines of the game-server commands are the API's own bodies
// (the generated models, gameservergen), filled from the SDK's types:
// get and wait print a session as get-session answers it, with its
// create_time in RFC 3339 (UTC, microseconds); list a session as
// list-sessions does; users a player as the users operations do.

// gsUser is a player as the API writes one.
func gsUser(u gameserver.User) ggen.SessionUser {
	j := ggen.SessionUser{IP: u.IP}
	if u.Location != nil {
		lat, lon := u.Location.Latitude, u.Location.Longitude
		j.Latitude, j.Longitude = &lat, &lon
	}
	return j
}

// gsUsers are players as the API writes them.
func gsUsers(users []gameserver.User) []ggen.SessionUser {
	out := make([]ggen.SessionUser, len(users))
	for i, u := range users {
		out[i] = gsUser(u)
	}
	return out
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

// gsDeployment is a deployment as get-session writes one.
func gsDeployment(d *gameserver.Deployment) *ggen.Deployment {
	j := &ggen.Deployment{
		FQDN: d.FQDN, PublicIP: d.PublicIP, Ready: d.Ready, RequestID: d.RequestID, Status: d.Status,
		Tags: d.Tags, WhitelistingActive: d.WhitelistingActive, IsJoinableBySession: d.JoinableBySession,
		Sockets: d.Sockets, SocketsUsage: d.SocketsUsage, Ports: map[string]ggen.PortMapping{},
	}
	for n, p := range d.Ports {
		j.Ports[n] = ggen.PortMapping{External: p.External, Internal: p.Internal, Link: p.Link, Name: p.Name,
			Protocol: p.Protocol, Proxy: p.Proxy, TLSUpgrade: p.TLSUpgrade}
	}
	if l := d.Location; l != nil {
		j.Location = ggen.DeploymentLocation{AdministrativeDivision: l.AdministrativeDivision, City: l.City, Continent: l.Continent,
			Country: l.Country, Latitude: l.Latitude, Longitude: l.Longitude, Timezone: l.Timezone}
	}
	return j
}

// gsSession is a session as get-session writes one.
func gsSession(s *gameserver.Session) ggen.SessionGet {
	j := ggen.SessionGet{
		SessionID: s.ID, CustomID: s.CustomID, Status: s.Status, Kind: s.Kind, Ready: s.Ready, Linked: s.Linked,
		UserCount: s.UserCount, AppVersion: s.AppVersionID, Elapsed: int(s.Elapsed / time.Second), Error: s.Error,
		WebhookURL: s.WebhookURL, SessionUsers: gsUsers(s.Users), SessionIPs: gsUsers(s.IPs),
	}
	j.CreateTime = timeJSON(s.CreateTime)
	if s.Deployment != nil {
		j.Deployment = gsDeployment(s.Deployment)
	}
	return j
}

// printGSSession prints a session for people, or as a JSON line.
func (a *app) printGSSession(s *gameserver.Session) error {
	pr := a.printer()
	if a.json {
		return pr.jsonLine(gsSession(s))
	}
	pr.header(nil, "FIELD", "VALUE")
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

// connectLine says where players connect to a port.
func connectLine(d *gameserver.Deployment, p gameserver.Port) string {
	host := d.FQDN
	if host == "" {
		host = d.PublicIP
	}
	return fmt.Sprintf("%s:%d %s (internal %d)", host, p.External, orDash(p.Protocol), p.Internal)
}

// gameserverCommand is "sessions gameserver".
func (a *app) gameserverCommand() *cobra.Command {
	var creds gameserverCreds
	cmd := &cobra.Command{
		Use:     "gameserver",
		Aliases: []string{"gs"},
		Short:   "Edgegap game-server sessions",
		Long: `Edgegap (v1) game-server sessions: create one and wait until it is linked
to a deployment, see where to connect, add and remove players, list, delete,
and stop sessions in bulk.`,
		Args: cobra.ArbitraryArgs,
		RunE: groupRun,
	}
	creds.addFlags(cmd)
	client := func(cmd *cobra.Command, s clientSettings) (*gameserver.Client, error) {
		return a.gameserverClient(cmd, &creds, s)
	}
	cmd.AddCommand(
		a.gsCreate(client), a.gsGet(client), a.gsDelete(client), a.gsList(client),
		a.gsUsers(client), a.gsAddUsers(client), a.gsRemoveUsers(client),
		a.gsBulkStop(client), a.gsWait(client),
	)
	withHelp(cmd, gameserverCredentialsHelp)
	return cmd
}

type gsClientFunc func(*cobra.Command, clientSettings) (*gameserver.Client, error)

// sessionID checks a session id argument.
func sessionID(v string) (string, error) {
	if strings.TrimSpace(v) == "" {
		return "", usagef("ID must not be empty")
	}
	return v, nil
}

// checkIPs checks IP arguments.
func checkIPs(ips []string) error {
	for _, ip := range ips {
		if net.ParseIP(ip) == nil {
			return usagef("%q is not an IP address", ip)
		}
	}
	return nil
}

// gsCreated is the JSON line of "gameserver create": the API's answer
// and, with --wait, the session ready.
type gsCreated struct {
	ggen.SessionRequest
	Session *ggen.SessionGet `json:"session,omitempty"`
}

// waitCtx bounds a wait by timeout.
func waitCtx(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout > 0 {
		return context.WithTimeout(ctx, timeout)
	}
	return context.WithCancel(ctx)
}

func (a *app) gsCreate(client gsClientFunc) *cobra.Command {
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
		Args:    exactArgs(),
		RunE: action(func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(app) == "" {
				return usagef("--app is required: the name of the app")
			}
			if len(ips) == 0 {
				return usagef("--ip is required: the public IP of at least one player")
			}
			if err := checkIPs(ips); err != nil {
				return err
			}
			if wf.timeout < 0 {
				return usagef("--timeout %s: must not be negative", wf.timeout)
			}
			if (wf.timeout > 0 || wf.deleteOnFailure) && !wait {
				return usagef("--timeout and --delete-on-failure need --wait")
			}
			gc, err := client(cmd, clientSettings{})
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
			pr := a.printer()
			if !wait {
				if a.json {
					return pr.jsonLine(out)
				}
				pr.text("created session %s (app %s, version %s)", created.ID, created.App, created.Version)
				return nil
			}
			fmt.Fprintf(a.stderr, "created session %s (app %s, version %s); waiting until it is ready\n", created.ID, created.App, created.Version)
			s, err := a.waitFor(cmd.Context(), gc, created.ID, wf)
			if err != nil {
				return err
			}
			if a.json {
				j := gsSession(s)
				out.Session = &j
				return pr.jsonLine(out)
			}
			return a.printReady(s)
		}),
	}
	cmd.Flags().StringVar(&app, "app", "", "the app's name (required)")
	cmd.Flags().StringVar(&version, "version", "", "the app version's name (default: the API picks)")
	cmd.Flags().StringArrayVar(&ips, "ip", nil, "a player's public IP (repeat for more; at least one)")
	cmd.Flags().BoolVar(&wait, "wait", false, "wait until the session is ready and print where to connect")
	wf.add(cmd)
	return cmd
}

// add registers the wait flags on cmd.
func (wf *waitFlags) add(cmd *cobra.Command) {
	cmd.Flags().DurationVar(&wf.timeout, "timeout", 0, "give up waiting after this long (default: no limit)")
	cmd.Flags().BoolVar(&wf.deleteOnFailure, "delete-on-failure", false, "when the wait fails (timeout, error, Ctrl-C), delete the session instead of leaving it")
}

// printReady prints where to connect to a ready session.
func (a *app) printReady(s *gameserver.Session) error {
	if s.Deployment == nil {
		fmt.Fprintf(a.stdout, "session %s is ready (no deployment reported)\n", s.ID)
		return nil
	}
	d := s.Deployment
	fmt.Fprintf(a.stdout, "session %s is ready on %s (%s)\n", s.ID, orDash(d.FQDN), orDash(d.PublicIP))
	for _, p := range ports(d) {
		fmt.Fprintf(a.stdout, "  %s: %s\n", p.Name, connectLine(d, p))
	}
	return nil
}

func (a *app) gsGet(client gsClientFunc) *cobra.Command {
	return &cobra.Command{
		Use:   "get ID",
		Short: "Show a session, its players and its deployment",
		Args:  exactArgs("ID"),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			id, err := sessionID(args[0])
			if err != nil {
				return err
			}
			gc, err := client(cmd, clientSettings{})
			if err != nil {
				return err
			}
			s, err := gc.Sessions.Get(cmd.Context(), id)
			if err != nil {
				return err
			}
			return a.printGSSession(s)
		}),
	}
}

func (a *app) gsWait(client gsClientFunc) *cobra.Command {
	var wf waitFlags
	cmd := &cobra.Command{
		Use:   "wait ID [--timeout D] [--delete-on-failure]",
		Short: "Wait until a session is ready and print where to connect",
		Long: `Wait until a session is ready and print where to connect; on a terminal a
progress line shows the time waited, the polls made and the session's status.
When the wait fails — a --timeout, an error, Ctrl-C — the message names the
command that deletes the session; --delete-on-failure deletes it instead.`,
		Args: exactArgs("ID"),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			id, err := sessionID(args[0])
			if err != nil {
				return err
			}
			if wf.timeout < 0 {
				return usagef("--timeout %s: must not be negative", wf.timeout)
			}
			gc, err := client(cmd, clientSettings{})
			if err != nil {
				return err
			}
			s, err := a.waitFor(cmd.Context(), gc, id, wf)
			if err != nil {
				return err
			}
			if a.json {
				return a.printer().jsonLine(gsSession(s))
			}
			return a.printReady(s)
		}),
	}
	wf.add(cmd)
	return cmd
}

// gsDeleted is the JSON line of "gameserver delete": the API's answer,
// and whether this command deleted the session.
type gsDeleted struct {
	ggen.SessionDelete
	Deleted bool `json:"deleted"`
}

func (a *app) gsDelete(client gsClientFunc) *cobra.Command {
	var ifExists bool
	cmd := &cobra.Command{
		Use:   "delete ID [--if-exists]",
		Short: "Delete a session; --if-exists treats one already gone as done",
		Args:  exactArgs("ID"),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			id, err := sessionID(args[0])
			if err != nil {
				return err
			}
			gc, err := client(cmd, clientSettings{})
			if err != nil {
				return err
			}
			out := gsDeleted{SessionDelete: ggen.SessionDelete{SessionID: id}, Deleted: true}
			if ifExists {
				deleted, err := gc.Sessions.DeleteIfExists(cmd.Context(), id)
				if err != nil {
					return err
				}
				out.Deleted = deleted
				if !deleted {
					out.Message = "already gone"
				}
			} else {
				d, err := gc.Sessions.Delete(cmd.Context(), id)
				if err != nil {
					return err
				}
				out.Message = d.Message
			}
			pr := a.printer()
			if a.json {
				return pr.jsonLine(out)
			}
			if out.Deleted {
				pr.text("deleted session %s", id)
			} else {
				pr.text("session %s was already gone", id)
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&ifExists, "if-exists", false, "succeed when the session is already gone (404 or 410)")
	return cmd
}

func (a *app) gsList(client gsClientFunc) *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "list [--limit N]",
		Short: "List the sessions",
		Args:  exactArgs(),
		RunE: action(func(cmd *cobra.Command, _ []string) error {
			if limit < 0 {
				return usagef("--limit %d: must be 0 (no limit) or more", limit)
			}
			gc, err := client(cmd, clientSettings{})
			if err != nil {
				return err
			}
			pr := a.printer()
			pr.header(ggen.SessionContext{}, "ID", "STATUS", "KIND", "READY", "LINKED", "USERS", "DEPLOYMENT")
			n := 0
			for s, err := range gc.Sessions.List(nil).All(cmd.Context()) {
				if err != nil {
					pr.abort()
					return err
				}
				j := ggen.SessionContext{SessionID: s.ID, CustomID: s.CustomID, Status: s.Status, Kind: s.Kind, Ready: s.Ready, Linked: s.Linked,
					UserCount: s.UserCount, DeploymentRequestID: s.DeploymentRequestID, WebhookURL: s.WebhookURL}
				if err := pr.row(j, s.ID, s.Status, orDash(s.Kind), s.Ready, s.Linked, s.UserCount, orDash(s.DeploymentRequestID)); err != nil {
					return err
				}
				if n++; limit > 0 && n >= limit {
					break
				}
			}
			return pr.flush()
		}),
	}
	cmd.Flags().IntVar(&limit, "limit", 0, "print at most this many sessions (0: all)")
	a.addCSV(cmd)
	return cmd
}

// printUsers prints a session's players.
func (a *app) printUsers(users []gameserver.User) error {
	pr := a.printer()
	pr.header(ggen.SessionUser{}, "IP", "LATITUDE", "LONGITUDE")
	for _, u := range users {
		lat, lon := "-", "-"
		if u.Location != nil {
			lat, lon = fmt.Sprint(u.Location.Latitude), fmt.Sprint(u.Location.Longitude)
		}
		if err := pr.row(gsUser(u), u.IP, lat, lon); err != nil {
			return err
		}
	}
	return pr.flush()
}

func (a *app) gsUsers(client gsClientFunc) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users ID",
		Short: "List the players of a session",
		Args:  exactArgs("ID"),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			id, err := sessionID(args[0])
			if err != nil {
				return err
			}
			gc, err := client(cmd, clientSettings{})
			if err != nil {
				return err
			}
			users, err := gc.Sessions.Users(cmd.Context(), id)
			if err != nil {
				return err
			}
			return a.printUsers(users)
		}),
	}
	a.addCSV(cmd)
	return cmd
}

// usersChange is add-users or remove-users.
func (a *app) usersChange(client gsClientFunc, use, short string, change func(*gameserver.SessionsService, context.Context, string, []string) ([]gameserver.User, error)) *cobra.Command {
	return &cobra.Command{
		Use:   use + " ID IP...",
		Short: short,
		Args:  minArgs(2, "ID IP..."),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			id, err := sessionID(args[0])
			if err != nil {
				return err
			}
			ips := args[1:]
			if err := checkIPs(ips); err != nil {
				return err
			}
			gc, err := client(cmd, clientSettings{})
			if err != nil {
				return err
			}
			users, err := change(gc.Sessions, cmd.Context(), id, ips)
			if err != nil {
				return err
			}
			return a.printUsers(users)
		}),
	}
}

func (a *app) gsAddUsers(client gsClientFunc) *cobra.Command {
	return a.usersChange(client, "add-users", "Add players to a session; prints its players",
		func(s *gameserver.SessionsService, ctx context.Context, id string, ips []string) ([]gameserver.User, error) {
			return s.AddUsers(ctx, id, ips)
		})
}

func (a *app) gsRemoveUsers(client gsClientFunc) *cobra.Command {
	return a.usersChange(client, "remove-users", "Remove players from a session; prints its players",
		func(s *gameserver.SessionsService, ctx context.Context, id string, ips []string) ([]gameserver.User, error) {
			return s.RemoveUsers(ctx, id, ips)
		})
}

// stopFields and filterTypes are the accepted --field and --type values.
var (
	stopFields  = []string{string(gameserver.StopBySessionID), string(gameserver.StopByDeploymentTags), string(gameserver.StopByRequestID)}
	filterTypes = []string{string(gameserver.FilterAny), string(gameserver.FilterAll), string(gameserver.FilterNot)}
)

func (a *app) gsBulkStop(client gsClientFunc) *cobra.Command {
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
		Args: minArgs(1, "VALUE..."),
		RunE: action(func(cmd *cobra.Command, values []string) error {
			if !slices.Contains(stopFields, field) {
				return usagef("--field %q: must be one of %s", field, quoteAll(stopFields, ", "))
			}
			if !slices.Contains(filterTypes, ftype) {
				return usagef("--type %q: must be one of %s", ftype, quoteAll(filterTypes, ", "))
			}
			if err := bf.check(); err != nil {
				return err
			}
			calls := &jobCalls{now: a.now}
			gc, err := client(cmd, bf.clientSettings(calls))
			if err != nil {
				return err
			}
			filter := gameserver.StopFilter{Field: gameserver.StopField(field), Type: gameserver.FilterType(ftype), Values: values}
			if bf.dryRun {
				return a.bulkStopDryRun(cmd.Context(), gc, filter, bf, calls)
			}
			stopped, err := a.bulkStop(cmd.Context(), gc, filter, bf, calls)
			if err != nil {
				return err
			}
			pr := a.printer()
			for _, id := range stopped {
				if a.json {
					if err := pr.jsonLine(bulkResult{ID: id, OK: true}); err != nil {
						return err
					}
				} else {
					fmt.Fprintf(a.stdout, "%-7s %s\n", "stopped", id)
				}
			}
			w := a.stdout
			if a.json {
				w = a.stderr
			}
			fmt.Fprintf(w, "bulk-stop: %d sessions stopped; %d rate-limited (429) responses\n", len(stopped), calls.rateLimited())
			return nil
		}),
	}
	cmd.Flags().StringVar(&field, "field", "", "what to match: session_id, deployment_tags or request_id (required)")
	cmd.Flags().StringVar(&ftype, "type", "", "how to match the values: any, all or not (required)")
	completeValues(cmd, "field", stopFields)
	completeValues(cmd, "type", filterTypes)
	bf.add(cmd)
	return cmd
}

// bulkStop sends the one bulk-stop request, paced and retried by the SDK;
// a wait the API asks for beyond --max-wait is not made. An interrupt cuts
// the request short after the grace period; its outcome is then unknown,
// and the error says so.
func (a *app) bulkStop(ctx context.Context, gc *gameserver.Client, filter gameserver.StopFilter, bf bulkFlags, calls *jobCalls) ([]string, error) {
	in, end := a.inflight(ctx)
	defer end()
	calls.follow(in)
	stopped, err := gc.Sessions.BulkStop(ctx, []gameserver.StopFilter{filter})
	switch {
	case err == nil:
		return stopped, nil
	case unanswered(err) && errors.Is(context.Cause(in), errCutShort):
		return nil, &exitError{code: exitPartial, msg: "bulk-stop: interrupted while in flight: the outcome is unknown; run it again (stopped sessions are not matched again)"}
	case ctx.Err() != nil && notActedOn(err):
		return nil, &exitError{code: exitPartial, msg: "bulk-stop: not started: interrupted"}
	}
	if tl := tooLong(err, bf.maxWait); tl != nil {
		return nil, &exitError{code: exitPartial, msg: "bulk-stop: not done: " + tl.Error()}
	}
	return nil, err
}

// completeValues makes shell completion offer values for an enum flag.
func completeValues(cmd *cobra.Command, flag string, values []string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// bulkStopDryRun prints the sessions a bulk stop would stop.
func (a *app) bulkStopDryRun(ctx context.Context, gc *gameserver.Client, f gameserver.StopFilter, bf bulkFlags, calls *jobCalls) error {
	all, err := gc.Sessions.List(nil).Collect(ctx)
	if err != nil {
		return err
	}
	items := make([]bulkItem, len(all))
	for i, s := range all {
		items[i] = bulkItem{id: s.ID, key: s.ID}
	}
	return a.runBulk(ctx, bulkJob{
		name: "bulk-stop", items: items, concurrency: bf.concurrency, dryRun: true, calls: calls, maxWait: bf.maxWait,
		do: func(ctx context.Context, it bulkItem) (bulkOutcome, error) {
			id := it.key.(string)
			var have []string
			switch f.Field {
			case gameserver.StopBySessionID:
				have = []string{id}
			default:
				s, err := gc.Sessions.Get(ctx, id)
				if err != nil {
					return bulkOutcome{}, err
				}
				if s.Deployment != nil {
					if f.Field == gameserver.StopByRequestID {
						have = []string{s.Deployment.RequestID}
					} else {
						have = s.Deployment.Tags
					}
				}
			}
			if matches(f, have) {
				return bulkOutcome{action: "stop", detail: "would stop"}, nil
			}
			return bulkOutcome{action: "keep", detail: "would keep"}, nil
		},
	})
}

// matches applies a bulk-stop filter to the values a session has.
func matches(f gameserver.StopFilter, have []string) bool {
	hit := 0
	for _, v := range f.Values {
		if slices.Contains(have, v) {
			hit++
		}
	}
	switch f.Type {
	case gameserver.FilterAll:
		return hit == len(f.Values)
	case gameserver.FilterNot:
		return hit == 0
	default:
		return hit > 0
	}
}
