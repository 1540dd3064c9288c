package zendesk_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

const (
	ccAdmin  int64 = 7
	ccID           = "sessionkit_sync"
	ccSecret       = "cc-secret-9d2f1e0a7b6c5d4e3f2a1b0c"
)

// ccServer starts an in-process server (for synctest) with an OAuth client,
// n sessions of its user, and extra options.
func ccServer(t *testing.T, n int, opts ...zendesktest.Option) *zendesktest.Server {
	t.Helper()
	sessions := make([]zendesktest.Session, n)
	for i := range sessions {
		sessions[i] = zendesktest.Session{UserID: ccAdmin}
	}
	return zendesktest.NewServer(t, append([]zendesktest.Option{
		zendesktest.WithoutNetwork(), zendesktest.WithClock(time.Now),
		zendesktest.WithUsers(zendesktest.User{ID: ccAdmin, Email: "admin@acme.example", Role: zendesktest.RoleAdmin}),
		zendesktest.WithOAuthClients(zendesktest.OAuthClient{ID: ccID, Secret: ccSecret, UserID: ccAdmin}),
		zendesktest.WithSessions(sessions...),
	}, opts...)...)
}

func ccClient(t *testing.T, srv *zendesktest.Server, opts ...zendesk.Option) *zendesk.Client {
	t.Helper()
	zc, err := zendesk.NewClient("acme", append([]zendesk.Option{
		zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()),
		zendesk.WithClientCredentials(ccID, ccSecret, "read", "write"),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return zc
}

// mints counts the requests to the token endpoint.
func mints(srv *zendesktest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Operation == zendesktest.OpCreateOAuthToken {
			n++
		}
	}
	return n
}

// TestClientCredentialsMintRequest: the token request is JSON, always with
// expires_in, and later calls carry the minted token.
func TestClientCredentialsMintRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := ccServer(t, 1)
		zc := ccClient(t, srv, zendesk.WithTokenLifetime(20*time.Minute))
		if _, err := zc.Sessions.List(nil).Collect(t.Context()); err != nil {
			t.Fatal(err)
		}
		reqs := srv.Requests()
		if len(reqs) != 2 || reqs[0].Operation != zendesktest.OpCreateOAuthToken || reqs[0].Status != http.StatusCreated {
			t.Fatalf("requests %+v, want a mint then the listing", reqs)
		}
		var body map[string]any
		if err := json.Unmarshal(reqs[0].Body, &body); err != nil {
			t.Fatalf("the token request is not JSON: %q", reqs[0].Body)
		}
		want := map[string]any{"grant_type": "client_credentials", "client_id": ccID, "client_secret": ccSecret, "scope": "read write", "expires_in": float64(1200)}
		if diff := cmp.Diff(want, body); diff != "" {
			t.Errorf("token request (-want +got):\n%s", diff)
		}
		if ct := reqs[0].Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q", ct)
		}
		if reqs[1].AuthScheme != "Bearer" || reqs[1].Status != http.StatusOK {
			t.Errorf("listing: %+v", reqs[1])
		}
		if s := fmt.Sprintf("%v %+v %#v", zc, zc, zc); strings.Contains(s, ccSecret) || strings.Contains(s, srv.OAuthTokens()[0].AccessToken) {
			t.Errorf("a secret leaked: %s", s)
		}
	})
}

// TestClientCredentialsLongListing: a listing that outlives three token
// lifetimes mints exactly when each token is about to expire.
func TestClientCredentialsLongListing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const (
			pages    = 70
			perPage  = time.Minute // each page answers after a minute
			lifetime = 20 * time.Minute
		)
		srv := ccServer(t, pages, zendesktest.WithFault(zendesktest.OpListSessions, zendesktest.Fault{Delay: perPage}))
		zc := ccClient(t, srv, zendesk.WithTokenLifetime(lifetime))
		start := time.Now()
		got, err := zc.Sessions.List(&zendesk.ListOptions{PageSize: 1}).Collect(t.Context())
		if err != nil || len(got) != pages {
			t.Fatalf("Collect: %d sessions, %v", len(got), err)
		}
		if took := time.Since(start); took <= 3*lifetime {
			t.Fatalf("the listing took %s, not over three lifetimes", took)
		}
		// Page k is sent at k minutes; a token is replaced once it has less
		// than TokenRefreshMargin left: every 19 minutes.
		want := 1 + (pages-1)*int(perPage)/int(lifetime-zendesk.TokenRefreshMargin)
		if n := mints(srv); n != want || want != 4 {
			t.Errorf("%d mints, want %d (4)", n, want)
		}
		for _, r := range srv.Requests() {
			if r.Status != http.StatusOK && r.Status != http.StatusCreated {
				t.Errorf("%s %s answered %d", r.Method, r.Path, r.Status)
			}
		}
	})
}

