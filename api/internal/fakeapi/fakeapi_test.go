package fakeapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// A tiny API: GET /things/{id} answers {"id": integer}; POST /things takes
// {"name": string}. The handlers misbehave on request.
const miniSpec = `
openapi: 3.0.3
info: {title: mini, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: get-thing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, maximum: 10}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id]
                properties:
                  id: {type: integer}
                  note: {type: string, nullable: true}
                  box: {$ref: "#/components/schemas/Box"}
                  boxes: {type: array, items: {$ref: "#/components/schemas/Box"}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Problem"}
        "404": {$ref: "#/components/responses/Problem"}
        "503": {$ref: "#/components/responses/Problem"}
  /things:
    post:
      operationId: PostThing
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties: {name: {type: string, maxLength: 5}}
      responses:
        "200": {description: ok}
        "400":
          description: bad
          content:
            application/json:
              schema: {type: object, properties: {message: {type: string}}}
        "401":
          description: who
          content:
            application/json:
              schema: {type: object, properties: {message: {type: string}}}
components:
  schemas:
    Box:
      type: object
      properties:
        w: {type: integer}
        h: {type: integer, nullable: true}
  responses:
    Problem:
      description: an error
      content:
        application/json:
          schema: {type: object, properties: {message: {type: string}}}
`

// recorder records what a server reports.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, format)
}

// mini is a tiny API for the shell's tests.
type mini struct{ sync.Mutex }

func (*mini) Spec() (string, []byte) { return "mini", []byte(miniSpec) }

func (*mini) WholeSchemas() []string { return []string{"Box"} }

func (*mini) Problem(status int, code, msg string) *Reply {
	return JSON(status, map[string]string{"message": code + ": " + msg})
}

func (*mini) Authenticate(r *http.Request) (*http.Request, *Reply) {
	if r.Header.Get("Authorization") == "no" {
		return nil, JSON(http.StatusUnauthorized, map[string]string{"message": "who?"})
	}
	return r, nil
}

func (m *mini) Handler(ErrorHandler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) {
		switch id := r.PathValue("id"); id {
		case "panic":
			panic("boom")
		case "locked": // {"id": 1} when the handler runs holding the lock
			held := 1
			if m.TryLock() {
				held = 0
				m.Unlock()
			}
			Send(w, JSON(http.StatusOK, map[string]any{"id": held}))
		case "nulls": // Box is a null schema: its h comes back null
			Send(w, JSON(http.StatusOK, map[string]any{"id": 5, "box": map[string]any{"w": 1}, "boxes": []any{map[string]any{"w": 2}, map[string]any{"h": 3}}}))
		case "bad":
			Send(w, JSON(http.StatusOK, map[string]string{"id": "not a number"}))
		default:
			Send(w, JSON(http.StatusOK, map[string]any{"id": len(id)}))
		}
	})
	mux.HandleFunc("POST /things", func(w http.ResponseWriter, r *http.Request) {
		var v struct{ Name string }
		if r.URL.Query().Has("int") { // a body that cannot decode into v
			r.Body = io.NopCloser(strings.NewReader(`{"Name": 1}`))
		}
		if Decode(w, r, &v) {
			Send(w, Empty(http.StatusOK))
		}
	})
	return mux
}

func miniServer(t *testing.T, noNetwork bool) (*Server, *recorder) {
	rec := &recorder{TB: t}
	srv, err := New(new(mini), Config{TB: rec, NoNetwork: noNetwork})
	if err != nil {
		t.Fatal(err)
	}
	return srv, rec
}

