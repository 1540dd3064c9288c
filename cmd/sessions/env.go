package main

import (
	"cmp"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// The environment variables the command reads.
const (
	envZendeskSubdomain    = "ZENDESK_SUBDOMAIN"
	envZendeskClientID     = "ZENDESK_CLIENT_ID"
	envZendeskClientSecret = "ZENDESK_CLIENT_SECRET"
	envZendeskOAuthToken   = "ZENDESK_OAUTH_TOKEN"
	envZendeskEmail        = "ZENDESK_EMAIL"
	envZendeskAPIToken     = "ZENDESK_API_TOKEN"
	envEdgegapAPIToken     = "EDGEGAP_API_TOKEN"
)

// Help paragraphs naming where each API's credentials come from; every
// command of the API carries its paragraph.
const (
	zendeskCredentialsHelp = `Credentials: ZENDESK_SUBDOMAIN (or --subdomain) names the account. The
first complete set of these authenticates:
  1. ZENDESK_CLIENT_ID + ZENDESK_CLIENT_SECRET (or --client-id and
     --client-secret-file): an OAuth client; one token is minted for the
     command (the client-credentials grant) and minted again when it expires
     or is refused;
  2. ZENDESK_OAUTH_TOKEN (or --oauth-token-file): an OAuth access token;
  3. ZENDESK_EMAIL + ZENDESK_API_TOKEN (or --email and --api-token-file): an
     API token (accounts created from 2026-07-28 have none; every token is
     deactivated on 2027-04-30).
A flag replaces its variable. Half a client pair, or an API token without
an email, is an error naming what is missing. A secret is never a flag
value: each --…-file FILE reads it from a file, and "-" from stdin.`
	gameserverCredentialsHelp = `Credentials: EDGEGAP_API_TOKEN, or --token-file FILE ("-" reads stdin).
A secret is never a flag value.`
)

const (
	maxSecretBytes = 64 << 10       // the most read from a secret's file or stdin
	userAgent      = "sessions-cli" // the product put in front of the SDK's User-Agent
)

// addSecretFlag registers --NAME-file, where the secret is read from ("-":
// stdin), and a hidden --NAME, kept only to refuse a secret given as a flag
// value with a message saying what to use instead.
func addSecretFlag(cmd *cobra.Command, name, what, env string) {
	pf := cmd.PersistentFlags()
	pf.String(name+"-file", "", fmt.Sprintf("read the %s from this file (\"-\": stdin) instead of $%s", what, env))
	pf.String(name, "", "")
	_ = pf.MarkHidden(name)
}

// setting is the value of --name, or else of the environment variable env.
func (a *app) setting(cmd *cobra.Command, name, env string) string {
	if v, _ := cmd.Flags().GetString(name); v != "" {
		return v
	}
	return strings.TrimSpace(a.getenv(env))
}

// secret returns a secret from the file --name-file names, else from the
// environment variable env. A value of --name itself is refused.
func (a *app) secret(cmd *cobra.Command, name, env string) (string, error) {
	if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
		return "", usagef("--%s takes no value on the command line (it would show in ps and the shell history): set %s, or use --%s-file FILE (\"-\" reads stdin)", name, env, name)
	}
	file, _ := cmd.Flags().GetString(name + "-file")
	if file == "" {
		return strings.TrimSpace(a.getenv(env)), nil
	}
	var r io.Reader = a.stdin
	if file == "-" {
		if a.stdinUsed {
			return "", usagef("--%s-file -: stdin is already read for something else", name)
		}
		a.stdinUsed = true
	} else {
		f, err := os.Open(file)
		if err != nil {
			return "", usagef("--%s-file: %v", name, err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxSecretBytes+1))
	v := strings.TrimSpace(string(b))
	switch {
	case err != nil:
		return "", usagef("--%s-file %s: %v", name, file, err)
	case len(b) > maxSecretBytes:
		return "", usagef("--%s-file %s: more than %d bytes, not a token", name, file, maxSecretBytes)
	case v == "":
		return "", usagef("--%s-file %s: empty", name, file)
	}
	return v, nil
}

// logger returns the --verbose logger: each HTTP attempt, at debug level,
// on stderr.
func (a *app) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, at slog.Attr) slog.Attr {
			if len(groups) == 0 && at.Key == slog.TimeKey {
				return slog.Attr{} // durations are logged; wall times only clutter
			}
			return at
		},
	}))
}

// httpClient returns the HTTP client a command's SDK client sends through:
// base (nil: a clone of the default transport) bounded by --request-timeout.
// It stays an *http.Client, so the SDK's refusal of redirects to another
// origin still applies.
func (a *app) httpClient(base *http.Client) *http.Client {
	c := &http.Client{}
	if base != nil {
		*c = *base
	}
	if c.Transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = maxConcurrency // one idle connection per worker
		c.Transport = t
	}
	c.Timeout = a.requestTimeout
	return c
}

