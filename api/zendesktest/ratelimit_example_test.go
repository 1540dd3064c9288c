package zendesktest_test

import (
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/sessionkit/sessions/api/zendesktest"
)

// A server with a budget of 2 requests a minute answers the third with a
// 429 and the seconds to the end of the minute, on its own clock.
func ExampleWithRateLimit() {
	now := time.Date(2026, 5, 1, 12, 0, 45, 0, time.UTC)
	srv, err := zendesktest.Start(
		zendesktest.WithRateLimit(2),
		zendesktest.WithClock(func() time.Time { return now }),
		zendesktest.WithUsers(zendesktest.User{ID: 1, Email: "admin@example.com", Role: zendesktest.RoleAdmin, APIToken: "secret"}),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	for range 3 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/sessions", nil)
		req.SetBasicAuth("admin@example.com/token", "secret")
		resp, err := srv.Client().Do(req)
		if err != nil {
			log.Fatal(err)
		}
		resp.Body.Close()
		fmt.Printf("%d remaining=%s reset=%s retry-after=%q\n", resp.StatusCode,
			resp.Header.Get("X-Rate-Limit-Remaining"), resp.Header.Get("Ratelimit-Reset"), resp.Header.Get("Retry-After"))
	}
	// Output:
	// 200 remaining=1 reset=15 retry-after=""
	// 200 remaining=0 reset=15 retry-after=""
	// 429 remaining=0 reset=15 retry-after="15"
}
