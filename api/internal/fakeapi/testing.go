package fakeapi

// The test helpers shared by the tests of api/zendesktest and
// api/gameservertest.

import (
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
// failing the test: for NewServer, to observe the violations it reports.
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
	req, err := http.NewRequest(method, url, strings.NewReader(body))
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
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, err
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

// Fuzz runs the fuzz target both servers share on h: random method, target,
// Authorization, Content-Type and body (what an HTTP client could send); the
// answer must have a real status and a body that is JSON or text as its
// Content-Type says. The server reports spec violations on the target's t.
func Fuzz(f *testing.F, h http.Handler) {
	header := func(v string) bool {
		return v != "" && !strings.ContainsFunc(v, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f })
	}
	f.Fuzz(func(t *testing.T, method, target, auth, contentType, body string) {
		if method == "" || strings.ContainsFunc(method, func(r rune) bool {
			return r <= ' ' || r >= 0x7f || strings.ContainsRune("()<>@,;:\\\"/[]?={}", r)
		}) || !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \t\r\n#") || !utf8.ValidString(target) {
			return
		}
		req, err := http.NewRequest(method, "http://127.0.0.1"+target, strings.NewReader(body))
		if err != nil {
			return
		}
		req.RequestURI = target
		if header(auth) {
			req.Header.Set("Authorization", auth)
		}
		if header(contentType) {
			req.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code < 100 || rec.Code >= 600 {
			t.Fatalf("%s %s: status %d", req.Method, req.URL, rec.Code)
		}
		b, ct := rec.Body.Bytes(), rec.Header().Get("Content-Type")
		switch mt, _, _ := mime.ParseMediaType(ct); {
		case len(b) == 0:
		case mt == "application/json" && !json.Valid(b):
			t.Fatalf("%s %s: %d with invalid JSON %q", req.Method, req.URL, rec.Code, b)
		case mt == "text/plain" && !utf8.Valid(b):
			t.Fatalf("%s %s: %d with non-UTF-8 text", req.Method, req.URL, rec.Code)
		case mt != "application/json" && mt != "text/plain":
			t.Fatalf("%s %s: %d with Content-Type %q", req.Method, req.URL, rec.Code, ct)
		}
	})
}

// BenchRoundTrip sends req with c b.N times, reading each answer whole and
// wanting a 200, and reports the rate as req/s.
func BenchRoundTrip(b *testing.B, c *http.Client, req *http.Request) {
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// Sample is a valid request for an operation.
type Sample struct{ Method, Path, Body string }

// ErrorStatusCheck asks a server for every documented error status of every
// operation, injected once, then checks that the real behaviour resumes.
type ErrorStatusCheck struct {
	Server *Server
	Header http.Header       // credentials for the samples
	Sample map[string]Sample // a valid request per operationId
	// MinStatuses is the fewest error statuses an operation may document.
	MinStatuses int
	// CheckBody checks the body of an injected error.
	CheckBody func(t *testing.T, op string, status int, resp Response)
	// Reset restores what a sample may have changed (a deleted record)
	// before the real request that follows the faults.
	Reset func()
}

// Run runs the check.
func (c ErrorStatusCheck) Run(t *testing.T) {
	srv := c.Server
	if len(srv.Operations()) != len(c.Sample) {
		t.Fatalf("operations %v, samples for %d", srv.Operations(), len(c.Sample))
	}
	for _, op := range srv.Operations() {
		s, ok := c.Sample[op]
		if !ok {
			t.Fatalf("no sample request for %s", op)
		}
		statuses := srv.ErrorStatuses(op)
		if len(statuses) < c.MinStatuses {
			t.Errorf("%s documents only %v", op, statuses)
		}
		for _, status := range statuses {
			srv.InjectFault(op, Fault{Status: status, Times: 1})
			resp := Call(t, srv.Client(), s.Method, srv.URL+s.Path, c.Header, s.Body)
			if resp.Status != status {
				t.Errorf("%s with a %d fault: got %d", op, status, resp.Status)
			}
			c.CheckBody(t, op, status, resp)
		}
		c.Reset()
		if resp := Call(t, srv.Client(), s.Method, srv.URL+s.Path, c.Header, s.Body); resp.Status >= 300 {
			t.Errorf("after the faults of %s: %d %s, want the real success", op, resp.Status, resp.Body)
		}
	}
}

// FaultGateCheck checks that an injected fault answers only requests the
// server would serve: a request without credentials gets the real 401 and an
// invalid one the real 400 naming the violation, whatever fault is queued,
// and neither uses the fault up; a valid request gets the fault's status.
type FaultGateCheck struct {
	Server    *Server
	Operation string
	// Sample is a valid request for Operation, without a query.
	Sample Sample
	// Header holds credentials the server accepts.
	Header http.Header
	// BadQuery is a query the spec refuses ("page[size]=1000"), and BadParam
	// the parameter its 400 names ("page[size]").
	BadQuery, BadParam string
}

// Run queues a 503 before each request of its table; the valid request that
// follows gets it exactly when the first did not use it up.
func (c FaultGateCheck) Run(t *testing.T) {
	const faultStatus = http.StatusServiceUnavailable
	srv := c.Server
	tests := []struct {
		name       string
		header     http.Header
		query      string
		wantStatus int
		wantInBody string
		wantUsed   bool // whether the request used the fault up
	}{
		{"no credentials", nil, "", http.StatusUnauthorized, "", false},
		{"no credentials and an invalid query", nil, c.BadQuery, http.StatusUnauthorized, "", false},
		{"invalid query", c.Header, c.BadQuery, http.StatusBadRequest, c.BadParam, false},
		{"valid", c.Header, "", faultStatus, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ClearFaults()
			srv.ResetRequests()
			t.Cleanup(srv.ClearFaults)
			srv.InjectFault(c.Operation, Fault{Status: faultStatus, RetryAfter: "7", Times: 1})
			target := srv.URL + c.Sample.Path
			if tt.query != "" {
				target += "?" + tt.query
			}
			resp := Call(t, srv.Client(), c.Sample.Method, target, tt.header, c.Sample.Body)
			if resp.Status != tt.wantStatus || !strings.Contains(string(resp.Body), tt.wantInBody) {
				t.Errorf("with a %d fault queued: %d %s, want %d naming %q", faultStatus, resp.Status, resp.Body, tt.wantStatus, tt.wantInBody)
			}
			if got := resp.Header.Get("Retry-After") != ""; got != tt.wantUsed {
				t.Errorf("Retry-After %q: the fault answered %v, want %v", resp.Header.Get("Retry-After"), got, tt.wantUsed)
			}
			if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Fault != tt.wantUsed || reqs[0].Status != tt.wantStatus {
				t.Errorf("logged %+v, want one request with status %d and Fault %v", reqs, tt.wantStatus, tt.wantUsed)
			}
			next := Call(t, srv.Client(), c.Sample.Method, srv.URL+c.Sample.Path, c.Header, c.Sample.Body)
			if pending := next.Status == faultStatus; pending == tt.wantUsed {
				t.Errorf("the next valid request got %d: fault still pending %v, want %v", next.Status, pending, !tt.wantUsed)
			}
		})
	}
}
