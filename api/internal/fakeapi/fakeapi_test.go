package fakeapi

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
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
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id]
                properties: {id: {type: integer}}
        "404":
          description: no
          content:
            application/json:
              schema: {type: object, properties: {message: {type: string}}}
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

func miniServer(t *testing.T, noNetwork bool) (*Server, *recorder) {
	rec := &recorder{TB: t}
	api := &API{
		Name: "mini",
		Spec: func() (*openapi3.T, error) { return openapi3.NewLoader().LoadFromData([]byte(miniSpec)) },
		Problem: func(status int, code, msg string) *Reply {
			return JSON(status, map[string]string{"message": code + ": " + msg})
		},
		Authenticate: func(r *http.Request) (*http.Request, *Reply) {
			if r.Header.Get("Authorization") == "no" {
				return nil, JSON(http.StatusUnauthorized, map[string]string{"message": "who?"})
			}
			return r, nil
		},
		Register: func(mux *OpMux, _, _ ErrorHandler) {
			mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) {
				switch id := r.PathValue("id"); id {
				case "panic":
					panic("boom")
				case "bad":
					_ = JSON(http.StatusOK, map[string]string{"id": "not a number"}).Write(w)
				default:
					_ = JSON(http.StatusOK, map[string]any{"id": len(id)}).Write(w)
				}
			})
			mux.HandleFunc("POST /things", func(w http.ResponseWriter, r *http.Request) {
				_ = Empty(http.StatusOK).Write(w)
			})
		},
	}
	srv, err := New(api, Config{TB: rec, NoNetwork: noNetwork})
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
		{"unknown path", "GET", "/nothing", "", "", 404, `{"message":"InvalidEndpoint: No such endpoint: /nothing"}`, 0},
		{"other method", "DELETE", "/things/abc", "", "", 405, `{"message":"MethodNotAllowed: Method \"DELETE\" not allowed on /things/abc"}`, 0},
		{"refused", "POST", "/things", "no", `{"name":"x"}`, 401, `{"message":"who?"}`, 0},
		{"body breaks the schema", "POST", "/things", "", `{"name":"too long"}`, 400,
			`{"message":"BadRequest: request body at /name: maximum string length is 5"}`, 0},
		{"no body", "POST", "/things", "", "", 400, `{"message":"BadRequest: request body: value is required but missing"}`, 0},
		{"response breaks the schema", "GET", "/things/bad", "", "", 500, "", 1},
		{"handler panics", "GET", "/things/panic", "", "", 500, `{"message":"InternalServerError: the server panicked"}`, 1},
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
	tests := []struct {
		f    Fault
		want string
	}{
		{Fault{Status: 503}, ""},
		{Fault{Drop: true, Times: 2}, ""},
		{Fault{Latency: 1}, ""},
		{Fault{}, "does nothing"},
		{Fault{Status: 99}, "not an HTTP status"},
		{Fault{Status: 600}, "not an HTTP status"},
		{Fault{Status: 500, Drop: true}, "not both"},
		{Fault{Status: 500, Times: -1}, "negative Times"},
		{Fault{Status: 500, Latency: -1}, "negative Latency"},
	}
	for _, tt := range tests {
		err := tt.f.check()
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%+v: %v, want %q", tt.f, err, tt.want)
		}
	}
}

func TestFaultQueue(t *testing.T) {
	var ft faultTable
	ft.add("get-session", Fault{Status: 503, Times: 2})
	ft.add("GetSession", Fault{Status: 429, Times: 1})
	ft.add("list_sessions", Fault{Status: 500})
	var got []int
	for range 4 {
		f, ok := ft.take("get_session")
		if !ok {
			got = append(got, 0)
			continue
		}
		got = append(got, f.Status)
	}
	for range 3 {
		f, _ := ft.take("ListSessions")
		got = append(got, f.Status)
	}
	ft.add(AnyOperation, Fault{Status: 502, Times: 1})
	f, _ := ft.take("anything")
	got = append(got, f.Status)
	if diff := cmp.Diff([]int{503, 503, 429, 0, 500, 500, 500, 502}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ft.clear()
	if _, ok := ft.take("ListSessions"); ok {
		t.Error("a fault after clear")
	}
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
	Must(t, nil)
	defer func() {
		if p := recover(); p == nil {
			t.Error("Must(nil TB, err) did not panic")
		}
	}()
	Must(nil, errors.New("boom"))
}
