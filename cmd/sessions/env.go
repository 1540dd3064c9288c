package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

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

// maxSecretBytes bounds a secret read from a file or stdin.
const maxSecretBytes = 64 << 10

// userAgent is the product the command puts in front of the SDK's User-Agent.
const userAgent = "sessions-cli"

// secretFlag is a flag that names where a secret is read from. The old
// flags that took the secret itself are kept hidden, only to refuse them
// with a message saying what to use instead.
type secretFlag struct {
	file    string // --NAME-file: a path, or "-" for stdin
	refused string // the hidden --NAME flag's value, never used
}

// add registers --NAME-file and the hidden --NAME on fs.
func (s *secretFlag) add(cmd *cobra.Command, name, what, env string) {
	pf := cmd.PersistentFlags()
	pf.StringVar(&s.file, name+"-file", "", fmt.Sprintf("read the %s from this file (\"-\": stdin) instead of $%s", what, env))
	pf.StringVar(&s.refused, name, "", "")
	_ = pf.MarkHidden(name)
}

// zendeskCreds are the Zendesk settings from flags, falling back to the
// environment.
type zendeskCreds struct {
	subdomain, email, clientID    string
	apiToken, oauth, clientSecret secretFlag
}

// addFlags registers the Zendesk credential flags on cmd.
func (z *zendeskCreds) addFlags(cmd *cobra.Command) {
	pf := cmd.PersistentFlags()
	pf.StringVar(&z.subdomain, "subdomain", "", "Zendesk subdomain, as in https://SUBDOMAIN.zendesk.com (default $"+envZendeskSubdomain+")")
	pf.StringVar(&z.clientID, "client-id", "", "OAuth client identifier for the client-credentials grant (default $"+envZendeskClientID+")")
	z.clientSecret.add(cmd, "client-secret", "OAuth client secret", envZendeskClientSecret)
	z.oauth.add(cmd, "oauth-token", "Zendesk OAuth access token", envZendeskOAuthToken)
	pf.StringVar(&z.email, "email", "", "agent email for API-token auth (default $"+envZendeskEmail+")")
	z.apiToken.add(cmd, "api-token", "Zendesk API token", envZendeskAPIToken)
}

// gameserverCreds are the Edgegap settings from a file or the environment.
type gameserverCreds struct {
	token secretFlag
}

func (g *gameserverCreds) addFlags(cmd *cobra.Command) {
	g.token.add(cmd, "token", "Edgegap API token", envEdgegapAPIToken)
}

// or returns the flag value, or the environment variable when it is empty.
func (a *app) or(flag, env string) string {
	if flag != "" {
		return flag
	}
	return strings.TrimSpace(a.getenv(env))
}

