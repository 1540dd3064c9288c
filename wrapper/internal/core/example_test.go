package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// ExampleEngine shows the path of one wrapper call: Prepare the per-call
// options, send through the engine (the generated client does this part),
// decode the body. The HTTP client here is an in-memory fake.
func ExampleEngine() {
	fake := DoerFunc(func(req *http.Request) (*http.Response, error) {
		if req.URL.Path == "/api/v2/users/1/sessions/404" {
			return &http.Response{StatusCode: 404, Request: req,
				Body: io.NopCloser(strings.NewReader(`{"error":"RecordNotFound","description":"Not found"}`))}, nil
		}
		return &http.Response{StatusCode: 200, Request: req,
			Body: io.NopCloser(strings.NewReader(`{"session":{"id":7,"user_id":1}}`))}, nil
	})
	e, err := NewEngine(Settings{DefaultBaseURL: "https://acme.zendesk.com"},
		WithHTTPClient(fake), WithAuth(ZendeskAPIToken("agent@acme.com", "s3cret")))
	if err != nil {
		fmt.Println(err)
		return
	}
	show := func(path string) {
		ctx, err := e.Prepare(context.Background(), WithoutRetries())
		if err != nil {
			fmt.Println(err)
			return
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.BaseURL()+path, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp, err := e.Do(req) // what the generated client calls
		if err != nil {
			fmt.Println("not found:", errors.Is(err, ErrNotFound))
			return
		}
		var body struct {
			Session struct {
				ID int64 `json:"id"`
			} `json:"session"`
		}
		if err := DecodeJSON(resp, &body); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("session", body.Session.ID)
	}
	show("/api/v2/users/1/sessions/7")
	show("/api/v2/users/1/sessions/404")
	fmt.Println(WithAuth(ZendeskAPIToken("agent@acme.com", "s3cret")))
	// Output:
	// session 7
	// not found: true
	// core.WithAuth(ZendeskAPIToken([REDACTED]))
}

func ExampleSecret() {
	key := Secret("0f1e2d3c-4b5a")
	fmt.Println(key)
	fmt.Printf("%#v %q\n", key, key)
	fmt.Println(len(key.Reveal()))
	// Output:
	// [REDACTED]
	// [REDACTED] [REDACTED]
	// 13
}