// TestClientCredentialsRevokedMidListing: a token revoked during a listing
// costs one extra mint and no failed page: the engine drops a token its
// server refused (a 401 decide sees) and sends the call once more.
func TestClientCredentialsRevokedMidListing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const pages = 20
		srv := ccServer(t, pages)
		zc := ccClient(t, srv)
		n := 0
		for _, err := range zc.Sessions.List(&zendesk.ListOptions{PageSize: 1}).All(t.Context()) {
			if err != nil {
				t.Fatalf("after %d sessions: %v", n, err)
			}
			n++
			if n == pages/2 {
				toks := srv.OAuthTokens()
				if !srv.RevokeToken(toks[len(toks)-1].AccessToken) {
					t.Fatal("RevokeToken: not minted by the server")
				}
			}
		}
		if n != pages || mints(srv) != 2 {
			t.Errorf("%d sessions with %d mints, want %d with 2", n, mints(srv), pages)
		}
	})
}

// TestClientCredentialsConcurrentMint: 64 calls at once, when the token
// has expired, share one mint; so do 16 calls refused at once with the
// same revoked token.
func TestClientCredentialsConcurrentMint(t *testing.T) {
	tests := []struct {
		name  string
		calls int
		spoil func(srv *zendesktest.Server) // what happens to the first token
	}{
		{"expired", 64, func(*zendesktest.Server) { time.Sleep(zendesk.DefaultTokenLifetime) }},
		{"revoked", 16, func(srv *zendesktest.Server) {
			if !srv.RevokeToken(srv.OAuthTokens()[0].AccessToken) {
				t.Fatal("RevokeToken: not minted by the server")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := ccServer(t, 1)
				zc := ccClient(t, srv)
				sessions, err := zc.Sessions.List(nil).Collect(t.Context())
				if err != nil || len(sessions) != 1 {
					t.Fatal(sessions, err)
				}
				tt.spoil(srv)
				var wg sync.WaitGroup
				errs := make(chan error, tt.calls)
				for range tt.calls {
					wg.Go(func() {
						_, err := zc.Sessions.Get(t.Context(), ccAdmin, sessions[0].ID)
						errs <- err
					})
				}
				wg.Wait()
				close(errs)
				for err := range errs {
					if err != nil {
						t.Error(err)
					}
				}
				if n := mints(srv); n != 2 {
					t.Errorf("%d mints, want 2 (one before, one for the %d calls)", n, tt.calls)
				}
			})
		})
	}
}

// TestClientCredentialsRefused: a token endpoint that refuses gives a
// *CredentialsError that says so, never the secret.
func TestClientCredentialsRefused(t *testing.T) {
	tests := []struct {
		name     string
		secret   string
		fault    *zendesktest.Fault
		wantCode string
		wantIs   error
		wantText string
	}{
		{"wrong secret", "not-the-secret", nil, "invalid_client", zendesk.ErrUnauthorized, "credentials of \"sessionkit_sync\" were refused (invalid_client)"},
		{"server error", ccSecret, &zendesktest.Fault{Status: 500}, "InternalServerError", zendesk.ErrServer, "minting an OAuth token for client \"sessionkit_sync\" failed"},
		{"bad request", ccSecret, &zendesktest.Fault{Status: 400, Body: `{"error":"invalid_scope","error_description":"no"}`, ContentType: "application/json"},
			"invalid_scope", zendesk.ErrBadRequest, "were refused (invalid_scope)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := ccServer(t, 1)
				if tt.fault != nil {
					srv.InjectFault(zendesktest.OpCreateOAuthToken, *tt.fault)
				}
				zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()),
					zendesk.WithClientCredentials(ccID, tt.secret), zendesk.WithoutRetries())
				if err != nil {
					t.Fatal(err)
				}
				_, err = zc.Sessions.List(nil).Collect(t.Context())
				ce, ok := errors.AsType[*zendesk.CredentialsError](err)
				if !ok {
					t.Fatalf("error %T %v, want a *CredentialsError", err, err)
				}
				if ce.Code != tt.wantCode || ce.ClientID != ccID || !errors.Is(err, tt.wantIs) || !strings.Contains(err.Error(), tt.wantText) {
					t.Errorf("error %v (code %q), want code %q, matching %v, saying %q", err, ce.Code, tt.wantCode, tt.wantIs, tt.wantText)
				}
				if strings.Contains(err.Error(), tt.secret) {
					t.Errorf("the secret leaked: %v", err)
				}
				for _, r := range srv.Requests() {
					if r.Operation == zendesktest.OpListSessions {
						t.Errorf("the listing was sent without a token")
					}
				}
			})
		})
	}
}