// zendeskClient builds the Zendesk client of a command from --demo, flags
// and environment; job, for a bulk command, paces, retries and observes it
// (see bulkJob). Missing settings are usage errors naming the variables.
func (a *app) zendeskClient(cmd *cobra.Command, job *bulkJob) (*zendesk.Client, error) {
	subdomain, base := a.setting(cmd, "subdomain", envZendeskSubdomain), a.zendeskHTTP
	var opts []zendesk.Option
	if a.demo {
		srv, err := zendesktest.Start(zendeskDemoOptions(a.now)...)
		if err != nil {
			return nil, fmt.Errorf("starting the demo Zendesk server: %w", err)
		}
		a.cleanup = append(a.cleanup, srv.Close)
		subdomain, base = "demo", srv.Client()
		opts = append(opts, zendesk.WithBaseURL(srv.URL), zendesk.WithAPIToken(demoAdminEmail, demoZendeskToken))
	} else {
		if a.baseURL != "" {
			opts = append(opts, zendesk.WithBaseURL(a.baseURL))
			subdomain = cmp.Or(subdomain, "custom") // the base URL decides where requests go
		}
		if subdomain == "" {
			return nil, usagef("no Zendesk account: set %s (or --subdomain, or --base-url)", envZendeskSubdomain)
		}
		auth, err := a.zendeskAuth(cmd)
		if err != nil {
			return nil, err
		}
		opts = append(opts, auth)
	}
	opts = append(opts, zendesk.WithHTTPClient(a.httpClient(base)), zendesk.WithUserAgent(userAgent))
	if a.verbose {
		opts = append(opts, zendesk.WithLogger(a.logger()))
	}
	if job != nil { // a later WithRateLimit replaces the adaptive pacing
		opts = append(opts, zendesk.WithRetry(zendesk.RetryPolicy{MaxBackoff: job.maxWait}), zendesk.WithObserver(job),
			zendesk.WithAdaptiveRateLimit(zendesk.Adaptive{}))
		if job.perMinute > 0 {
			opts = append(opts, zendesk.WithRateLimit(job.perMinute))
		}
	}
	c, err := zendesk.NewClient(subdomain, opts...)
	if err != nil {
		return nil, usagef("%s", oneLine(err.Error()))
	}
	return c, nil
}

// zendeskAuth is the first complete set of Zendesk credentials in the order
// zendeskCredentialsHelp gives. Half a set is a usage error naming what is
// missing.
func (a *app) zendeskAuth(cmd *cobra.Command) (zendesk.Option, error) {
	secret, err1 := a.secret(cmd, "client-secret", envZendeskClientSecret)
	oauth, err2 := a.secret(cmd, "oauth-token", envZendeskOAuthToken)
	token, err3 := a.secret(cmd, "api-token", envZendeskAPIToken)
	if err := cmp.Or(err1, err2, err3); err != nil {
		return zendesk.Option{}, err
	}
	clientID, email := a.setting(cmd, "client-id", envZendeskClientID), a.setting(cmd, "email", envZendeskEmail)
	switch {
	case clientID != "" && secret == "":
		return zendesk.Option{}, usagef("client credentials need a secret: %s is set, %s is not (or use --client-secret-file)", envZendeskClientID, envZendeskClientSecret)
	case clientID == "" && secret != "":
		return zendesk.Option{}, usagef("client credentials need a client id: %s is set, %s is not (or use --client-id)", envZendeskClientSecret, envZendeskClientID)
	case clientID != "":
		return zendesk.WithClientCredentials(clientID, secret), nil
	case oauth != "":
		return zendesk.WithOAuthToken(oauth), nil
	case token != "" && email == "":
		return zendesk.Option{}, usagef("an API token needs the agent's email: %s is set, %s is not (or use --email)", envZendeskAPIToken, envZendeskEmail)
	case token != "":
		return zendesk.WithAPIToken(email, token), nil
	}
	return zendesk.Option{}, usagef("no Zendesk credentials: set %s and %s (an OAuth client), or %s, or %s and %s (see --help)",
		envZendeskClientID, envZendeskClientSecret, envZendeskOAuthToken, envZendeskEmail, envZendeskAPIToken)
}

// gameserverClient builds the game-server client of a command, as
// zendeskClient does.
func (a *app) gameserverClient(cmd *cobra.Command, job *bulkJob) (*gameserver.Client, error) {
	base := a.gameserverHTTP
	token, err := a.secret(cmd, "token", envEdgegapAPIToken)
	if err != nil {
		return nil, err
	}
	poll := a.pollInterval
	var opts []gameserver.Option
	if a.demo {
		srv, err := gameservertest.Start(gameserverDemoOptions(a.now)...)
		if err != nil {
			return nil, fmt.Errorf("starting the demo game server: %w", err)
		}
		a.cleanup = append(a.cleanup, srv.Close)
		base, poll = srv.Client(), cmp.Or(poll, 20*time.Millisecond) // the demo server is ready at the second poll
		opts = append(opts, gameserver.WithBaseURL(srv.URL), gameserver.WithAPIToken(demoEdgegapToken))
	} else {
		if a.baseURL != "" {
			opts = append(opts, gameserver.WithBaseURL(a.baseURL))
		}
		if token == "" {
			return nil, usagef("no Edgegap credentials: set %s (or --token-file)", envEdgegapAPIToken)
		}
		opts = append(opts, gameserver.WithAPIToken(token))
	}
	opts = append(opts, gameserver.WithHTTPClient(a.httpClient(base)), gameserver.WithUserAgent(userAgent))
	if a.verbose {
		opts = append(opts, gameserver.WithLogger(a.logger()))
	}
	if job != nil {
		opts = append(opts, gameserver.WithRetry(gameserver.RetryPolicy{MaxBackoff: job.maxWait}), gameserver.WithObserver(job),
			gameserver.WithAdaptiveRateLimit(sessionkit.Adaptive{}))
		if job.perMinute > 0 {
			opts = append(opts, gameserver.WithRateLimit(job.perMinute))
		}
	}
	if poll > 0 {
		opts = append(opts, gameserver.WithPollInterval(poll, 10*poll))
	}
	c, err := gameserver.NewClient(opts...)
	if err != nil {
		return nil, usagef("%s", oneLine(err.Error()))
	}
	return c, nil
}
