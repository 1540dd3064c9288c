package zendesktest

import (
	"net/http"
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// BenchmarkRoundTrip measures a validated ShowSession round trip over
// loopback with keep-alive: authentication, request validation, the
// handler, response validation and the HTTP exchange.
func BenchmarkRoundTrip(b *testing.B) {
	srv := newTestServer(b, WithSessions(Session{ID: 8589934592, UserID: endUserID}))
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/users/3/sessions/8589934592", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header = asUser(endUserID)
	fakeapi.BenchRoundTrip(b, srv.Client(), req)
}