func TestClientCredentialsBadInput(t *testing.T) {
	tests := []struct {
		name    string
		opts    []zendesk.Option
		wantErr string
	}{
		{"empty id", []zendesk.Option{zendesk.WithClientCredentials("", ccSecret)}, "WithClientCredentials clientID: must not be empty"},
		{"id with spaces", []zendesk.Option{zendesk.WithClientCredentials("my client", ccSecret)}, "must not contain spaces"},
		{"empty secret", []zendesk.Option{zendesk.WithClientCredentials(ccID, "")}, "WithClientCredentials clientSecret: must not be empty"},
		{"empty scope", []zendesk.Option{zendesk.WithClientCredentials(ccID, ccSecret, "read", "")}, "WithClientCredentials scopes[1]"},
		{"lifetime 300s", []zendesk.Option{zendesk.WithClientCredentials(ccID, ccSecret), zendesk.WithTokenLifetime(300 * time.Second)}, "WithTokenLifetime 5m0s: must be from 5m1s to 47h59m59s"},
		{"lifetime 48h", []zendesk.Option{zendesk.WithClientCredentials(ccID, ccSecret), zendesk.WithTokenLifetime(48 * time.Hour)}, "WithTokenLifetime 48h0m0s: must be from"},
		{"fractional lifetime", []zendesk.Option{zendesk.WithClientCredentials(ccID, ccSecret), zendesk.WithTokenLifetime(10*time.Minute + time.Millisecond)}, "whole number of seconds"},
		{"lifetime alone", []zendesk.Option{zendesk.WithTokenLifetime(10 * time.Minute)}, "WithTokenLifetime: needs WithClientCredentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			zc, err := zendesk.NewClient("acme", tt.opts...)
			if zc != nil || !errors.Is(err, zendesk.ErrInvalidArgument) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("NewClient = %v, %v; want an invalid-argument error containing %q", zc, err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), ccSecret) {
				t.Errorf("the secret leaked: %v", err)
			}
		})
	}
	if zc, err := zendesk.NewClient("acme", zendesk.WithClientCredentials(ccID, ccSecret), zendesk.WithTokenLifetime(zendesk.MinTokenLifetime)); err != nil || zc == nil {
		t.Errorf("the shortest lifetime: %v", err)
	}
	if zc, err := zendesk.NewClient("acme", zendesk.WithClientCredentials(ccID, ccSecret), zendesk.WithTokenLifetime(zendesk.MaxTokenLifetime)); err != nil || zc == nil {
		t.Errorf("the longest lifetime: %v", err)
	}
}

// TestClientCredentialsTokenRequest: the token request goes through the
// client (its headers and User-Agent) but carries no credentials; two
// clients given the same option mint their own tokens; the client prints
// its credentials without the secret; a second credential option
// conflicts.
func TestClientCredentialsTokenRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := ccServer(t, 1)
		cred := zendesk.WithClientCredentials(ccID, ccSecret)
		var clients []*zendesk.Client
		for range 2 {
			zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()),
				cred, zendesk.WithHeader("X-Team", "sync"), zendesk.WithUserAgent("syncer/1.0"))
			if err != nil {
				t.Fatal(err)
			}
			clients = append(clients, zc)
		}
		for _, zc := range clients {
			if _, err := zc.Sessions.List(nil).Collect(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		if n := mints(srv); n != 2 {
			t.Errorf("%d mints, want one per client", n)
		}
		for _, r := range srv.Requests() {
			if r.Operation != zendesktest.OpCreateOAuthToken {
				continue
			}
			if r.Header.Get("Authorization") != "" || r.Header.Get("X-Team") != "sync" || !strings.HasPrefix(r.Header.Get("User-Agent"), "syncer/1.0 ") {
				t.Errorf("token request headers %v", r.Header)
			}
		}
		if s := clients[0].String(); !strings.Contains(s, "auth: WithClientCredentials([REDACTED])") || strings.Contains(s, ccSecret) {
			t.Errorf("client prints as %s", s)
		}
		if s := fmt.Sprintf("%v %+v", cred, zendesk.WithTokenLifetime(time.Hour)); s != `zendesk.WithClientCredentials("sessionkit_sync", [REDACTED], []) zendesk.WithTokenLifetime(1h0m0s)` {
			t.Errorf("options print as %s", s)
		}
		_, err := zendesk.NewClient("acme", cred, zendesk.WithOAuthToken("t"))
		if !errors.Is(err, zendesk.ErrInvalidArgument) || !strings.Contains(err.Error(), "conflicts with WithClientCredentials") {
			t.Errorf("two credential options: %v", err)
		}
		_, err = zendesk.NewClient("acme", cred, cred)
		if !errors.Is(err, zendesk.ErrInvalidArgument) || !strings.Contains(err.Error(), "WithClientCredentials") {
			t.Errorf("WithClientCredentials twice: %v", err)
		}
	})
}
