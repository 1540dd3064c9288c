package zendesktest

import (
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// FuzzServer feeds random requests through the whole handler, without
// network: the server must not panic, must answer a real status with a JSON
// or text body, and must never send a response that breaks the spec (the
// server would report it on t).
func FuzzServer(f *testing.F) {
	const token = "Basic dXNlckBleGFtcGxlLmNvbS90b2tlbjp1c2VyLXRva2Vu" // user@example.com/token:user-token
	seeds := []struct{ method, target, auth, ct, body string }{
		{"GET", "/api/v2/sessions?page[size]=2", token, "", ""},
		{"GET", "/api/v2/sessions?page%5Bafter%5D=eyJvIjoiaWQiLCJ2IjpbMSwxXX0%3D", token, "", ""},
		{"GET", "/api/v2/users/3/sessions?page=2&per_page=1&sort=-id", token, "", ""},
		{"GET", "/api/v2/users/3/sessions/5", token, "", ""},
		{"DELETE", "/api/v2/users/3/sessions", token, "", ""},
		{"GET", "/api/v2/users/me/session/renew", "Bearer x", "", ""},
		{"POST", "/api/v2/sessions", token, "application/json", `{"a":1}`},
		{"GET", "/api/v2/users/-1/sessions/99999999999999999999", token, "", ""},
		{"GET", "/api/v2/sessions?page[size]=1&page[before]=%00", token, "", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.target, s.auth, s.ct, s.body)
	}
	srv := newTestServer(f, WithoutNetwork(), WithSessions(Session{ID: 5, UserID: endUserID}, Session{ID: 6, UserID: adminID}))
	fakeapi.Fuzz(f, srv.Handler())
}
