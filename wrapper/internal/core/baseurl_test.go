package core

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
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
		{"http://127.0.0.1:8080", false, "http://127.0.0.1:8080"},
		{"http://localhost:1/", false, "http://localhost:1"},
		{"http://app.localhost", false, "http://app.localhost"},
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
			u, err := CheckBaseURL(tt.raw, tt.insecure)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("CheckBaseURL(%q) = %v, want an error", tt.raw, u)
				}
				if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "base URL") {
					t.Errorf("error %q does not name the base URL", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("CheckBaseURL(%q): %v", tt.raw, err)
			}
			if u.String() != tt.want {
				t.Errorf("CheckBaseURL(%q) = %q, want %q", tt.raw, u, tt.want)
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
		_, err := CheckBaseURL(raw, false)
		if err == nil {
			t.Fatalf("%q accepted", raw)
		}
		if strings.Contains(err.Error(), "Sup3rS3cretPW") {
			t.Errorf("error echoes the password: %v", err)
		}
	}
}

func TestRebase(t *testing.T) {
	from, _ := url.Parse("https://api.example.com/base")
	tests := []struct {
		to, in, want string
	}{
		{"http://127.0.0.1:9/mock", "https://api.example.com/base/v1/session/a%2Fb?x=1", "http://127.0.0.1:9/mock/v1/session/a%2Fb?x=1"},
		{"https://other.example", "https://api.example.com/base/v1/x", "https://other.example/v1/x"},
		{"https://other.example/p", "https://api.example.com/elsewhere", "https://other.example/p/elsewhere"},
		{"https://api.example.com/base", "https://api.example.com/base/v1/x", "https://api.example.com/base/v1/x"},
		{"https://other.example", "https://api.example.com/basement", "https://other.example/basement"},
	}
	for _, tt := range tests {
		to, _ := url.Parse(tt.to)
		req, _ := http.NewRequest("GET", tt.in, nil)
		rebase(req, from, to)
		if got := req.URL.String(); got != tt.want {
			t.Errorf("rebase(%q → %q) = %q, want %q", tt.in, tt.to, got, tt.want)
		}
	}
}

func TestDefaultHTTPClient(t *testing.T) {
	a, b := DefaultHTTPClient(), DefaultHTTPClient()
	if a == http.DefaultClient || a.Transport == http.DefaultTransport || a.Transport == b.Transport {
		t.Error("clients must be new per call with their own transport")
	}
	tr := a.Transport.(*http.Transport)
	if tr.TLSHandshakeTimeout == 0 || tr.ResponseHeaderTimeout == 0 {
		t.Error("no timeouts")
	}
	https, _ := http.NewRequest("GET", "https://a.example", nil)
	plain, _ := http.NewRequest("GET", "http://a.example", nil)
	if err := a.CheckRedirect(plain, []*http.Request{https}); err == nil {
		t.Error("https → http redirect allowed")
	}
	if err := a.CheckRedirect(https, []*http.Request{https}); err != nil {
		t.Error(err)
	}
	if err := a.CheckRedirect(https, make([]*http.Request, 10)); err == nil {
		t.Error("11th redirect allowed")
	}
}
