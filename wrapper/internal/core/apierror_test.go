package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeErrorBody(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		wantCode    string
		wantMessage string
	}{
		{"empty", "", "", "", ""},
		{"zendesk classic", "application/json", `{"error":"RecordNotFound","description":"Not found"}`, "RecordNotFound", "Not found"},
		{"zendesk 401 sentence", "application/json", `{"error":"Couldn't authenticate you"}`, "", "Couldn't authenticate you"},
		{"zendesk invalid with details", "application/json",
			`{"error":"RecordInvalid","description":"Record validation errors","details":{"name":[{"description":"Name: is too short"}],"email":[{"description":"Email: is invalid"}]}}`,
			"RecordInvalid", "Record validation errors: email: Email: is invalid; name: Name: is too short"},
		{"zendesk error object", "application/json", `{"error":{"title":"Forbidden","message":"You do not have access to this page."}}`, "Forbidden", "You do not have access to this page."},
		{"json:api", "application/json", `{"errors":[{"code":"TooManyRequests","title":"Too Many Requests","detail":"Rate limit exceeded","status":"429"}]}`, "TooManyRequests", "Rate limit exceeded"},
		{"json:api several", "application/json", `{"errors":[{"title":"Invalid","detail":"a"},{"detail":"b"},{"detail":"c"}]}`, "Invalid", "a (and 2 more)"},
		{"json:api title only", "application/json", `{"errors":[{"title":"Gone"}]}`, "Gone", ""},
		{"rails errors object", "application/json", `{"errors":{"ip_list":["must not be empty"]}}`, "", "ip_list: must not be empty"},
		{"errors string", "application/json", `{"errors":"nope"}`, "", "nope"},
		{"oauth", "application/json", `{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}`,
			"invalid_token", "The access token provided is expired, revoked, malformed or invalid for other reasons."},
		{"game server", "application/json", `{"message":"Session not found"}`, "", "Session not found"},
		{"numeric code", "application/json", `{"code":4001,"message":"bad"}`, "4001", "bad"},
		{"unknown json", "application/json", `{"foo":1}`, "", `{"foo":1}`},
		{"json array", "application/json", `["x"]`, "", `["x"]`},
		{"text", "text/plain", "  Rate limit exceeded.\n Try again later.  ", "", "Rate limit exceeded. Try again later."},
		{"html title", "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1></body></html>", "", "502 Bad Gateway"},
		{"html no title", "text/html", "<html><body><h1>Oops</h1><p>down</p></body></html>", "", "Oops down"},
		{"html sniffed", "", "<h1>Service Unavailable</h1>", "", "Service Unavailable"},
		{"control chars", "text/plain", "bad\x1b[31mred\x00\u2028x", "", "bad [31mred x"},
		{"invalid utf-8", "text/plain", "caf\xe9", "", "caf\uFFFD"},
		{"broken json falls back to text", "application/json", `{"error":`, "", `{"error":`},
		{"error null", "application/json", `{"error":null,"message":"m"}`, "", "m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := decodeErrorBody(tt.contentType, []byte(tt.body))
			if code != tt.wantCode || msg != tt.wantMessage {
				t.Errorf("decodeErrorBody(%q) = %q, %q; want %q, %q", tt.body, code, msg, tt.wantCode, tt.wantMessage)
			}
		})
	}
}

func TestDecodeErrorBodyCapsMessage(t *testing.T) {
	_, msg := decodeErrorBody("text/plain", []byte(strings.Repeat("é", 5000)))
	if len(msg) > maxMessageBytes || !utf8.ValidString(msg) || !strings.HasSuffix(msg, "…") {
		t.Errorf("message of %d bytes, valid=%v", len(msg), utf8.ValidString(msg))
	}
}

func FuzzDecodeErrorBody(f *testing.F) {
	seeds := []string{
		`{"error":"RecordNotFound","description":"Not found"}`,
		`{"error":"Couldn't authenticate you"}`,
		`{"errors":[{"code":"TooManyRequests","title":"t","detail":"d","status":"429"}]}`,
		`{"error":"invalid_token","error_description":"x"}`,
		`{"message":"m"}`,
		`{"error":{"title":"Forbidden","message":"no"}}`,
		`{"errors":{"a":[{"description":"b"}]}}`,
		`{"error":"RecordInvalid","details":{"a":[1,2,{"description":null}]}}`,
		"<html><title>x</title></html>",
		"<title", "plain text", "", "{", "\xff\xfe", `{"errors":[null]}`, `{"errors":[]}`,
	}
	for _, s := range seeds {
		f.Add("application/json", []byte(s))
	}
	f.Add("text/html", []byte("<title>a</title"))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		code, msg := decodeErrorBody(contentType, body)
		if len(msg) > maxMessageBytes || len(code) > maxCodeBytes {
			t.Fatalf("uncapped: code %d bytes, message %d bytes", len(code), len(msg))
		}
		if !utf8.ValidString(msg) || !utf8.ValidString(code) {
			t.Fatalf("invalid UTF-8: %q %q", code, msg)
		}
		if strings.ContainsAny(msg+code, "\n\r\x00") {
			t.Fatalf("not one line: %q %q", code, msg)
		}
		resp := &http.Response{StatusCode: 500, Header: http.Header{"Content-Type": {contentType}}, Body: io.NopCloser(strings.NewReader(string(body)))}
		e := NewAPIError(resp)
		if len(e.Body) > maxErrorBody || e.Error() == "" {
			t.Fatalf("bad APIError %v", e)
		}
	})
}

