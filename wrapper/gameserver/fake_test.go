package gameserver

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// testKey is the API key of the test clients.
const testKey = "3c1d9e0a-test-key-7f42"

// call is a request as a fake server received it.
type call struct {
	Method string
	// URI is the request target as sent on the wire: escaped path and query.
	URI string
	// Auth, ContentType and UserAgent are the request's headers.
	Auth, ContentType, UserAgent string
	// Body is the JSON body decoded into a generic value; nil without body.
	Body any
}

// reply is a scripted answer.
type reply struct {
	Status int
	Body   string
	Header http.Header
	// Err, for in-memory clients, fails the attempt with a transport error.
	Err error
	// Delay, for in-memory clients, is how long the answer takes.
	Delay time.Duration
}

// ok is a 200 reply with a JSON body.
func ok(body string) reply { return reply{Status: http.StatusOK, Body: body} }

// fail is an error reply with the API's {"message"} body.
func fail(status int, message string) reply {
	b, _ := json.Marshal(map[string]string{"message": message})
	return reply{Status: status, Body: string(b)}
}

// fakeAPI records every request and answers with its replies in order,
// repeating the last one; route, when set, answers instead.
type fakeAPI struct {
	t     testing.TB
	route func(r *http.Request) reply

	mu      sync.Mutex
	calls   []call
	replies []reply
}

func newFake(t testing.TB, replies ...reply) *fakeAPI {
	return &fakeAPI{t: t, replies: replies}
}

// next returns the reply to the n-th request (from 0).
func (f *fakeAPI) next(r *http.Request) reply {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.route != nil {
		return f.route(r)
	}
	if len(f.replies) == 0 {
		return fail(http.StatusTeapot, "no reply scripted")
	}
	rep := f.replies[0]
	if len(f.replies) > 1 {
		f.replies = f.replies[1:]
	}
	return rep
}

// record reads r into a call.
func (f *fakeAPI) record(r *http.Request) {
	c := call{
		Method:      r.Method,
		URI:         r.URL.RequestURI(),
		Auth:        r.Header.Get("Authorization"),
		ContentType: r.Header.Get("Content-Type"),
		UserAgent:   r.Header.Get("User-Agent"),
	}
	if r.Body != nil {
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			f.t.Errorf("reading the request body: %v", err)
		}
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, &c.Body); err != nil {
				f.t.Errorf("request body %q is not JSON: %v", raw, err)
			}
		}
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()
}

// Calls returns the requests received so far.
func (f *fakeAPI) Calls() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

// ServeHTTP records the request and writes the next reply.
func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.record(r)
	rep := f.next(r)
	resp := rep.response(r)
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// serve starts an httptest server for f and returns a client of it.
func (f *fakeAPI) serve(t testing.TB, opts ...Option) *Client {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	gc, err := NewClient(append([]Option{WithAPIToken(testKey), WithBaseURL(srv.URL), WithHTTPClient(srv.Client())}, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return gc
}

// inMemory returns a client whose transport calls f directly, without a
// network or goroutines, for tests under testing/synctest.
func (f *fakeAPI) inMemory(t testing.TB, opts ...Option) *Client {
	t.Helper()
	doer := sessionkit.DoerFunc(func(r *http.Request) (*http.Response, error) {
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		f.record(r)
		rep := f.next(r)
		if rep.Delay > 0 {
			timer := time.NewTimer(rep.Delay)
			defer timer.Stop()
			select {
			case <-timer.C:
			case <-r.Context().Done():
				return nil, r.Context().Err()
			}
		}
		if rep.Err != nil {
			return nil, rep.Err
		}
		return rep.response(r), nil
	})
	gc, err := NewClient(append([]Option{WithAPIToken(testKey), WithHTTPClient(doer)}, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return gc
}

// response builds the in-memory response to r.
func (rep reply) response(r *http.Request) *http.Response {
	rec := httptest.NewRecorder()
	for k, v := range rep.Header {
		rec.Header()[k] = v
	}
	if rep.Body != "" {
		rec.Header().Set("Content-Type", "application/json")
	}
	rec.WriteHeader(rep.Status)
	_, _ = io.WriteString(rec, rep.Body)
	resp := rec.Result()
	resp.Request = r
	return resp
}

// jsonValue decodes a JSON literal of a test table into a generic value.
func jsonValue(t testing.TB, s string) any {
	t.Helper()
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad JSON in test table: %v\n%s", err, s)
	}
	return v
}
