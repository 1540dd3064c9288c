package gameservertest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

func TestStart(t *testing.T) {
	if _, err := Start(WithFault("no-such-operation", Fault{Status: 500})); err == nil {
		t.Error("Start with a fault for an unknown operation: no error")
	}
	srv, err := Start(WithAPIToken("key"))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1/sessions", nil)
	req.Header.Set("Authorization", "token key")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /v1/sessions: %d", resp.StatusCode)
	}
}

// TestNoTokenConfigured checks that a server started without API keys says
// why it refuses a request, in the API's {"message"} shape, whatever the
// request carries; and that a key no client could send is refused at Start.
func TestNoTokenConfigured(t *testing.T) {
	srv, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, auth := range []string{"", "token key", "Bearer key"} {
		header := http.Header{}
		if auth != "" {
			header.Set("Authorization", auth)
		}
		resp := fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+"/v1/sessions", header, "")
		msg, _ := resp.Map(t)["message"].(string)
		if resp.Status != http.StatusUnauthorized || !strings.Contains(msg, "no API token configured") || !strings.Contains(msg, "gameservertest.WithAPIToken(") {
			t.Errorf("authorization %q: %d %s, want a 401 whose message says to use gameservertest.WithAPIToken", auth, resp.Status, resp.Body)
		}
	}
	for _, key := range []string{"", " ", "two words"} {
		if _, err := Start(WithAPIToken(key)); err == nil || !strings.Contains(err.Error(), "WithAPIToken") {
			t.Errorf("Start(WithAPIToken(%q)): %v, want an error naming WithAPIToken", key, err)
		}
	}
}