func TestNewAPIError(t *testing.T) {
	u, _ := url.Parse("https://user:pw@acme.zendesk.com/api/v2/users/1/sessions/2?token=abc&page%5Bsize%5D=10#frag")
	body := `{"error":"RecordNotFound","description":"Not found"}` + strings.Repeat(" ", 100<<10)
	resp := &http.Response{
		StatusCode: 404,
		Header: http.Header{
			"Content-Type":         {"application/json"},
			"X-Zendesk-Request-Id": {"abc123"},
			"Set-Cookie":           {"_zendesk_session=s3cr3t"},
			"Retry-After":          {"7"},
			"X-Rate-Limit":         {"700"},
		},
		Body:    &trackedBody{r: strings.NewReader(body)},
		Request: &http.Request{Method: "GET", URL: u},
	}
	e := NewAPIError(resp)
	if !resp.Body.(*trackedBody).closed {
		t.Error("body not closed")
	}
	want := &APIError{
		StatusCode: 404, Method: "GET",
		URL:  "https://acme.zendesk.com/api/v2/users/1/sessions/2?page%5Bsize%5D=10&token=%5BREDACTED%5D",
		Code: "RecordNotFound", Message: "Not found", RequestID: "abc123", RetryAfter: 7 * time.Second, Attempts: 1,
		Header:    http.Header{"Content-Type": {"application/json"}, "X-Zendesk-Request-Id": {"abc123"}, "Retry-After": {"7"}, "X-Rate-Limit": {"700"}},
		Body:      []byte(body[:maxErrorBody]),
		RateLimit: RateLimit{Limit: 700, Present: true},
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got, wantS := e.Error(), "sessions: GET https://acme.zendesk.com/api/v2/users/1/sessions/2?page%5Bsize%5D=10&token=%5BREDACTED%5D: 404 Not Found: RecordNotFound: Not found (request id abc123, retry after 7s)"; got != wantS {
		t.Errorf("Error() = %q\nwant      %q", got, wantS)
	}
}

func TestNewAPIErrorEdgeCases(t *testing.T) {
	if e := NewAPIError(nil); e.StatusCode != 0 || e.Error() == "" {
		t.Errorf("nil resp: %v", e)
	}
	e := NewAPIError(&http.Response{StatusCode: 503})
	if e.Error() != "sessions: 503 Service Unavailable" || !errors.Is(e, ErrServer) {
		t.Errorf("bare 503: %q", e.Error())
	}
	e = NewAPIError(&http.Response{StatusCode: 799, Body: io.NopCloser(strings.NewReader("weird"))})
	if e.Error() != "sessions: 799: weird" {
		t.Errorf("799: %q", e.Error())
	}
	var nilErr *APIError
	if nilErr.Error() == "" || nilErr.Is(ErrServer) {
		t.Error("nil *APIError")
	}
}

func TestAPIErrorIs(t *testing.T) {
	sentinels := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrGone, ErrUnprocessable, ErrRateLimited, ErrServer}
	tests := []struct {
		status int
		want   error
	}{
		{400, ErrBadRequest}, {401, ErrUnauthorized}, {403, ErrForbidden}, {404, ErrNotFound},
		{409, ErrConflict}, {410, ErrGone}, {422, ErrUnprocessable}, {429, ErrRateLimited},
		{500, ErrServer}, {502, ErrServer}, {503, ErrServer}, {504, ErrServer}, {599, ErrServer},
		{405, nil}, {408, nil}, {418, nil}, {302, nil}, {0, nil}, {600, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", &APIError{StatusCode: tt.status})
			for _, s := range sentinels {
				if got := errors.Is(err, s); got != (s == tt.want) {
					t.Errorf("errors.Is(%d, %v) = %v", tt.status, s, got)
				}
			}
			if errors.Is(err, context.Canceled) {
				t.Error("matches context.Canceled")
			}
		})
	}
}

func TestInvalidArgumentError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{InvalidArgument("sessionID", "must not be empty"), "sessions: invalid sessionID: must not be empty"},
		{&InvalidArgumentError{Name: "userID", Value: int64(0), Reason: "must be > 0"}, "sessions: invalid userID 0: must be > 0"},
		{&InvalidArgumentError{Name: "app name", Value: "a\nb", Reason: "bad"}, `sessions: invalid app name "a\nb": bad`},
		{&InvalidArgumentError{Name: "key", Value: Secret("hunter2"), Reason: "bad"}, "sessions: invalid key [REDACTED]: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, ErrInvalidArgument) {
			t.Errorf("%v does not match ErrInvalidArgument", tt.err)
		}
	}
}

// ExampleAPIError shows how a caller tells failures apart.
func ExampleAPIError() {
	resp := &http.Response{
		StatusCode: 404,
		Header:     http.Header{"X-Zendesk-Request-Id": {"req-42"}},
		Body:       io.NopCloser(strings.NewReader(`{"error":"RecordNotFound","description":"Not found"}`)),
	}
	var err error = fmt.Errorf("showing session: %w", NewAPIError(resp))

	if errors.Is(err, ErrNotFound) {
		fmt.Println("no such session")
	}
	if e, ok := errors.AsType[*APIError](err); ok {
		fmt.Println(e.StatusCode, e.Code, e.Message, e.RequestID)
	}
	fmt.Println(err)
	// Output:
	// no such session
	// 404 RecordNotFound Not found req-42
	// showing session: sessions: 404 Not Found: RecordNotFound: Not found (request id req-42)
}
