package gameservertest

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkRoundTrip measures a validated get-session round trip over
// loopback with keep-alive: request validation, the handler, response
// validation and the HTTP exchange.
func BenchmarkRoundTrip(b *testing.B) {
	srv := NewServer(b, WithAPIToken("key"), WithSessions(Session{ID: "bench-S", App: "game", Ready: true,
		Users: []User{{IP: "198.51.100.7"}, {IP: "198.51.100.8"}}}))
	client := srv.Client()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/v1/session/bench-S", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "token key")
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