// secret returns a secret from its file flag, else from the environment
// variable env. A value given on the command line is refused.
func (a *app) secret(cmd *cobra.Command, name string, s *secretFlag, env string) (string, error) {
	if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
		return "", usagef("--%s takes no value on the command line (it would show in ps and the shell history): set %s, or use --%s-file FILE (\"-\" reads stdin)", name, env, name)
	}
	if s.file == "" {
		return strings.TrimSpace(a.getenv(env)), nil
	}
	var r io.Reader
	if s.file == "-" {
		if a.stdinUsed {
			return "", usagef("--%s-file -: stdin is already read for something else", name)
		}
		a.stdinUsed = true
		r = a.stdin
	} else {
		f, err := os.Open(s.file)
		if err != nil {
			return "", usagef("--%s-file: %v", name, err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxSecretBytes+1))
	if err != nil {
		return "", usagef("--%s-file %s: %v", name, s.file, err)
	}
	if len(b) > maxSecretBytes {
		return "", usagef("--%s-file %s: more than %d bytes, not a token", name, s.file, maxSecretBytes)
	}
	v := strings.TrimSpace(string(b))
	if v == "" {
		return "", usagef("--%s-file %s: empty", name, s.file)
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

// clientSettings are what a bulk command adds to a client: the SDK's retry
// policy and rate limit for the job, and the observer of its calls (nil
// for other commands).
type clientSettings struct {
	retry     *sessionkit.RetryPolicy
	perMinute int
	calls     *jobCalls
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

// zendeskClient builds the Zendesk client of a command, from --demo, flags
// and environment. Missing settings are usage errors naming the variables.
func (a *app) zendeskClient(cmd *cobra.Command, z *zendeskCreds, s clientSettings) (*zendesk.Client, error) {
	var opts []zendesk.Option
	subdomain := a.or(z.subdomain, envZendeskSubdomain)
	base := a.zendeskHTTP
	if a.demo {
		srv, err := startZendeskDemo(a.now)
		if err != nil {
			return nil, err
		}
		a.cleanup = append(a.cleanup, srv.Close)
		subdomain = "demo"
		base = srv.Client()
		opts = append(opts, zendesk.WithBaseURL(srv.URL), zendesk.WithAPIToken(demoAdminEmail, demoZendeskToken))
	} else {
		if a.baseURL != "" {
			opts = append(opts, zendesk.WithBaseURL(a.baseURL))
			if subdomain == "" {
				subdomain = "custom" // the base URL decides where requests go
			}
		}
		if subdomain == "" {
			return nil, usagef("no Zendesk account: set %s (or --subdomain, or --base-url)", envZendeskSubdomain)
		}
		auth, err := a.zendeskAuth(cmd, z)
		if err != nil {
			return nil, err
		}
		opts = append(opts, auth)
	}
	opts = append(opts, zendesk.WithHTTPClient(a.httpClient(base)), zendesk.WithUserAgent(userAgent))
	if a.verbose {
		opts = append(opts, zendesk.WithLogger(a.logger()))
	}
	if s.calls != nil {
		opts = append(opts, zendesk.WithRetry(*s.retry), zendesk.WithObserver(s.calls))
		if s.perMinute > 0 {
			opts = append(opts, zendesk.WithRateLimit(s.perMinute))
		} else {
			opts = append(opts, zendesk.WithAdaptiveRateLimit(zendesk.Adaptive{}))
		}
	}
	c, err := zendesk.NewClient(subdomain, opts...)
	if err != nil {
		return nil, usagef("%s", oneLine(err.Error()))
	}
	return c, nil
}

// zendeskAuth is the Zendesk credentials of a command, the first complete
// set in the order zendeskCredentialsHelp gives: client credentials, an
// OAuth token, an API token. Half a set is a usage error naming what is
// missing.
func (a *app) zendeskAuth(cmd *cobra.Command, z *zendeskCreds) (zendesk.Option, error) {
	clientID := a.or(z.clientID, envZendeskClientID)
	secret, err := a.secret(cmd, "client-secret", &z.clientSecret, envZendeskClientSecret)
	if err != nil {
		return zendesk.Option{}, err
	}
	oauth, err := a.secret(cmd, "oauth-token", &z.oauth, envZendeskOAuthToken)
	if err != nil {
		return zendesk.Option{}, err
	}
	token, err := a.secret(cmd, "api-token", &z.apiToken, envZendeskAPIToken)
	if err != nil {
		return zendesk.Option{}, err
	}
	email := a.or(z.email, envZendeskEmail)
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

// gameserverClient builds the game-server client of a command.
func (a *app) gameserverClient(cmd *cobra.Command, g *gameserverCreds, s clientSettings) (*gameserver.Client, error) {
	var opts []gameserver.Option
	base := a.gameserverHTTP
	token, err := a.secret(cmd, "token", &g.token, envEdgegapAPIToken)
	if err != nil {
		return nil, err
	}
	if a.demo {
		srv, err := startGameserverDemo(a.now)
		if err != nil {
			return nil, err
		}
		a.cleanup = append(a.cleanup, srv.Close)
		base = srv.Client()
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
	if s.calls != nil {
		opts = append(opts, gameserver.WithRetry(*s.retry), gameserver.WithObserver(s.calls))
		if s.perMinute > 0 {
			opts = append(opts, gameserver.WithRateLimit(s.perMinute))
		} else {
			opts = append(opts, gameserver.WithAdaptiveRateLimit(sessionkit.Adaptive{}))
		}
	}
	poll := a.pollInterval
	if poll == 0 && a.demo {
		poll = 20 * time.Millisecond // the demo server is ready at the second poll
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
