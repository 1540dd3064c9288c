package core

import (
	"net/url"
	"testing"
)

// TestSameOrigin: a request URL is on the base URL's origin when scheme,
// host and port agree, the scheme's default port and the host's case
// aside.
func TestSameOrigin(t *testing.T) {
	e := testEngine(t, &recorder{handle: always(200, nil, "")})
	tests := []struct {
		url  string
		want bool
	}{
		{testBase + "/x", true},
		{"https://api.example.com/elsewhere", true},
		{"https://api.example.com:443/base/x", true},
		{"https://API.Example.com/base/x", true},
		{"HTTPS://api.example.com/base/x", true},
		{"http://api.example.com/base/x", false},
		{"https://api.example.com:8443/base/x", false},
		{"https://other.example.com/base/x", false},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.client.cfg.sameOrigin(u); got != tt.want {
			t.Errorf("sameOrigin(%s) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

// idleCloser is a Doer that counts the calls of its CloseIdleConnections.
type idleCloser struct {
	recorder
	closed int
}

func (d *idleCloser) CloseIdleConnections() { d.closed++ }

func TestCloseIdleConnections(t *testing.T) {
	d := &idleCloser{recorder: recorder{handle: always(200, nil, "")}}
	e := testEngine(t, d)
	e.CloseIdleConnections()
	if d.closed != 1 {
		t.Errorf("the Doer's CloseIdleConnections ran %d times, want 1", d.closed)
	}
	var zero *Engine
	zero.CloseIdleConnections() // a nil engine has nothing to close
	(&Engine{}).CloseIdleConnections()
	testEngine(t, &recorder{handle: always(200, nil, "")}).CloseIdleConnections() // a Doer without the method
}
