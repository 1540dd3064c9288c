package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/api/specproxy"
)

func (a *app) proxyCommand() *cobra.Command {
	var upstream, api, listen, record string
	cmd := &cobra.Command{
		Use:   "proxy --upstream URL",
		Short: "Forward to the real service and check every request and answer against the specs",
		Long: `Listen on loopback, forward each request unchanged to --upstream (the real
Zendesk account or the Edgegap API), and check the request and the answer
against sessionkit's spec of that API. Run your own app, or this CLI with
--base-url, through it to learn whether the real service still matches the
specs.

Each violation is printed on stderr and as a JSON line on stdout:
{"operation", "in": "request" | "response", "field", "rule", "seen"}. A
credential is never printed: headers are not reported, and "seen" is
"[REDACTED]" for fields that may hold a credential or personal data and for
the token endpoint's bodies.

--record FILE writes what the answers showed when the proxy stops (Ctrl-C),
in the state format of "sessions mock --state": sessions, users, apps and
deployments, with every email, IP address, custom id and webhook replaced or
left out, and one made-up credential (API token "recorded" for
recording@example.invalid, and the game-server key "recorded").

--api is guessed from the upstream: *.zendesk.com is zendesk, anything else
needs --api.`,
		Example: `  sessions proxy --upstream https://acme.zendesk.com --record acme.json
  sessions --base-url http://127.0.0.1:8090 zendesk list    # in another terminal
  sessions proxy --api gameserver --upstream https://api.edgegap.com --listen 127.0.0.1:8091`,
		Args: posArgs(),
		RunE: action(func(cmd *cobra.Command, _ []string) error {
			if upstream == "" {
				return usagef("--upstream is required: the real service's base URL, such as https://acme.zendesk.com")
			}
			if api == "" {
				if u, err := url.Parse(upstream); err == nil && strings.HasSuffix(strings.ToLower(u.Hostname()), ".zendesk.com") {
					api = specproxy.Zendesk
				} else {
					return usagef("--api: say zendesk or gameserver for upstream %q", upstream)
				}
			}
			host, _, err := net.SplitHostPort(listen)
			if err != nil || net.ParseIP(host) == nil || !net.ParseIP(host).IsLoopback() {
				return usagef("--listen %q: must be a loopback address with a port, such as 127.0.0.1:8090", listen)
			}
			var (
				mu    sync.Mutex
				count int
			)
			report := func(v specproxy.Violation) {
				mu.Lock()
				defer mu.Unlock()
				count++
				line, _ := json.Marshal(struct {
					Operation string `json:"operation"`
					In        string `json:"in"`
					Field     string `json:"field"`
					Rule      string `json:"rule"`
					Seen      any    `json:"seen,omitempty"`
				}{v.Operation, v.In, v.Field, v.Rule, v.Seen})
				fmt.Fprintln(a.stdout, string(line))
				seen := "nothing"
				if v.Seen != nil {
					b, _ := json.Marshal(v.Seen)
					seen = string(b)
				}
				fmt.Fprintf(a.stderr, "violation: %s %s %s: %s (seen %s)\n", cmp.Or(v.Operation, "(no operation)"), v.In, v.Field, v.Rule, seen)
			}
			p, err := specproxy.New(specproxy.Config{API: api, Upstream: upstream, Report: report, Record: record != ""})
			if err != nil {
				return usagef("%s", strings.TrimPrefix(err.Error(), "specproxy: "))
			}
			if record != "" { // fail now, not after a session of traffic
				if err := writeFileAtomic(record, nil); err != nil {
					return usagef("--record: %v", err)
				}
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return usagef("--listen: %v", err)
			}
			srv := &http.Server{Handler: p}
			go func() { _ = srv.Serve(ln) }()
			fmt.Fprintf(a.stderr, "sessions proxy: http://%s → %s, checked against the %s spec; Ctrl-C stops\n", ln.Addr(), upstream, api)
			<-cmd.Context().Done()
			ctx, cancel := context.WithTimeout(context.Background(), mockShutdownGrace)
			defer cancel()
			_ = srv.Shutdown(ctx)
			mu.Lock()
			fmt.Fprintf(a.stderr, "sessions proxy: stopped; %d violations\n", count)
			mu.Unlock()
			if record == "" {
				return nil
			}
			b, err := json.MarshalIndent(p.Recording(), "", "  ")
			if err != nil {
				return err
			}
			return writeFileAtomic(record, append(b, '\n'))
		}),
	}
	fl := cmd.Flags()
	fl.StringVar(&upstream, "upstream", "", "the real service's base URL (https://SUBDOMAIN.zendesk.com, https://api.edgegap.com)")
	fl.StringVar(&api, "api", "", "the spec to check against: zendesk or gameserver (guessed for *.zendesk.com)")
	fl.StringVar(&listen, "listen", "127.0.0.1:8090", "the loopback address to listen on (port 0: a free one)")
	fl.StringVar(&record, "record", "", "write what the answers showed, redacted, as a mock state file when stopped")
	return cmd
}

// writeFileAtomic writes data to path through a temporary file beside it,
// so that path never holds half a file; nil data only checks that it can.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".sessions-proxy-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil || data == nil {
		_ = os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}
