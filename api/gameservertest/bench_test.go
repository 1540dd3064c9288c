package gameservertest

import (
	"net/http"
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// BenchmarkRoundTrip measures a validated get-session round trip over
// loopback with keep-alive: request validation, the handler, response
// validation and the HTTP exchange.
func BenchmarkRoundTrip(b *testing.B) {
	srv := NewServer(b, WithAPIToken("key"), WithSessions(Session{ID: "bench-S", App: "game", Ready: true,
		Users: []User{{IP: "198.51.100.7"}, {IP: "198.51.100.8"}}}))
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/v1/session/bench-S", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "token key")
	fakeapi.BenchRoundTrip(b, srv.Client(), req)
}
