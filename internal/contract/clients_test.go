package contract_test

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// client is what both wrappers' clients offer beside their Sessions
// service; a client that drifts from the other stops compiling here.
type client interface {
	BaseURL() string
	CloseIdleConnections()
	fmt.Stringer
	fmt.GoStringer
	fmt.Formatter
	slog.LogValuer
}

var (
	_ client = (*zendesk.Client)(nil)
	_ client = (*gameserver.Client)(nil)
)

// TestClientsDescribeThemselvesAlike prints both clients, and nil ones,
// with every verb and through slog: one format, no credentials.
func TestClientsDescribeThemselvesAlike(t *testing.T) {
	zc, err := zendesk.NewClient("acme", zendesk.WithOAuthToken(zToken))
	if err != nil {
		t.Fatal(err)
	}
	gc, err := gameserver.NewClient(gameserver.WithAPIToken(gKey))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		c          client
		want, base string
	}{
		{zc, "zendesk.Client{baseURL: https://acme.zendesk.com", "https://acme.zendesk.com"},
		{gc, "gameserver.Client{baseURL: https://api.edgegap.com", "https://api.edgegap.com"},
		{(*zendesk.Client)(nil), "zendesk.Client(nil)", ""},
		{(*gameserver.Client)(nil), "gameserver.Client(nil)", ""},
		{&gameserver.Client{}, "gameserver.Client(nil)", ""},
	}
	for _, tt := range tests {
		tt.c.CloseIdleConnections() // must not panic, nil or not
		if got := tt.c.BaseURL(); got != tt.base {
			t.Errorf("BaseURL() = %q, want %q", got, tt.base)
		}
		for _, s := range []string{fmt.Sprintf("%v", tt.c), fmt.Sprintf("%+v", tt.c), fmt.Sprintf("%#v", tt.c), tt.c.LogValue().String()} {
			if !strings.HasPrefix(s, tt.want) {
				t.Errorf("printed %q, want it to start with %q", s, tt.want)
			}
			if strings.Contains(s, zToken) || strings.Contains(s, gKey) {
				t.Errorf("a credential leaked: %q", s)
			}
		}
	}
}
