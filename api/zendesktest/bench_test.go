package zendesktest

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkRoundTrip measures a validated ShowSession round trip over
// loopback with keep-alive: authentication, request validation, the
// handler, response validation and the HTTP exchange.
func BenchmarkRoundTrip(b *testing.B) {
	srv := newTestServer(b, WithSessions(Session{ID: 8589934592, UserID: endUserID}))
	client := srv.Client()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/users/3/sessions/8589934592", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header = asUser(endUserID)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