func TestPipeline(t *testing.T) {
	srv, rec := miniServer(t, true)
	tests := []struct {
		name, method, target, auth, body string
		wantStatus                       int
		wantBody                         string
		wantReports                      int
	}{
		{"ok", "GET", "/things/abc", "", "", 200, `{"id":3}`, 0},
		{"escaped id reaches the handler unescaped", "GET", "/things/a%2Fb", "", "", 200, `{"id":3}`, 0},
		{"missing properties of a whole schema come back", "GET", "/things/nulls", "", "", 200, `{"box":{"h":null,"w":1},"boxes":[{"h":null,"w":2},{"h":3,"w":0}],"id":5}`, 0},
		{"escaped dot segments stay in the id", "GET", "/things/a%2F..%2Fb", "", "", 200, `{"id":6}`, 0},
		{"dot segment", "GET", "/things/..", "", "", 404, `{"message":"InvalidEndpoint: No such endpoint: /things/.."}`, 0},
		{"unknown path", "GET", "/nothing", "", "", 404, `{"message":"InvalidEndpoint: No such endpoint: /nothing"}`, 0},
		{"other method", "DELETE", "/things/abc", "", "", 405, `{"message":"MethodNotAllowed: Method \"DELETE\" not allowed on /things/abc"}`, 0},
		{"refused", "POST", "/things", "no", `{"name":"x"}`, 401, `{"message":"who?"}`, 0},
		{"body breaks the schema", "POST", "/things", "", `{"name":"too long"}`, 400,
			`{"message":"BadRequest: request body at /name: maximum string length is 5"}`, 0},
		{"ok body", "POST", "/things", "", `{"name":"x"}`, 200, "", 0},
		{"body the handler cannot decode", "POST", "/things?int", "", `{"name":"x"}`, 400, `{"message":"BadRequest: request body: json: cannot unmarshal number into Go struct field .Name of type string"}`, 0},
		{"no body", "POST", "/things", "", "", 400, `{"message":"BadRequest: request body: value is required but missing"}`, 0},
		{"response breaks the schema", "GET", "/things/bad", "", "", 500, "", 1},
		{"handler panics", "GET", "/things/panic", "", "", 500, `{"message":"InternalServerError: the server panicked"}`, 1},
		{"handler holds the state lock, released after the panic", "GET", "/things/locked", "", "", 200, `{"id":1}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec.errs = nil
			req, _ := http.NewRequest(tt.method, srv.URL+tt.target, strings.NewReader(tt.body))
			if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, tt.wantStatus, body)
			}
			if tt.wantBody != "" && strings.TrimSpace(string(body)) != tt.wantBody {
				t.Errorf("body\n got %s\nwant %s", body, tt.wantBody)
			}
			if len(rec.errs) != tt.wantReports {
				t.Errorf("reports %q, want %d", rec.errs, tt.wantReports)
			}
		})
	}
}

func TestFaultCheck(t *testing.T) {
	srv, _ := miniServer(t, true)
	tests := []struct {
		op   string
		f    Fault
		want string
	}{
		{"get-thing", Fault{Status: 503}, ""},
		{"get-thing", Fault{Drop: true, Times: 2}, ""},
		{"GetThing", Fault{Delay: 1}, ""},
		{"*", Fault{Status: 418}, ""},
		{"get-thing", Fault{Status: 418, OffSpec: true}, ""},
		{"get-thing", Fault{Status: 503, RetryAfter: "Wed, 21 Oct 2015 07:28:00 GMT", Header: http.Header{"X-A": {"1"}}}, ""},
		{"", Fault{Status: 503}, `field "operation" is missing`},
		{"nope", Fault{Status: 503}, `"nope" is not an operation`},
		{"get-thing", Fault{}, "does nothing"},
		{"get-thing", Fault{Status: 99}, "not an HTTP status"},
		{"get-thing", Fault{Status: 600}, "not an HTTP status"},
		{"get-thing", Fault{Status: 500, Drop: true}, "not both"},
		{"get-thing", Fault{Status: 503, Times: -1}, `field "times": -1 is negative`},
		{"get-thing", Fault{Status: 503, Delay: -1}, `field "delay": -1ns is negative`},
		{"get-thing", Fault{Drop: true, RetryAfter: "1"}, `need a "status"`},
		{"get-thing", Fault{Status: 503, RetryAfter: "later"}, `field "retry_after"`},
		{"get-thing", Fault{Status: 503, Header: http.Header{"A B": {"1"}}}, `field "headers"`},
		{"get-thing", Fault{Status: 418}, "the spec documents no 418 for get-thing"},
		{"get-thing", Fault{Status: 503, Body: strings.Repeat("x", maxFaultBody+1)}, `field "body": 65537 bytes`},
		{"get-thing", Fault{Status: 503, Header: http.Header{"X-A": {strings.Repeat("x", maxFaultHead)}}}, `field "headers"`},
	}
	for _, tt := range tests {
		_, err := srv.AddFault(tt.op, tt.f)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%q %+v: %v, want %q", tt.op, tt.f, err, tt.want)
		}
	}
}

// TestFaultsBounded: pending faults cost bounded memory (48 faults of
// 4 MiB used to be kept whole): at most maxFaults, each within its bounds.
func TestFaultsBounded(t *testing.T) {
	srv, _ := miniServer(t, true)
	if _, err := srv.AddFault("get-thing", Fault{Status: 503, Body: strings.Repeat("x", 4<<20)}); err == nil {
		t.Error("a fault with a 4 MiB body queued")
	}
	for i := range maxFaults {
		if _, err := srv.AddFault("get-thing", Fault{Status: 503}); err != nil {
			t.Fatalf("fault %d: %v", i, err)
		}
	}
	if _, err := srv.AddFault("get-thing", Fault{Status: 503}); err == nil || !strings.Contains(err.Error(), "pending already") {
		t.Errorf("fault %d: %v, want a refusal", maxFaults+1, err)
	}
	srv.ClearFaults()
	if _, err := srv.AddFault("get-thing", Fault{Status: 503}); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
}

func TestFaultQueue(t *testing.T) {
	srv, _ := miniServer(t, true)
	for _, f := range []struct {
		op string
		f  Fault
	}{
		{"get-thing", Fault{Status: 503, Times: 2}},
		{"GetThing", Fault{Status: 400, Times: 1}},
		{"post_thing", Fault{Status: 401}},
	} {
		if _, err := srv.AddFault(f.op, f.f); err != nil {
			t.Fatal(err)
		}
	}
	var got []int
	for range 4 {
		f, ok := srv.takeFault("get-thing")
		if !ok {
			got = append(got, 0)
			continue
		}
		got = append(got, f.Status)
	}
	for range 3 {
		f, _ := srv.takeFault("PostThing")
		got = append(got, f.Status)
	}
	if _, err := srv.AddFault(AnyOperation, Fault{Status: 502, Times: 1}); err != nil {
		t.Fatal(err)
	}
	f, _ := srv.takeFault("anything")
	got = append(got, f.Status)
	if diff := cmp.Diff([]int{503, 503, 400, 0, 401, 401, 401, 502}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	srv.ClearFaults()
	if _, ok := srv.takeFault("PostThing"); ok {
		t.Error("a fault after clear")
	}
}

func TestFaultJSON(t *testing.T) {
	srv, _ := miniServer(t, true)
	ra := json.RawMessage(`3`)
	got, err := addFaultJSON(srv, FaultJSON{Operation: "GetThing", Fault: Fault{Status: 503, Times: 1}, Delay: "1.5s", RetryAfter: ra, Headers: map[string]string{"x-a": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	want := Fault{Status: 503, Times: 1, Delay: 1500 * time.Millisecond, RetryAfter: "3", Header: http.Header{"X-A": {"1"}}}
	if diff := cmp.Diff(want, got.Fault); diff != "" {
		t.Errorf("fault (-want +got):\n%s", diff)
	}
	b, _ := json.Marshal(got)
	if w := `{"operation":"get-thing","status":503,"times":1,"delay":"1.5s","retry_after":"3","headers":{"X-A":"1"}}`; string(b) != w {
		t.Errorf("echo %s, want %s", b, w)
	}
	for _, bad := range []FaultJSON{
		{Operation: "get-thing", Delay: "soon"},
		{Operation: "get-thing", Fault: Fault{Status: 429}, RetryAfter: json.RawMessage(`[]`)},
	} {
		if _, err := addFaultJSON(srv, bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// addFaultJSON queues a fault given as JSON, as the mock does, and returns
// it as queued.
func addFaultJSON(srv *Server, j FaultJSON) (FaultJSON, error) {
	f, err := j.Parse()
	if err != nil {
		return FaultJSON{}, err
	}
	op, err := srv.AddFault(j.Operation, f)
	if err != nil {
		return FaultJSON{}, err
	}
	return NewFaultJSON(op, f), nil
}

func TestRequestLogLimit(t *testing.T) {
	var l requestLog
	for i := range 3*RequestLogLimit + 7 {
		l.add(Request{Status: i})
	}
	got := l.snapshot()
	if len(got) != RequestLogLimit || got[len(got)-1].Status != 3*RequestLogLimit+6 || got[0].Status != 2*RequestLogLimit+7 {
		t.Errorf("kept %d, from %d to %d", len(got), got[0].Status, got[len(got)-1].Status)
	}
}

func TestInjectFaultMisuse(t *testing.T) {
	srv, rec := miniServer(t, true)
	srv.InjectFault("nope", Fault{Status: 500})
	srv.InjectFault("get-thing", Fault{})
	if len(rec.errs) != 2 {
		t.Errorf("reports %q, want 2", rec.errs)
	}
	if diff := cmp.Diff([]string{"PostThing", "get-thing"}, srv.Operations()); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{400, 401}, srv.ErrorStatuses("post_thing")); diff != "" {
		t.Errorf("error statuses (-want +got):\n%s", diff)
	}
	if got := srv.ErrorStatuses("nope"); got != nil {
		t.Errorf("error statuses of an unknown operation: %v", got)
	}
}

func TestOversizedBody(t *testing.T) {
	srv, _ := miniServer(t, true)
	resp, err := srv.Client().Post(srv.URL+"/things", "application/json", bytes.NewReader(make([]byte, maxBody+1)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d", resp.StatusCode)
	}
}

func TestDropWithRecorderPanicsAbort(t *testing.T) {
	srv, _ := miniServer(t, true)
	srv.InjectFault("get-thing", Fault{Drop: true})
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", p)
		}
	}()
	srv.Handler().ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/things/x", nil))
}

func TestClosedInProcessServer(t *testing.T) {
	srv, _ := miniServer(t, true)
	srv.Close()
	srv.Close()
	_, err := srv.Client().Get(srv.URL + "/things/x")
	if !errors.Is(err, errClosed) {
		t.Errorf("err %v, want errClosed", err)
	}
}

func TestMust(t *testing.T) {
	type cfg struct{ Config }
	bad := func(*cfg) (*mini, error) { return nil, errors.New("boom") }
	defer func() {
		if p := recover(); p == nil {
			t.Error("MustOpen(nil TB, ...) of a server that cannot start did not panic")
		}
	}()
	MustOpen[cfg](nil, []func(*cfg){}, bad, func(s *Server, _ *mini) *Server { return s })
}

// send sends a request to srv and returns its status and body; status 0
// means the server dropped the connection.
func send(t *testing.T, srv *Server, target, auth string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+target, nil)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		if srv.hs == nil && !errors.Is(err, errDropped) {
			t.Fatal(err)
		}
		return 0, "" // dropped (on loopback: any transport error)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// TestFaultAfterAuthAndValidation checks that a fault applies only to a
// request the server would serve: a refused or invalid request gets its
// real answer at once, without the fault's latency, and leaves the fault
// queued for the next valid request, which gets it.
func TestFaultAfterAuthAndValidation(t *testing.T) {
	type outcome struct {
		status int // 0: dropped
		took   time.Duration
	}
	faults := map[string]Fault{
		"status":  {Status: http.StatusServiceUnavailable, Delay: time.Second, Times: 1},
		"drop":    {Drop: true, Delay: time.Second, Times: 1},
		"latency": {Delay: time.Second, Times: 1},
	}
	// What a valid request gets with each fault queued, and without one.
	faulted := map[string]outcome{"status": {503, time.Second}, "drop": {0, time.Second}, "latency": {200, time.Second}}
	real := outcome{200, 0}
	tests := []struct {
		fault, name, target, auth string
		want                      outcome
		wantInBody                string
		wantUsed                  bool
	}{
		{"status", "refused credentials", "/things/abc", "no", outcome{401, 0}, "who?", false},
		{"status", "invalid query", "/things/abc?limit=1000", "", outcome{400, 0}, `query parameter \"limit\"`, false},
		{"status", "refused credentials and invalid query", "/things/abc?limit=1000", "no", outcome{401, 0}, "who?", false},
		{"status", "unknown path", "/nothing", "", outcome{404, 0}, "No such endpoint", false},
		{"status", "valid", "/things/abc", "", faulted["status"], "Service Unavailable", true},
		{"drop", "refused credentials", "/things/abc", "no", outcome{401, 0}, "who?", false},
		{"drop", "invalid query", "/things/abc?limit=1000", "", outcome{400, 0}, `query parameter \"limit\"`, false},
		{"drop", "valid", "/things/abc", "", faulted["drop"], "", true},
		{"latency", "refused credentials", "/things/abc", "no", outcome{401, 0}, "who?", false},
		{"latency", "invalid query", "/things/abc?limit=1000", "", outcome{400, 0}, `query parameter \"limit\"`, false},
		{"latency", "valid", "/things/abc", "", faulted["latency"], `{"id":3}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.fault+"/"+tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv, rec := miniServer(t, true)
				srv.InjectFault("get-thing", faults[tt.fault])

				start := time.Now()
				status, body := send(t, srv, tt.target, tt.auth)
				if got := (outcome{status, time.Since(start)}); got != tt.want || !strings.Contains(body, tt.wantInBody) {
					t.Errorf("got %+v %s, want %+v naming %q", got, body, tt.want, tt.wantInBody)
				}
				if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Fault != tt.wantUsed || reqs[0].Status != tt.want.status {
					t.Errorf("logged %+v, want status %d, Fault %v", reqs, tt.want.status, tt.wantUsed)
				}

				// The next valid request gets the fault if it is still queued.
				wantNext := faulted[tt.fault]
				if tt.wantUsed {
					wantNext = real
				}
				start = time.Now()
				status, body = send(t, srv, "/things/abc", "")
				if got := (outcome{status, time.Since(start)}); got != wantNext {
					t.Errorf("next valid request: got %+v %s, want %+v", got, body, wantNext)
				}
				if len(rec.errs) != 0 {
					t.Errorf("reports %q", rec.errs)
				}
			})
		})
	}
}

// TestRequestLogOrder checks that the log is in arrival order and that an
// answer is logged before the client has it: a dropped request is logged,
// complete, before the request that follows it, on loopback too.
func TestRequestLogOrder(t *testing.T) {
	type entry struct {
		Path   string
		Status int
		Fault  bool
	}
	entries := func(srv *Server) []entry {
		var out []entry
		for _, r := range srv.Requests() {
			out = append(out, entry{r.Path, r.Status, r.Fault})
		}
		return out
	}
	for _, noNetwork := range []bool{false, true} {
		t.Run(map[bool]string{false: "loopback", true: "in-process"}[noNetwork]+"/dropped then next", func(t *testing.T) {
			for range 50 { // a lost race shows up within a few rounds
				// A new server each round: net/http retries a GET dropped on a
				// reused connection, so the drop must be on the first.
				srv, _ := miniServer(t, noNetwork)
				srv.InjectFault("get-thing", Fault{Drop: true, Times: 1})
				if status, _ := send(t, srv, "/things/dropped", ""); status != 0 {
					t.Fatalf("the dropped request got %d", status)
				}
				if status, _ := send(t, srv, "/things/next", ""); status != http.StatusOK {
					t.Fatalf("the next request got %d", status)
				}
				want := []entry{{"/things/dropped", 0, true}, {"/things/next", 200, false}}
				if diff := cmp.Diff(want, entries(srv)); diff != "" {
					t.Fatalf("log (-want +got):\n%s", diff)
				}
				srv.Close()
			}
		})
	}
	t.Run("arrival order, not completion order", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			srv, _ := miniServer(t, true)
			srv.InjectFault("get-thing", Fault{Delay: time.Minute, Times: 1})
			done := make(chan int)
			go func() {
				status, _ := send(t, srv, "/things/slow", "")
				done <- status
			}()
			synctest.Wait()
			if diff := cmp.Diff([]entry{{"/things/slow", 0, true}}, entries(srv)); diff != "" {
				t.Errorf("log while the first request waits (-want +got):\n%s", diff)
			}
			if status, _ := send(t, srv, "/things/fast", ""); status != http.StatusOK {
				t.Errorf("fast request: %d", status)
			}
			if diff := cmp.Diff([]entry{{"/things/slow", 0, true}, {"/things/fast", 200, false}}, entries(srv)); diff != "" {
				t.Errorf("log after the second request (-want +got):\n%s", diff)
			}
			if status := <-done; status != http.StatusOK {
				t.Errorf("slow request: %d", status)
			}
			if diff := cmp.Diff([]entry{{"/things/slow", 200, true}, {"/things/fast", 200, false}}, entries(srv)); diff != "" {
				t.Errorf("log at the end (-want +got):\n%s", diff)
			}
		})
	})
}
