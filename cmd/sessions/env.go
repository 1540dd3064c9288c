package main

import (
	"log/slog"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// The environment variables the command reads.
const (
	envZendeskSubdomain  = "ZENDESK_SUBDOMAIN"
	envZendeskEmail      = "ZENDESK_EMAIL"
	envZendeskAPIToken   = "ZENDESK_API_TOKEN"
	envZendeskOAuthToken = "ZENDESK_OAUTH_TOKEN"
	envEdgegapAPIToken   = "EDGEGAP_API_TOKEN"
)

// userAgent is the product the command puts in front of the SDK's User-Agent.
const userAgent = "sessions-cli"

// zendeskCreds are the Zendesk settings from flags, falling back to the
// environment.
type zendeskCreds struct {
	subdomain, email, apiToken, oauthToken string
}

// addFlags registers the Zendesk credential flags on cmd.
func (z *zendeskCreds) addFlags(cmd *cobra.Command) {
	pf := cmd.PersistentFlags()
	pf.StringVar(&z.subdomain, "subdomain", "", "Zendesk subdomain, as in https://SUBDOMAIN.zendesk.com (default $"+envZendeskSubdomain+")")
	pf.StringVar(&z.email, "email", "", "agent email for API-token auth (default $"+envZendeskEmail+")")
	pf.StringVar(&z.apiToken, "api-token", "", "Zendesk API token (default $"+envZendeskAPIToken+"; prefer the variable: flags show in ps)")
	pf.StringVar(&z.oauthToken, "oauth-token", "", "Zendesk OAuth access token (default $"+envZendeskOAuthToken+")")
}

// gameserverCreds are the Edgegap settings from flags or the environment.
type gameserverCreds struct {
	token string
}

func (g *gameserverCreds) addFlags(cmd *cobra.Command) {
	cmd.PersistentFlags().StringVar(&g.token, "token", "", "Edgegap API token (default $"+envEdgegapAPIToken+"; prefer the variable: flags show in ps)")
}

// or returns the flag value, or the environment variable when it is empty.
func (a *app) or(flag, env string) string {
	if flag != "" {
		return flag
	}
	return strings.TrimSpace(a.getenv(env))
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

// clientSettings are what a command adds to a client: a retry policy, a
// rate limit, and the pacer that watches the responses.
type clientSettings struct {
	retry     *zendesk.RetryPolicy
	perMinute int
	pacer     *pacer
}

// zendeskClient builds the Zendesk client of a command, from --demo, flags
// and environment. Missing settings are usage errors naming the variables.
func (a *app) zendeskClient(z *zendeskCreds, s clientSettings) (*zendesk.Client, error) {
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
		email, token, oauth := a.or(z.email, envZendeskEmail), a.or(z.apiToken, envZendeskAPIToken), a.or(z.oauthToken, envZendeskOAuthToken)
		switch {
		case oauth != "":
			opts = append(opts, zendesk.WithOAuthToken(oauth))
		case email != "" && token != "":
			opts = append(opts, zendesk.WithAPIToken(email, token))
		default:
			return nil, usagef("no Zendesk credentials: set %s and %s, or %s (or --email and --api-token, or --oauth-token)",
				envZendeskEmail, envZendeskAPIToken, envZendeskOAuthToken)
		}
	}
	if hc := s.pacer.watch(base, zendesk.ParseRateLimit); hc != nil {
		opts = append(opts, zendesk.WithHTTPClient(hc))
	}
	opts = append(opts, zendesk.WithUserAgent(userAgent))
	if a.verbose {
		opts = append(opts, zendesk.WithLogger(a.logger()))
	}
	if s.retry != nil {
		opts = append(opts, zendesk.WithRetry(*s.retry))
	}
	if s.perMinute > 0 {
		opts = append(opts, zendesk.WithRateLimit(s.perMinute))
	}
	c, err := zendesk.NewClient(subdomain, opts...)
	if err != nil {
		return nil, usagef("%s", oneLine(err.Error()))
	}
	return c, nil
}

// gameserverClient builds the game-server client of a command.
func (a *app) gameserverClient(g *gameserverCreds, s clientSettings) (*gameserver.Client, error) {
	var opts []gameserver.Option
	base := a.gameserverHTTP
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
		token := a.or(g.token, envEdgegapAPIToken)
		if token == "" {
			return nil, usagef("no Edgegap credentials: set %s (or --token)", envEdgegapAPIToken)
		}
		opts = append(opts, gameserver.WithAPIToken(token))
	}
	if hc := s.pacer.watch(base, gameserver.ParseRateLimit); hc != nil {
		opts = append(opts, gameserver.WithHTTPClient(hc))
	}
	opts = append(opts, gameserver.WithUserAgent(userAgent))
	if a.verbose {
		opts = append(opts, gameserver.WithLogger(a.logger()))
	}
	if s.retry != nil {
		opts = append(opts, gameserver.WithRetry(*s.retry))
	}
	if s.perMinute > 0 {
		opts = append(opts, gameserver.WithRateLimit(s.perMinute))
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

// bulkRetryPolicy is the retry policy of bulk commands: the engine retries
// short waits itself, and hands a long Retry-After back to the bulk runner,
// which waits for it where an interrupt can stop it.
func bulkRetryPolicy() *zendesk.RetryPolicy {
	return &zendesk.RetryPolicy{MaxBackoff: 2 * time.Second}
}
