package core

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/internal/faults"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

var fastRetry = Retry(sessionkit.RetryPolicy{InitialBackoff: time.Millisecond, Jitter: -1})

// newTestEngine returns an engine of API "test" at base.
func newTestEngine(t *testing.T, base string, opts ...Option) *Engine {
	t.Helper()
	e, err := newEngine(API{Name: "test", DefaultBaseURL: base}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.CloseIdleConnections)
	return e
}

// send does one call of method to path on e, decoding a JSON object.
func send(t *testing.T, e *Engine, op *Op, path string, opts ...Option) (map[string]any, error) {
	t.Helper()
	call, err := callOf(e, opts...)
	if err != nil {
		return nil, err
	}
	build := func(base string) (*http.Request, error) {
		if op.Method == http.MethodPost {
			return http.NewRequest(op.Method, base+strings.TrimPrefix(path, "/"), strings.NewReader(`{"app_name":"x"}`))
		}
		return http.NewRequest(op.Method, base+strings.TrimPrefix(path, "/"), nil)
	}
	var out map[string]any
	err = call.Do(context.Background(), op, build, func(r Response) error { return json.Unmarshal(r.Body, &out) })
	return out, err
}

func TestMidBodyResetIsRetriedWhenIdempotent(t *testing.T) {
	tests := []struct {
		op       *Op
		wantReqs int32
		wantOK   bool
	}{
		{&Op{Method: http.MethodGet}, 2, true},
		{&Op{Method: http.MethodDelete}, 2, true},
		{&Op{Method: http.MethodPut}, 2, true},
		{&Op{Method: http.MethodPost, RetrySafe: true}, 2, true},
		{&Op{Method: http.MethodPost}, 1, false}, // a create is never repeated
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s safe=%v", tt.op.Method, tt.op.RetrySafe), func(t *testing.T) {
			srv, err := faults.Listen("127.0.0.1:0", faults.BreakFirst(1, 200, http.Header{"Content-Type": {"application/json"}}, `{"ok":true}`))
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = srv.Close() }()
			e := newTestEngine(t, "http://"+srv.Addr(), fastRetry)
			out, err := send(t, e, tt.op, "/x")
			e.CloseIdleConnections()
			if got := int32(len(srv.Requests())); got != tt.wantReqs {
				t.Errorf("requests = %d, want %d", got, tt.wantReqs)
			}
			if tt.wantOK {
				if err != nil || out["ok"] != true {
					t.Fatalf("got %v, %v; want success after a retry", out, err)
				}
				return
			}
			ce, ok := errors.AsType[*sessionkit.ConnectionError](err)
			if !ok || !errors.Is(err, sessionkit.ErrConnection) || ce.Attempts != 1 || ce.API != "test" {
				t.Fatalf("err = %#v, want a *ConnectionError of 1 attempt", err)
			}
		})
	}
}

func TestRedirectToAnotherOriginIsRefused(t *testing.T) {
	var leaked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Add(1)
		_, _ = fmt.Fprint(w, `{}`)
	}))
	defer other.Close()
	for _, status := range []int{301, 302, 307, 308} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/same" {
					http.Redirect(w, r, "/final", status)
					return
				}
				if r.URL.Path == "/final" {
					if r.Header.Get("Authorization") != "token k" || r.Header.Get("X-Secret") != "s" {
						w.WriteHeader(401)
					}
					_, _ = fmt.Fprint(w, `{"ok":true}`)
					return
				}
				http.Redirect(w, r, other.URL+"/x", status)
			}))
			defer srv.Close()
			e := newTestEngine(t, srv.URL, Auth("WithAPIToken", StaticHeader("Authorization", "token", "k")), Header("X-Secret", "s"))
			_, err := send(t, e, &Op{Method: http.MethodGet}, "/away")
			re, ok := errors.AsType[*sessionkit.RedirectError](err)
			if !ok || re.StatusCode != status || !strings.HasPrefix(re.Location, other.URL) {
				t.Fatalf("err = %v, want a *RedirectError for %d to %s", err, status, other.URL)
			}
			if strings.Contains(err.Error(), "token k") {
				t.Errorf("the error shows the credential: %v", err)
			}
			if out, err := send(t, e, &Op{Method: http.MethodGet}, "/same"); err != nil || out["ok"] != true {
				t.Errorf("same-origin redirect: %v, %v; want it followed with the credentials", out, err)
			}
		})
	}
	if n := leaked.Load(); n != 0 {
		t.Errorf("the other origin got %d requests, want none", n)
	}
}

func TestOverLimitBodyHeap(t *testing.T) {
	const limit = 8 << 20
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bw := bufio.NewWriter(w) // no Content-Length: chunked
		_, _ = bw.WriteString(`{"x":"`)
		chunk := strings.Repeat("a", 64<<10)
		for range (64 << 20) / len(chunk) {
			if _, err := bw.WriteString(chunk); err != nil {
				return
			}
		}
		_, _ = bw.WriteString(`"}`)
		_ = bw.Flush()
	}))
	defer srv.Close()
	e := newTestEngine(t, srv.URL, MaxResponseBytes(limit))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := send(t, e, &Op{Method: http.MethodGet}, "/big")
	runtime.ReadMemStats(&after)
	if tl, ok := errors.AsType[*sessionkit.ResponseTooLargeError](err); !ok || tl.Limit != limit {
		t.Fatalf("err = %v, want a *ResponseTooLargeError", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > limit*3/2 {
		t.Errorf("allocated %d bytes for an over-limit body, want at most 1.5 × %d", alloc, limit)
	}
}

func TestLocalErrorsAreOneAttempt(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = fmt.Fprint(w, `{}`)
	}))
	defer srv.Close()
	e := newTestEngine(t, srv.URL, fastRetry, Auth("WithOAuth", refusingAuth{}))
	_, err := send(t, e, &Op{Method: http.MethodGet}, "/x")
	if !errors.Is(err, sessionkit.ErrInvalidArgument) || !strings.Contains(err.Error(), "WithOAuth") {
		t.Fatalf("err = %v, want an invalid-argument error naming WithOAuth", err)
	}
	if got := n.Load(); got != 0 {
		t.Errorf("the server got %d requests, want none", got)
	}
}

