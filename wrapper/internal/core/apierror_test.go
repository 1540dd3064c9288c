package core

import (
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
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

func TestNewAPIError(t *testing.T) {
	u, _ := url.Parse("https://user:pw@acme.zendesk.com/api/v2/users/1/sessions/2?token=abc&page%5Bsize%5D=10#frag")
	body := `{"error":"RecordNotFound","description":"Not found"}` + strings.Repeat(" ", 100<<10)
	resp := &http.Response{
		StatusCode: 404,
		Header: http.Header{
			"Content-Type": {"application/json"},
			"X-Request-Id": {"abc123"},
			"Set-Cookie":   {"_zendesk_session=s3cr3t"},
			"Retry-After":  {"7"},
			"X-Rate-Limit": {"700"},
		},
		Body:    &trackedBody{r: strings.NewReader(body)},
		Request: &http.Request{Method: "GET", URL: u},
	}
	a := testAPI(testBase)
	e := a.NewAPIError(resp)
	if !resp.Body.(*trackedBody).closed {
		t.Error("body not closed")
	}
	want := &sessionkit.APIError{
		API: "test", StatusCode: 404, Method: "GET",
		URL:  "https://acme.zendesk.com/api/v2/users/1/sessions/2?page%5Bsize%5D=10&token=%5BREDACTED%5D",
		Code: "RecordNotFound", Message: "Not found", RequestID: "abc123", RetryAfter: 7 * time.Second, Attempts: 1,
		Header:    http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"abc123"}, "Retry-After": {"7"}, "X-Rate-Limit": {"700"}},
		Body:      []byte(body[:maxErrorBody]),
		RateLimit: sessionkit.RateLimit{Limit: 700, Present: true},
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got, wantS := e.Error(), "test: GET https://acme.zendesk.com/api/v2/users/1/sessions/2?page%5Bsize%5D=10&token=%5BREDACTED%5D: 404 Not Found: RecordNotFound: Not found (request id abc123, retry after 7s)"; got != wantS {
		t.Errorf("Error() = %q\nwant      %q", got, wantS)
	}
}

func TestNewAPIErrorEdgeCases(t *testing.T) {
	a := &API{Name: "test"}
	if e := a.NewAPIError(nil); e.StatusCode != 0 || e.Error() == "" || e.API != "test" {
		t.Errorf("nil resp: %v", e)
	}
	e := a.NewAPIError(&http.Response{StatusCode: 503})
	if e.Error() != "test: 503 Service Unavailable" || !errors.Is(e, sessionkit.ErrServer) {
		t.Errorf("bare 503: %q", e.Error())
	}
	e = a.NewAPIError(&http.Response{StatusCode: 502, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))})
	if diff := cmp.Diff(&sessionkit.APIError{API: "test", StatusCode: 502, Attempts: 1, Header: http.Header{}}, e); diff != "" {
		t.Errorf("empty body: no Body, no Message (-want +got):\n%s", diff)
	}
	e = a.NewAPIError(&http.Response{StatusCode: 799, Body: io.NopCloser(strings.NewReader("weird"))})
	if e.Error() != "test: 799: weird" {
		t.Errorf("799: %q", e.Error())
	}
	// An ErrorBody that finds nothing leaves the body's text as the message;
	// what it returns is made one line and capped.
	a.ErrorBody = func(string, []byte) (string, string) { return "", "" }
	e = a.NewAPIError(&http.Response{StatusCode: 500, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(`{"foo":1}`))})
	if e.Code != "" || e.Message != `{"foo":1}` {
		t.Errorf("unknown JSON: code %q message %q, want the body as the message", e.Code, e.Message)
	}
	a.ErrorBody = func(string, []byte) (string, string) {
		return "Code\nWith\x00Breaks" + strings.Repeat("c", 300), "line1\r\nline2" + strings.Repeat("é", 600)
	}
	e = a.NewAPIError(&http.Response{StatusCode: 500})
	if len(e.Code) > maxCodeBytes || len(e.Message) > maxMessageBytes || strings.ContainsAny(e.Code+e.Message, "\r\n\x00") ||
		!strings.HasPrefix(e.Code, "Code With Breaks") || !strings.HasPrefix(e.Message, "line1 line2") || !utf8.ValidString(e.Message) {
		t.Errorf("ErrorBody result not capped to one line: code %q message %q", e.Code, e.Message)
	}
	var nilErr *sessionkit.APIError
	if nilErr.Error() == "" || nilErr.Is(sessionkit.ErrServer) {
		t.Error("nil *APIError")
	}
}

