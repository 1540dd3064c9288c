package mockserver_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/api/mockserver"
)

// Start a mock with one Zendesk admin, inject a 429 through the control
// API, and see it answered with Retry-After.
func Example() {
	ctx := context.Background()
	seed, err := mockserver.ParseState(strings.NewReader(`{
	  "zendesk": {"users": [{"id": 1, "email": "admin@example.com", "role": "admin", "api_token": "t"}],
	              "sessions": [{"user_id": 1, "authenticated_at": "2026-01-02T15:04:05Z"}]}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := mockserver.Start(ctx, mockserver.Config{State: seed})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer m.Shutdown(ctx)

	fault := `{"operation": "ListSessions", "status": 429, "retry_after": 7, "times": 1}`
	resp, err := http.Post(m.ZendeskURL()+"/__mock/faults", "application/json", strings.NewReader(fault))
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println("fault:", resp.Status)

	for range 2 {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, m.ZendeskURL()+"/api/v2/sessions", nil)
		req.SetBasicAuth("admin@example.com/token", "t")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("Retry-After") != "")
	}
	fmt.Println("sessions:", len(m.State().Zendesk.Sessions))
	// Output:
	// fault: 201 Created
	// 429 true
	// 200 false
	// sessions: 1
}
