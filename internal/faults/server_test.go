package faults

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// TestStreamWritesExactValidJSON checks that Stream's generated body has
// exactly the asked size and is valid JSON, for sizes around its chunking.
func TestStreamWritesExactValidJSON(t *testing.T) {
	t.Parallel()
	for _, size := range []int64{14, 15, 100, 32 << 10, 32<<10 + 7, 1 << 20} {
		var b bytes.Buffer
		if err := writeStream(&b, `{"padding":[`, `"xx"`, `]}`, size); err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if int64(b.Len()) != size || !json.Valid(b.Bytes()) {
			t.Errorf("size %d: wrote %d bytes, valid JSON %v", size, b.Len(), json.Valid(b.Bytes()))
		}
	}
	if err := writeStream(io.Discard, `{"padding":[`, `"xx"`, `]}`, 3); err == nil {
		t.Error("a size below prefix and suffix: no error")
	}
}

// TestServerCountsAndLogs checks the accepted-connection count, the raw
// request target in the log, Sequence's order and a reset's effect.
func TestServerCountsAndLogs(t *testing.T) {
	t.Parallel()
	srv, err := Listen("127.0.0.1:0", Sequence(Respond(200, nil, "one"), Reset(), Respond(200, nil, "three")))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hc := &http.Client{Transport: &http.Transport{}}
	defer hc.CloseIdleConnections()
	get := func() (string, error) {
		resp, err := hc.Get(srv.URL + "/v1/session/a%2Fb?x=1")
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	if got, err := get(); err != nil || got != "one" {
		t.Fatalf("first: %q, %v", got, err)
	}
	// The reset comes on the kept-alive connection; the transport may
	// retry a GET on a fresh one by itself, which then gets "three".
	got, err := get()
	if err == nil && got != "three" {
		t.Fatalf("second: %q, want an error or the third answer", got)
	}
	reqs := srv.Requests()
	if len(reqs) < 2 || reqs[0].Target != "/v1/session/a%2Fb?x=1" || reqs[0].Path != "/v1/session/a%2Fb" {
		t.Fatalf("log %+v: want the raw target first", reqs)
	}
	if srv.Accepted() < 1 || srv.Accepted() > 2 {
		t.Errorf("accepted %d connections, want 1 or 2", srv.Accepted())
	}
}
