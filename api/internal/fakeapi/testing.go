package fakeapi

// The test helpers shared by the tests of api/zendesktest and
// api/gameservertest: a testing.TB that records the violations a server
// reports, a compact HTTP call helper, and the checks of the fuzz targets.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// RecordingTB is a testing.TB whose Errorf records the message instead of
// failing the test; everything else goes to the real TB. Hand it to
// NewServer to observe the spec violations the server reports.
type RecordingTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

// NewRecordingTB wraps t.
func NewRecordingTB(t testing.TB) *RecordingTB { return &RecordingTB{TB: t} }

// Errorf records a failure without failing the test.
func (r *RecordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// Errors returns the recorded failures.
func (r *RecordingTB) Errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

// Response is what Call got back.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Call sends one request and reads the whole answer. A body is sent as JSON.
// Transport errors fail the test.
func Call(t testing.TB, c *http.Client, method, url string, header http.Header, body string) Response {
	t.Helper()
	resp, err := Do(c, method, url, header, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return resp
}

// Do is Call that returns transport errors instead.
func Do(c *http.Client, method, url string, header http.Header, body string) (Response, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return Response{}, err
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	if body != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return Response{}, err
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}

// Decode decodes the body as JSON into v, failing the test otherwise.
func (r Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decoding %q: %v", r.Body, err)
	}
}

// Map decodes the body as a JSON object.
func (r Response) Map(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	r.Decode(t, &m)
	return m
}

// FuzzRequest builds a request from fuzzed parts for a handler. It returns
// nil for parts no HTTP client could send (a method that is not a token, a
// target that does not parse).
func FuzzRequest(method, target, authorization, contentType, body string) *http.Request {
	if method == "" || strings.ContainsFunc(method, func(r rune) bool {
		return r <= ' ' || r >= 0x7f || strings.ContainsRune("()<>@,;:\\\"/[]?={}", r)
	}) {
		return nil
	}
	if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \t\r\n#") || !utf8.ValidString(target) {
		return nil
	}
	req, err := http.NewRequest(method, "http://127.0.0.1"+target, bytes.NewReader([]byte(body)))
	if err != nil {
		return nil
	}
	req.RequestURI = target
	if validHeaderValue(authorization) {
		req.Header.Set("Authorization", authorization)
	}
	if validHeaderValue(contentType) {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

func validHeaderValue(v string) bool {
	return v != "" && !strings.ContainsFunc(v, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f })
}

// CheckReply checks what a fuzzed request got: a real status, and a body
// that is JSON or text as its Content-Type says.
func CheckReply(t testing.TB, req *http.Request, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code < 100 || rec.Code >= 600 {
		t.Fatalf("%s %s: status %d", req.Method, req.URL, rec.Code)
	}
	body := rec.Body.Bytes()
	if len(body) == 0 {
		return
	}
	mt, _, _ := mime.ParseMediaType(rec.Header().Get("Content-Type"))
	switch mt {
	case "application/json":
		if !json.Valid(body) {
			t.Fatalf("%s %s: %d with invalid JSON %q", req.Method, req.URL, rec.Code, body)
		}
	case "text/plain":
		if !utf8.Valid(body) {
			t.Fatalf("%s %s: %d with non-UTF-8 text", req.Method, req.URL, rec.Code)
		}
	default:
		t.Fatalf("%s %s: %d with Content-Type %q", req.Method, req.URL, rec.Code, rec.Header().Get("Content-Type"))
	}
}
