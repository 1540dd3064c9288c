package gameservertest

import (
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// FuzzServer feeds random requests through the whole handler, without
// network: the server must not panic, must answer a real status with a JSON
// or text body, and must never send a response that breaks the spec (the
// server would report it on t).
func FuzzServer(f *testing.F) {
	const auth = "token " + testKey
	seeds := []struct{ method, target, auth, ct, body string }{
		{"POST", "/v1/session", auth, "application/json", `{"app_name":"game","ip_list":["1.2.3.4"],"selectors":[{"tag":"eu"}]}`},
		{"POST", "/v1/session", auth, "application/json", `{"app_name":"game","geo_ip_list":[{"ip":"::1","latitude":1e308,"longitude":-0}],"deployment_request_id":"dep1"}`},
		{"GET", "/v1/session/s1-S", auth, "", ""},
		{"GET", "/v1/session/s1-S/users", auth, "", ""},
		{"PUT", "/v1/session/s1-S/users", auth, "application/json", `{"ip_list":["10.0.0.9"]}`},
		{"DELETE", "/v1/session/s1-S/users", auth, "application/json", `{"ip_list":["10.0.0.1"]}`},
		{"DELETE", "/v1/session/s1-S", auth, "", ""},
		{"GET", "/v1/sessions?page=2&limit=1", auth, "", ""},
		{"POST", "/v1/sessions/bulk-stop", auth, "application/json", `{"filters":[{"field":"deployment_tags","values":["eu"],"filter_type":"not"}]}`},
		{"GET", "/v1/session/%2F..%2F", auth, "", ""},
		{"PATCH", "/v1/sessions", "", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.target, s.auth, s.ct, s.body)
	}
	srv := newTestServer(f, WithoutNetwork(),
		WithDeployments(Deployment{RequestID: "dep1", Tags: []string{"eu"}, Sockets: 4}),
		WithSessions(Session{ID: "s1-S", App: "game", DeploymentRequestID: "dep1", Ready: true, Users: []User{{IP: "10.0.0.1"}}}))
	fakeapi.Fuzz(f, srv.Handler())
}
