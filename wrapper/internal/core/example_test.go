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

// ExampleEngine shows the path of one wrapper call: apply the call's
// options to a copy of the client's settings (Engine.CallSettings,
// Option.Apply, Engine.Call), then Call.Do builds the request against the
// base URL (the generated request builder does this part), sends it and
// decodes the body inside the attempt. The HTTP client here is an
// in-memory fake.
func ExampleEngine() {
	fake := sessionkit.DoerFunc(func(req *http.Request) (*http.Response, error) {
		if req.URL.Path == "/api/v2/users/1/sessions/404" {
			return &http.Response{StatusCode: 404, Request: req, Header: http.Header{},
				Body: io.NopCloser(strings.NewReader(`{"error":"RecordNotFound","description":"Not found"}`))}, nil
		}
		return &http.Response{StatusCode: 200, Request: req, Header: http.Header{},
			Body: io.NopCloser(strings.NewReader(`{"session":{"id":7,"user_id":1}}`))}, nil
	})
	e, err := newEngine(API{Name: "acme", DefaultBaseURL: "https://acme.zendesk.com", ErrorBody: testErrorBody},
		HTTPClient(fake), Auth("WithAPIToken", Basic("agent@acme.com/token", "s3cret")))
	if err != nil {
		fmt.Println(err)
		return
	}
	op := &Op{Name: "ShowSession", Method: http.MethodGet}
	show := func(path string) {
		s := e.CallSettings()
		if err := NoRetries().Apply(&s); err != nil {
			fmt.Println(err)
			return
		}
		build := func(base string) (*http.Request, error) { return http.NewRequest(op.Method, base+path, nil) }
		var body struct {
			Session struct {
				ID int64 `json:"id"`
			} `json:"session"`
		}
		err := e.Call(&s).Do(context.Background(), op, build, func(r Response) error { return json.Unmarshal(r.Body, &body) })
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
