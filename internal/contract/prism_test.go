//go:build prism

package contract_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// prismFixture matches the examples of the specs, which Prism serves.
var prismFixture = fixture{zUserID: 35436, zSessionID: 14, zEmail: "jane@acme.com", zClientID: "contract_client", zClientSecret: "contract-client-secret", gApp: "contract-app", gSessionID: "950dd2eaff09-S", gUserIP: "203.0.113.7",
	gWebhookURL: "https://example.com/contract-hook"} // the fake and Prism post no webhook off loopback

// prismClients returns clients pointed at p whose transport fails t on any
// request Prism flags as violating the spec.
func prismClients(t *testing.T, spec string, p *prismServer) clients {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	hc := &http.Client{Transport: violationGuard{t: t, next: tr}}
	switch spec {
	case zendeskSpec:
		newZendesk := func(opts ...zendesk.Option) (*zendesk.Client, error) {
			return zendesk.NewClient("example", append([]zendesk.Option{zendesk.WithBaseURL(p.URL), zendesk.WithHTTPClient(hc)}, opts...)...)
		}
		zc, err := newZendesk(zendesk.WithOAuthToken(zToken))
		if err != nil {
			t.Fatal(err)
		}
		return clients{zendesk: zc, newZendesk: newZendesk}
	case gameSpec:
		gc, err := gameserver.NewClient(gameserver.WithBaseURL(p.URL), gameserver.WithHTTPClient(hc), gameserver.WithAPIToken(gKey))
		if err != nil {
			t.Fatal(err)
		}
		return clients{game: gc}
	}
	t.Fatalf("no client for %s", spec)
	return clients{}
}

// TestPrism runs every contract case against a Prism mock of its spec: the
// success answer, then each documented error status, asked for with
// "Prefer: code=N".
func TestPrism(t *testing.T) {
	for _, spec := range []string{zendeskSpec, gameSpec} {
		t.Run(spec, func(t *testing.T) {
			p := startPrism(t, spec)
			ops := operations(t, spec)
			for _, c := range allCases() {
				if c.spec != spec {
					continue
				}
				t.Run(c.op, func(t *testing.T) {
					ctx := context.Background()
					cl := prismClients(t, spec, p)
					if _, err := c.call(ctx, cl, prismFixture, callOpts{}); err != nil {
						t.Fatalf("%s: %v", c.method, err)
					}
					for _, status := range ops[c.op] {
						_, err := c.call(ctx, cl, prismFixture, callOpts{noRetry: true, prefer: status})
						checkAPIError(t, spec, err, status, nil)
					}
				})
			}
		})
	}
}
