package gameservertest

import (
	"net/http"
	"testing"
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