func TestConflictingCredentials(t *testing.T) {
	_, err := newEngine(API{Name: "test", DefaultBaseURL: "https://example.com"},
		Auth("WithOAuthToken", StaticHeader("Authorization", "Bearer", "t")),
		Auth("WithAPIToken", Basic("a/token", "b")))
	if !errors.Is(err, sessionkit.ErrInvalidArgument) || !strings.Contains(err.Error(), "WithAPIToken") || !strings.Contains(err.Error(), "WithOAuthToken") {
		t.Fatalf("err = %v, want an error naming both options", err)
	}
	if !strings.HasPrefix(err.Error(), "test: ") {
		t.Errorf("err = %q, want it to name its API", err)
	}
}

func TestCallWithoutOptionsIsShared(t *testing.T) {
	e := newTestEngine(t, "https://example.com")
	if allocs := testing.AllocsPerRun(100, func() { _, _ = callOf(e) }); allocs != 0 {
		t.Errorf("Call() allocates %v times, want 0", allocs)
	}
	c, err := callOf(e, NoRetries())
	if err != nil || c == e.client || !c.cfg.noRetry || e.client.cfg.noRetry {
		t.Errorf("Call(NoRetries()) = %v, %v; want its own config, the client's untouched", c, err)
	}
}

// TestRefusedCallsCloseTheRequestBody: a call refused before anything is
// sent closes its request body, as http.Client.Do would.
func TestRefusedCallsCloseTheRequestBody(t *testing.T) {
	done, cancel := context.WithCancel(t.Context())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		url  string // "" = on the base URL
		opts []Option
	}{
		{"nil context", nil, "", nil},
		{"another origin", t.Context(), "https://other.example/x", nil},
		{"context already done", done, "", nil},
		{"credentials refused", t.Context(), "", []Option{Auth("WithOAuth", refusingAuth{})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{handle: always(200, nil, "{}")}
			e := testEngine(t, rec, tt.opts...)
			req := newRequest(t, e, "POST", "x", "", true)
			if tt.url != "" {
				req.URL, _ = url.Parse(tt.url)
			}
			body := &trackedBody{r: strings.NewReader("{}")}
			req.Body = body
			err := call(t, e, tt.ctx, opFor("POST"), req, nil)
			if err == nil || rec.calls() != 0 || !body.closed {
				t.Errorf("err = %v after %d requests, body closed %v; want an error, none sent, the body closed", err, rec.calls(), body.closed)
			}
		})
	}
}

// TestDoerErrorWithAResponse: a Doer that returns a response along with
// its error has that response's body closed, and the *ConnectionError
// carries the Doer's error as it is.
func TestDoerErrorWithAResponse(t *testing.T) {
	errBoom := errors.New("boom")
	rec := &recorder{handle: func(_ int, req *http.Request) (*http.Response, error) {
		return fakeResponse(req, 200, nil, "{}"), errBoom
	}}
	e := testEngine(t, rec, NoRetries())
	err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
	ce, ok := errors.AsType[*sessionkit.ConnectionError](err)
	if !ok || ce.Err != errBoom || ce.Attempts != 1 {
		t.Fatalf("err = %#v, want a *ConnectionError of 1 attempt with the Doer's error as is", err)
	}
	if !rec.resps[0].closed {
		t.Error("the response that came with the error was not closed")
	}
}

// TestSend: Do builds the request against the call's base URL, with its
// trailing slash, and sends it; a request that cannot be built is an
// *InvalidArgumentError naming the operation, and nothing is sent.
func TestSend(t *testing.T) {
	rec := &recorder{handle: always(200, nil, `{"ok":true}`)}
	e := testEngine(t, rec)
	c, err := callOf(e)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]bool
	err = c.Do(t.Context(), opFor("GET"), func(base string) (*http.Request, error) {
		return http.NewRequest("GET", base+"v1/x", nil)
	}, decodeInto(&got))
	if err != nil || !got["ok"] || rec.calls() != 1 || rec.reqs[0].URL.String() != testBase+"/v1/x" {
		t.Errorf("Send = %v, decoded %v, %d requests; want the one request to %s/v1/x", err, got, rec.calls(), testBase)
	}
	err = c.Do(t.Context(), opFor("GET"), func(string) (*http.Request, error) { return nil, errors.New("bad path") }, nil)
	want := &sessionkit.InvalidArgumentError{API: "test", Name: "testGET request", Reason: "bad path"}
	if diff := cmp.Diff(want, err); diff != "" || rec.calls() != 1 {
		t.Errorf("Send with a failing build sent %d requests (-want +got):\n%s", rec.calls()-1, diff)
	}
}
