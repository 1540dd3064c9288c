package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// ExampleEngine shows the path of one wrapper call: merge the call's
// options (Engine.Call), build the request against Call.BaseURL (the
// generated request builder does this part), send it and decode the body
// inside the attempt (Call.Do). The HTTP client here is an in-memory fake.
func ExampleEngine() {
	fake := sessionkit.DoerFunc(func(req *http.Request) (*http.Response, error) {
		if req.URL.Path == "/api/v2/users/1/sessions/404" {
			return &http.Response{StatusCode: 404, Request: req, Header: http.Header{},
				Body: io.NopCloser(strings.NewReader(`{"error":"RecordNotFound","description":"Not found"}`))}, nil
		}
		return &http.Response{StatusCode: 200, Request: req, Header: http.Header{},
			Body: io.NopCloser(strings.NewReader(`{"session":{"id":7,"user_id":1}}`))}, nil
	})
	e, err := NewEngine(API{Name: "acme", DefaultBaseURL: "https://acme.zendesk.com", ErrorBody: testErrorBody},
		HTTPClient(fake), Auth("WithAPIToken", Basic("agent@acme.com/token", "s3cret")))
	if err != nil {
		fmt.Println(err)
		return
	}
	op := &Op{Name: "ShowSession", Method: http.MethodGet}
	show := func(path string) {
		call, err := e.Call(NoRetries())
		if err != nil {
			fmt.Println(err)
			return
		}
		req, err := http.NewRequest(op.Method, call.BaseURL()+path, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		var body struct {
			Session struct {
				ID int64 `json:"id"`
			} `json:"session"`
		}
		err = call.Do(context.Background(), op, req, func(r Response) error { return json.Unmarshal(r.Body, &body) })
		if err != nil {
			fmt.Println("not found:", errors.Is(err, sessionkit.ErrNotFound))
			return
		}
		fmt.Println("session", body.Session.ID)
	}
	show("api/v2/users/1/sessions/7")
	show("api/v2/users/1/sessions/404")
	fmt.Println(Auth("WithAPIToken", Basic("agent@acme.com/token", "s3cret")))
	// Output:
	// session 7
	// not found: true
	// WithAPIToken([REDACTED])
}