// TestTextOf covers the message of an error body that is not JSON the API
// understands: text as one line, an HTML page's title or text.
func TestTextOf(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		want        string
	}{
		{"empty", "", "", ""},
		{"text", "text/plain", "  Rate limit exceeded.\n Try again later.  ", "Rate limit exceeded. Try again later."},
		{"html title", "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1></body></html>", "502 Bad Gateway"},
		{"html no title", "text/html", "<html><body><h1>Oops</h1><p>down</p></body></html>", "Oops down"},
		{"html empty title", "text/html", "<html><title> </title><body>down</body></html>", "down"},
		{"html sniffed", "", "<h1>Service Unavailable</h1>", "Service Unavailable"},
		{"html title first", "text/html", "<title>Busy</title><p>down</p>", "Busy"},
		{"html title tags in upper case", "", "<HTML><TITLE lang=en>Service Unavailable</Title></HTML>", "Service Unavailable"},
		{"html title never closed", "text/html", "<title>no end", "no end"},
		{"html title tag never closed", "text/html", "down <title", "down"},
		// bytes.ToLower would make these longer (invalid UTF-8) or shorter
		// (U+0130 is 2 bytes, its lower case 1): indexes must stay the body's.
		{"html invalid utf-8 before the title", "text/html", strings.Repeat("\xff", 20) + "<title>x</title>", "x"},
		{"html letters that change length before the title", "text/html", strings.Repeat("\u0130", 20) + "<title>Gateway Timeout</title>", "Gateway Timeout"},
		{"control chars", "text/plain", "bad\x1b[31mred\x00\u2028x", "bad [31mred x"},
		{"invalid utf-8", "text/plain", "caf\xe9", "caf\uFFFD"},
		{"broken json is text", "application/json", `{"error":`, `{"error":`},
		{"json array is text", "application/json", `["x"]`, `["x"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textOf(tt.contentType, []byte(tt.body)); got != tt.want {
				t.Errorf("textOf(%q) = %q, want %q", tt.body, got, tt.want)
			}
			// The engine uses it when the API's ErrorBody finds nothing.
			e := (&API{Name: "test"}).NewAPIError(&http.Response{StatusCode: 500,
				Header: http.Header{"Content-Type": {tt.contentType}}, Body: io.NopCloser(strings.NewReader(tt.body))})
			if e.Code != "" || e.Message != tt.want {
				t.Errorf("NewAPIError: code %q message %q, want message %q", e.Code, e.Message, tt.want)
			}
		})
	}
}

func TestASCIILower(t *testing.T) {
	in := "@AZ[`az{\xff\u0130<TITLE>"
	if got, want := string(asciiLower([]byte(in))), "@az[`az{\xff\u0130<title>"; got != want {
		t.Errorf("asciiLower(%q) = %q, want %q", in, got, want)
	}
}

// TestStripTagsBound: stripTags stops once its text is past four times
// maxMessageBytes, so a long page of white space before the text shows
// nothing.
func TestStripTagsBound(t *testing.T) {
	for _, tt := range []struct {
		spaces int
		want   string
	}{
		{4*maxMessageBytes - 1, "X"}, // '<' counts as one space: X is byte 4*maxMessageBytes+1
		{4 * maxMessageBytes, ""},
	} {
		if got := oneLine(stripTags([]byte("<p>"+strings.Repeat(" ", tt.spaces)+"XY")), maxMessageBytes); got != tt.want {
			t.Errorf("%d spaces: %q, want %q", tt.spaces, got, tt.want)
		}
	}
}

func TestTextOfCapsMessage(t *testing.T) {
	for _, ct := range []string{"text/plain", "text/html"} {
		msg := textOf(ct, []byte(strings.Repeat("é", 5000)))
		if len(msg) > maxMessageBytes || !utf8.ValidString(msg) || !strings.HasSuffix(msg, "…") {
			t.Errorf("%s: message of %d bytes, valid=%v", ct, len(msg), utf8.ValidString(msg))
		}
	}
}

func TestAPIErrorFromCallNamesTheAPI(t *testing.T) {
	rec := &recorder{handle: always(404, http.Header{"X-Request-Id": {"r-1"}}, `{"error":"RecordNotFound","description":"Not found"}`)}
	e := testEngine(t, rec)
	err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "v1/x?token=abc", "", true), nil)
	want := "test: GET https://api.example.com/base/v1/x?token=%5BREDACTED%5D: 404 Not Found: RecordNotFound: Not found (request id r-1)"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
	rec.allDone(t)
}

func TestInvalidArgumentErrorInCore(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{Invalid("test", "sessionID", nil, "must not be empty"), "test: invalid sessionID: must not be empty"},
		{invalid("sessionID", nil, "must not be empty"), "sessionkit: invalid sessionID: must not be empty"},
		{&sessionkit.InvalidArgumentError{API: "test", Name: "key", Value: Secret("hunter2"), Reason: "bad"}, "test: invalid key [REDACTED]: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, sessionkit.ErrInvalidArgument) {
			t.Errorf("%v does not match ErrInvalidArgument", tt.err)
		}
	}
}

// ExampleAPI_NewAPIError shows how a caller tells failures apart.
func ExampleAPI_NewAPIError() {
	api := API{
		Name:      "acme",
		ErrorBody: testErrorBody,
		RequestID: func(h http.Header) string { return h.Get("X-Request-Id") },
	}
	resp := &http.Response{
		StatusCode: 404,
		Header:     http.Header{"X-Request-Id": {"req-42"}},
		Body:       io.NopCloser(strings.NewReader(`{"error":"RecordNotFound","description":"Not found"}`)),
	}
	var err error = fmt.Errorf("showing session: %w", api.NewAPIError(resp))

	if errors.Is(err, sessionkit.ErrNotFound) {
		fmt.Println("no such session")
	}
	if e, ok := errors.AsType[*sessionkit.APIError](err); ok {
		fmt.Println(e.StatusCode, e.Code, e.Message, e.RequestID)
	}
	fmt.Println(err)
	// Output:
	// no such session
	// 404 RecordNotFound Not found req-42
	// showing session: acme: 404 Not Found: RecordNotFound: Not found (request id req-42)
}
