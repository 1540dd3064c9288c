package zendesktest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"

	"github.com/sessionkit/sessions/api/zendesktest"
)

// The server needs a testing.TB in tests; examples pass nil and Close it.
func ExampleNewServer() {
	srv := zendesktest.NewServer(nil,
		zendesktest.WithUsers(zendesktest.User{ID: 12884901888, Email: "agent@example.com", Role: zendesktest.RoleAgent, APIToken: "secret"}),
		zendesktest.WithSessions(zendesktest.Session{
			ID: 8589934592, UserID: 12884901888,
			AuthenticatedAt: time.Date(2014, 11, 18, 17, 24, 29, 0, time.UTC),
		}),
	)
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/users/12884901888/sessions/8589934592", nil)
	req.SetBasicAuth("agent@example.com/token", "secret")
	resp, err := srv.Client().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Session struct {
			ID              int64   `json:"id"`
			AuthenticatedAt string  `json:"authenticated_at"`
			LastSeenAt      *string `json:"last_seen_at"`
		} `json:"session"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, body.Session.ID, body.Session.AuthenticatedAt, body.Session.LastSeenAt)
	// Output: 200 8589934592 2014-11-18T17:24:29Z <nil>
}

// A request without credentials gets Zendesk's 401 body.
func ExampleNewServer_unauthorized() {
	srv := zendesktest.NewServer(nil,
		zendesktest.WithUsers(zendesktest.User{ID: 1, Email: "admin@example.com", OAuthToken: "oauth"}))
	defer srv.Close()

	resp, err := srv.Client().Get(srv.URL + "/api/v2/sessions")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output: 401 {"error":"Couldn't authenticate you"}
}

// A request that breaks the spec gets a 400 that names the violation.
func ExampleNewServer_validation() {
	srv := zendesktest.NewServer(nil,
		zendesktest.WithUsers(zendesktest.User{ID: 1, Email: "admin@example.com", Role: zendesktest.RoleAdmin, OAuthToken: "oauth"}))
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/sessions?page[size]=500", nil)
	req.Header.Set("Authorization", "Bearer oauth")
	resp, err := srv.Client().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output: 400 {"description":"query parameter \"page[size]\": number must be at most 100","error":"InvalidParameter"}
}

// Faults make the server fail on purpose, a number of times, then recover.
func ExampleServer_InjectFault() {
	srv := zendesktest.NewServer(nil,
		zendesktest.WithUsers(zendesktest.User{ID: 1, Email: "admin@example.com", Role: zendesktest.RoleAdmin, OAuthToken: "oauth"}))
	defer srv.Close()
	srv.InjectFault(zendesktest.OpListSessions, zendesktest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "93", Times: 2})

	for range 3 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/sessions", nil)
		req.Header.Set("Authorization", "Bearer oauth")
		resp, err := srv.Client().Do(req)
		if err != nil {
			log.Fatal(err)
		}
		resp.Body.Close()
		fmt.Printf("%d Retry-After: %q\n", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	fmt.Println(len(srv.Requests()), "requests logged")
	// Output:
	// 429 Retry-After: "93"
	// 429 Retry-After: "93"
	// 200 Retry-After: ""
	// 3 requests logged
}

// Start runs a server outside a test (a demo, a local sandbox): bad options
// are an error, and the caller closes the server.
func ExampleStart() {
	srv, err := zendesktest.Start(
		zendesktest.WithUsers(zendesktest.User{ID: 1, Email: "admin@example.com", Role: zendesktest.RoleAdmin, APIToken: "secret"}),
		zendesktest.WithSessions(zendesktest.Session{UserID: 1}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/sessions", nil)
	if err != nil {
		log.Fatal(err)
	}
	req.SetBasicAuth("admin@example.com/token", "secret")
	resp, err := srv.Client().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	fmt.Println(resp.StatusCode, len(srv.Sessions()))
	// Output: 200 1
}

// A server started without users refuses every request, and its 401 says
// how to configure it.
func ExampleStart_withoutUsers() {
	srv, err := zendesktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	resp, err := srv.Client().Get(srv.URL + "/api/v2/sessions")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Error, Description string }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, body.Error)
	fmt.Println(body.Description)
	// Output:
	// 401 Couldn't authenticate you
	// zendesktest: this server has no users, so it refuses every request: start it with zendesktest.WithUsers(zendesktest.User{ID: 1, Email: email, APIToken: token}) (or Password, or OAuthToken) and send that user's credentials, or add one with Server.AddUser
}
