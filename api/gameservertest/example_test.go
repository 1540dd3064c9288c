package gameservertest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/api/gameservertest"
)

// do sends one request with the API key and decodes the JSON answer.
func do(srv *gameservertest.Server, method, path, body string, out any) int {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, srv.URL+path, rd)
	req.Header.Set("Authorization", "token my-key")
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		log.Fatal(err)
	}
	return resp.StatusCode
}

// A session starts waiting and becomes ready, linked to a deployment, on the
// second poll (see Readiness). The server needs a testing.TB in tests;
// examples pass nil and Close it.
func ExampleNewServer() {
	srv := gameservertest.NewServer(nil, gameservertest.WithAPIToken("my-key"))
	defer srv.Close()

	var created struct {
		SessionID string `json:"session_id"`
	}
	do(srv, http.MethodPost, "/v1/session", `{"app_name":"my-game","ip_list":["162.254.103.13"]}`, &created)

	for range 2 {
		var s struct {
			Status     string `json:"status"`
			Ready      bool   `json:"ready"`
			Deployment *struct {
				Location struct {
					City string `json:"city"`
				} `json:"location"`
			} `json:"deployment"`
		}
		status := do(srv, http.MethodGet, "/v1/session/"+created.SessionID, "", &s)
		fmt.Println(status, s.Status, s.Ready, s.Deployment != nil)
	}
	// Output:
	// 200 Waiting false false
	// 200 Ready true true
}

// list-sessions pages with page and limit; the neighbour page numbers are
// null at the ends.
func ExampleWithSessions() {
	srv := gameservertest.NewServer(nil, gameservertest.WithAPIToken("my-key"),
		gameservertest.WithSessions(
			gameservertest.Session{ID: "a-S", App: "my-game"},
			gameservertest.Session{ID: "b-S", App: "my-game", Ready: true},
			gameservertest.Session{ID: "c-S", App: "my-game"},
		))
	defer srv.Close()

	var page struct {
		Data []struct {
			SessionID string `json:"session_id"`
			Ready     bool   `json:"ready"`
		} `json:"data"`
		Pagination struct {
			Number   int  `json:"number"`
			Next     *int `json:"next_page_number"`
			Previous *int `json:"previous_page_number"`
		} `json:"pagination"`
	}
	do(srv, http.MethodGet, "/v1/sessions?page=2&limit=2", "", &page)
	fmt.Println(page.Data, page.Pagination.Number, page.Pagination.Next, *page.Pagination.Previous)
	// Output: [{c-S false}] 2 <nil> 1
}

// Bulk stop terminates matching sessions; deleting one afterwards answers 410.
func ExampleNewServer_bulkStop() {
	srv := gameservertest.NewServer(nil, gameservertest.WithAPIToken("my-key"),
		gameservertest.WithDeployments(gameservertest.Deployment{RequestID: "dep-eu", Tags: []string{"ranked", "eu"}}),
		gameservertest.WithSessions(
			gameservertest.Session{ID: "a-S", App: "my-game", DeploymentRequestID: "dep-eu", Ready: true},
			gameservertest.Session{ID: "b-S", App: "my-game"},
		))
	defer srv.Close()

	var stopped struct {
		Processable []struct {
			SessionID string `json:"session_id"`
		} `json:"processable"`
	}
	do(srv, http.MethodPost, "/v1/sessions/bulk-stop",
		`{"filters":[{"field":"deployment_tags","values":["ranked","eu"],"filter_type":"all"}]}`, &stopped)
	fmt.Println(stopped.Processable)

	var msg struct {
		Message string `json:"message"`
	}
	status := do(srv, http.MethodDelete, "/v1/session/a-S", "", &msg)
	fmt.Println(status, msg.Message)
	// Output:
	// [{a-S}]
	// 410 Session a-S is already terminated
}

// Start runs a server outside a test (a demo, a local sandbox): bad options
// are an error, and the caller closes the server.
func ExampleStart() {
	srv, err := gameservertest.Start(
		gameservertest.WithAPIToken("my-key"),
		gameservertest.WithSessions(gameservertest.Session{ID: "a-S", App: "my-game", Ready: true}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	req, err := http.NewRequest(http.MethodGet, srv.URL+"/v1/session/a-S", nil)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Authorization", "token my-key")
	resp, err := srv.Client().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	fmt.Println(resp.StatusCode)
	// Output: 200
}

// A server started without an API key refuses every request, and its 401
// says how to configure it.
func ExampleStart_withoutAPIToken() {
	srv, err := gameservertest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	resp, err := srv.Client().Get(srv.URL + "/v1/sessions")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Message string }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode)
	fmt.Println(body.Message)
	// Output:
	// 401
	// gameservertest: this server has no API token configured, so it refuses every request: start it with gameservertest.WithAPIToken(key) and send the header "authorization: token <key>"
}
