package core

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

func TestCheckBaseURL(t *testing.T) {
	tests := []struct {
		raw      string
		insecure bool
		want     string // "" = error
	}{
		{"https://acme.zendesk.com", false, "https://acme.zendesk.com"},
		{"https://acme.zendesk.com/", false, "https://acme.zendesk.com"},
		{"https://proxy.example/zd/", false, "https://proxy.example/zd"},
		{"https://api.edgegap.com:8443", false, "https://api.edgegap.com:8443"},
		{"https://x.example:65535", false, "https://x.example:65535"},
		{"https://x.example:1", false, "https://x.example:1"},
		{"https://x.example:65536", false, ""},
		{"https://x.example/a%2Fb/", false, "https://x.example/a%2Fb"}, // an escaped slash stays escaped
		{"https://x.example/a%2F", false, "https://x.example/a"},
		{"http://127.0.0.1:8080", false, "http://127.0.0.1:8080"},
		{"http://localhost:1/", false, "http://localhost:1"},
		{"http://localhost.:1", false, "http://localhost.:1"},
		{"http://x.localhost", false, ""}, // resolved through DNS: not loopback
		{"http://app.localhost:8080", false, ""},
		{"http://x.localhost", true, "http://x.localhost"},
		{"http://127.0.0.2", false, "http://127.0.0.2"},
		{"http://localhost.example.com", false, ""},
		{"http://[::1]:9", false, "http://[::1]:9"},
		{"http://api.example.com", false, ""},
		{"http://api.example.com", true, "http://api.example.com"},
		{"http://10.0.0.1", false, ""},
		{"", false, ""},
		{"   ", false, ""},
		{"acme.zendesk.com", false, ""},
		{"/relative", false, ""},
		{"ftp://x.example", false, ""},
		{"https://", false, ""},
		{"https://:443", false, ""},
		{"https://x.example?a=b", false, ""},
		{"https://x.example?", false, ""},
		{"https://x.example#frag", false, ""},
		{"https://x.example#", false, ""},
		{"https://user:pw@x.example", false, ""},
		{"https://x.example:99999", false, ""},
		{"https://x.example:0", false, ""},
		{"https://x.exa mple", false, ""},
		{"https://x.example/\x7f", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			u, err := checkBaseURL(tt.raw, tt.insecure)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("checkBaseURL(%q) = %v, want an error", tt.raw, u)
				}
				if !errors.Is(err, sessionkit.ErrInvalidArgument) || !strings.Contains(err.Error(), "base URL") {
					t.Errorf("error %q does not name the base URL", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("checkBaseURL(%q): %v", tt.raw, err)
			}
			if u.String() != tt.want {
				t.Errorf("checkBaseURL(%q) = %q, want %q", tt.raw, u, tt.want)
			}
		})
	}
}

func TestCheckBaseURLNeverEchoesUserinfo(t *testing.T) {
	for _, raw := range []string{
		"https://agent:Sup3rS3cretPW@acme.zendesk.com",
		"http://agent:Sup3rS3cretPW@acme.zendesk.com",
		"https://agent:Sup3rS3cretPW@acme.zendesk.com/\x7f",
		"https://agent:Sup3rS3cretPW%zz@acme.zendesk.com",
		"agent:Sup3rS3cretPW@acme",
		"https://agent:Sup3rS3cretPW@[::1",
	} {
		_, err := checkBaseURL(raw, false)
		if err == nil {
			t.Fatalf("%q accepted", raw)
		}
		if strings.Contains(err.Error(), "Sup3rS3cretPW") {
			t.Errorf("error echoes the password: %v", err)
		}
	}
}

// TestDefaultHTTPClient checks the HTTP client an engine builds when none
// is given: its own, tuned transport per engine, and redirects limited to
// ten and to the base URL's origin (https → http is another origin).
func TestDefaultHTTPClient(t *testing.T) {
	engine := func() *Engine {
		e, err := newEngine(API{Name: "test", DefaultBaseURL: "https://a.example"})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	ea, eb := engine(), engine()
	a, ok := ea.client.cfg.doer.(*http.Client)
	if !ok {
		t.Fatalf("default doer is %T, want *http.Client", ea.client.cfg.doer)
	}
	b := eb.client.cfg.doer.(*http.Client)
	if a == http.DefaultClient || a.Transport == http.DefaultTransport || a.Transport == b.Transport {
		t.Error("clients must be new per engine with their own transport")
	}
	tr := a.Transport.(*http.Transport)
	if tr.TLSHandshakeTimeout != 10*time.Second || tr.ResponseHeaderTimeout != 2*time.Minute ||
		tr.IdleConnTimeout != 90*time.Second || tr.MaxIdleConns != 100 || tr.MaxIdleConnsPerHost != 100 {
		t.Errorf("transport settings differ from the documented ones: TLS %s, headers %s, idle %s, idle conns %d/%d per host",
			tr.TLSHandshakeTimeout, tr.ResponseHeaderTimeout, tr.IdleConnTimeout, tr.MaxIdleConns, tr.MaxIdleConnsPerHost)
	}
	if a.Timeout != 0 {
		t.Errorf("Timeout = %s, want none (a call is bounded by its context)", a.Timeout)
	}

	sender, ok := ea.client.cfg.sender.(*http.Client)
	if !ok || sender.CheckRedirect == nil {
		t.Fatalf("sender is %T without a redirect check", ea.client.cfg.sender)
	}
	https, _ := http.NewRequest("GET", "https://a.example", nil)
	plain, _ := http.NewRequest("GET", "http://a.example", nil)
	err := sender.CheckRedirect(plain, []*http.Request{https})
	if re, ok := errors.AsType[*sessionkit.RedirectError](err); !ok || re.Location != "http://a.example" {
		t.Errorf("https → http redirect: %v, want a *RedirectError", err)
	}
	if err := sender.CheckRedirect(https, []*http.Request{https}); err != nil {
		t.Error(err)
	}
	if err := sender.CheckRedirect(https, make([]*http.Request, 10)); err == nil {
		t.Error("11th redirect allowed")
	}
}
