package mockserver

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions/api/apitest"
	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const testSeed = `{
  "zendesk": {
    "users": [{"id": 1, "email": "admin@example.com", "role": "admin", "api_token": "t"}, {"id": 2, "email": "u@example.com"}],
    "sessions": [{"id": 10, "user_id": 1, "authenticated_at": "2026-01-02T15:04:05Z"},
                 {"id": 20, "user_id": 2, "authenticated_at": "2026-01-02T15:04:05Z", "last_seen_at": "2026-01-03T09:00:00Z"}],
    "oauth_clients": [{"id": "ci", "secret": "s", "user_id": 1}]
  },
  "gameserver": {
    "api_tokens": ["k"],
    "apps": [{"name": "game", "versions": [{"name": "v1", "id": 7}]}],
    "deployments": [{"request_id": "d1", "tags": ["eu"]}],
    "sessions": [{"id": "s1-S", "app": "game", "users": [{"ip": "198.51.100.7"}], "deployment_request_id": "d1", "ready": true,
                  "create_time": "2026-01-02T15:04:05Z"}]
  }
}`

func startTest(t *testing.T, cfg Config) *Server {
	t.Helper()
	if cfg.State.Zendesk.Users == nil {
		st, err := ParseState(strings.NewReader(testSeed))
		if err != nil {
			t.Fatal(err)
		}
		cfg.State = st
	}
	m, err := Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown(context.Background()) })
	return m
}

// call sends a request, a body as JSON, and returns the status and body.
func call(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	return callWith(t, method, url, body, nil)
}

// callWith is call with extra headers.
func callWith(t *testing.T, method, url, body string, h http.Header) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, vs := range h {
		req.Header[k] = vs
	}
	if host := h.Get("Host"); host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestControlValidation(t *testing.T) {
	m := startTest(t, Config{})
	initial := m.State()
	z, g := m.ZendeskURL()+ControlPrefix, m.GameserverURL()+ControlPrefix
	tests := []struct {
		name, method, url, body string
		status                  int
		want                    string // in the body
	}{
		{"index", "GET", z, "", 200, `"ListSessions"`},
		{"index with slash", "GET", z + "/", "", 200, `"/__mock/faults"`},
		{"unknown endpoint", "GET", z + "/nope", "", 404, "no such control endpoint"},
		{"wrong method", "PATCH", z + "/state", "", 405, "use GET or PUT"},
		{"fault: not JSON", "POST", z + "/faults", "{", 400, "unexpected EOF"},
		{"fault: empty body", "POST", z + "/faults", "", 400, "the body is empty"},
		{"fault: unknown field", "POST", z + "/faults", `{"operation": "ListSessions", "satus": 500}`, 400, `unknown field \"satus\"`},
		{"fault: wrong type", "POST", z + "/faults", `{"operation": "ListSessions", "status": "500"}`, 400, `field \"status\"`},
		{"fault: no operation", "POST", z + "/faults", `{"status": 500}`, 400, `field \"operation\" is missing`},
		{"fault: unknown operation", "POST", z + "/faults", `{"operation": "get-session", "status": 500}`, 400, `\"get-session\" is not an operation`},
		{"fault: bad status", "POST", z + "/faults", `{"operation": "ListSessions", "status": 99}`, 400, `99 is not an HTTP status`},
		{"fault: undocumented status", "POST", z + "/faults", `{"operation": "ListSessions", "status": 418}`, 400, `documents no 418`},
		{"fault: status and drop", "POST", z + "/faults", `{"operation": "ListSessions", "status": 500, "drop": true}`, 400, "not both"},
		{"fault: does nothing", "POST", z + "/faults", `{"operation": "ListSessions"}`, 400, "does nothing"},
		{"fault: bad delay", "POST", z + "/faults", `{"operation": "ListSessions", "delay": "soon"}`, 400, `field \"delay\"`},
		{"fault: negative times", "POST", z + "/faults", `{"operation": "ListSessions", "status": 500, "times": -1}`, 400, `field \"times\"`},
		{"fault: bad retry_after", "POST", z + "/faults", `{"operation": "ListSessions", "status": 429, "retry_after": "later"}`, 400, `field \"retry_after\"`},
		{"fault: retry_after alone", "POST", z + "/faults", `{"operation": "ListSessions", "delay": "1ms", "retry_after": 3}`, 400, `need a \"status\"`},
		{"fault: trailing data", "POST", z + "/faults", `{"operation": "ListSessions", "status": 500} {}`, 400, "unexpected data"},
		{"fault ok, folded operation", "POST", g + "/faults", `{"operation": "GetSession", "status": 503, "retry_after": 2, "times": 1}`, 201, `"operation": "get-session"`},
		{"off-spec fault ok", "POST", z + "/faults", `{"operation": "*", "status": 418, "off_spec": true, "times": 1}`, 201, `"status": 418`},
		{"clear faults", "DELETE", z + "/faults", "", 204, ""},
		{"reset takes no body", "POST", z + "/reset", "{}", 400, "takes no body"},
		{"requests: unknown parameter", "GET", z + "/requests?op=x", "", 400, `query parameter \"op\"`},
		{"requests: unknown operation", "GET", z + "/requests?operation=x", "", 400, `query parameter operation`},
		{"clock: missing offset", "PUT", z + "/clock", `{}`, 400, `field \"offset\" is missing`},
		{"clock: bad offset", "PUT", z + "/clock", `{"offset": "two days"}`, 400, `field \"offset\"`},
		{"state: unknown user", "PUT", z + "/state", `{"users": [], "sessions": [{"user_id": 9}]}`, 400, "unknown user 9"},
		{"state: bad time", "PUT", z + "/state", `{"sessions": [{"user_id": 1, "authenticated_at": "yesterday"}]}`, 400, `field \"sessions[0].authenticated_at\" (line 1): want an RFC 3339 time`},
		{"state: a key no client can send", "PUT", g + "/state", `{"api_tokens": [" "]}`, 400, `API key 0`},
		{"state: unknown app", "PUT", g + "/state", `{"apps": [{"name": "a"}], "sessions": [{"app": "b"}]}`, 400, "App b not found"},
		{"webhooks", "GET", g + "/webhooks", "", 200, "[]"},
		{"no webhooks on zendesk", "GET", z + "/webhooks", "", 404, "no such control endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := call(t, tt.method, tt.url, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s %s: %d %s\nwant %d and %q", tt.method, tt.url, status, body, tt.status, tt.want)
			}
		})
	}
	// Refused state changes left the seed alone.
	if diff := cmp.Diff(initial, m.State()); diff != "" {
		t.Errorf("state after refused changes (-seed +now):\n%s", diff)
	}
}

func TestStateRoundTrip(t *testing.T) {
	m := startTest(t, Config{})
	initial := m.State()
	for _, base := range []string{m.ZendeskURL(), m.GameserverURL()} {
		status, dump := call(t, "GET", base+ControlPrefix+"/state", "")
		if status != http.StatusOK {
			t.Fatalf("GET state: %d %s", status, dump)
		}
		status, again := call(t, "PUT", base+ControlPrefix+"/state", dump)
		if status != http.StatusOK || again != dump {
			t.Errorf("PUT of a dump: %d\n%s\nwant\n%s", status, again, dump)
		}
	}
	if diff := cmp.Diff(initial, m.State()); diff != "" {
		t.Errorf("state after the round trip (-seed +now):\n%s", diff)
	}
}

func TestResetRestoresSeed(t *testing.T) {
	m := startTest(t, Config{})
	initial := m.State()
	z := m.ZendeskURL()
	if s, b := call(t, "PUT", z+ControlPrefix+"/state", `{"users": [{"id": 5, "email": "x@example.com"}]}`); s != 200 {
		t.Fatalf("PUT: %d %s", s, b)
	}
	if s, b := call(t, "PUT", z+ControlPrefix+"/clock", `{"offset": "-48h"}`); s != 200 || !strings.Contains(b, `"offset": "-48h0m0s"`) {
		t.Fatalf("PUT clock: %d %s", s, b)
	}
	call(t, "GET", z+"/api/v2/sessions", "")
	if s, b := call(t, "POST", z+ControlPrefix+"/reset", ""); s != 200 {
		t.Fatalf("reset: %d %s", s, b)
	}
	if diff := cmp.Diff(initial.Zendesk, m.State().Zendesk); diff != "" {
		t.Errorf("state after reset (-seed +now):\n%s", diff)
	}
	var clock clockJSON
	_, b := call(t, "GET", z+ControlPrefix+"/clock", "")
	if err := json.Unmarshal([]byte(b), &clock); err != nil || clock.Offset != "0s" || time.Since(clock.Now).Abs() > time.Minute {
		t.Errorf("clock after reset: %s (%v)", b, err)
	}
	if _, b := call(t, "GET", z+ControlPrefix+"/requests", ""); strings.TrimSpace(b) != "[]" {
		t.Errorf("request log after reset: %s", b)
	}
}

func TestRemoteControlRefused(t *testing.T) {
	tests := []struct {
		allow bool
		want  int
	}{{false, http.StatusForbidden}, {true, http.StatusOK}}
	for _, tt := range tests {
		m := startTest(t, Config{ZendeskAddr: "0.0.0.0:0", AllowRemoteControl: tt.allow})
		_, port, _ := net.SplitHostPort(strings.TrimPrefix(m.ZendeskURL(), "http://"))
		status, body := call(t, "GET", "http://127.0.0.1:"+port+ControlPrefix+"/state", "")
		if status != tt.want {
			t.Errorf("allow %v: %d %s, want %d", tt.allow, status, body, tt.want)
		}
		// The API itself is served either way.
		if status, _ := call(t, "GET", "http://127.0.0.1:"+port+"/api/v2/sessions", ""); status != http.StatusUnauthorized {
			t.Errorf("allow %v: the API answered %d, want 401", tt.allow, status)
		}
	}
}

func TestStartErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"bad address", Config{ZendeskAddr: "nowhere:-1"}, `zendesk address "nowhere:-1"`},
		{"bad zendesk state", Config{State: State{Zendesk: ZendeskState{Sessions: []zendesktest.Session{{UserID: 3}}}}}, "unknown user 3"},
		{"bad gameserver state", Config{State: State{Gameserver: GameserverState{Sessions: []gameservertest.Session{{App: "a", DeploymentRequestID: "nope"}}}}}, "Deployment nope not found"},
	}
	for _, tt := range tests {
		m, err := Start(context.Background(), tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
		if m != nil {
			_ = m.Shutdown(context.Background())
		}
	}
}

func TestParseStateErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"zendesk": {"users": [{"id": "one"}]}}`, `field "zendesk.users.id"`},
		{`{"zendesk": {"userz": []}}`, `unknown field "userz"`},
		{`{"gameserver": {"sessions": [{"app": "a", "create_time": "2026-13-01"}]}}`, `field "gameserver.sessions[0].create_time" (line 1)`},
		// The bad value's own field, not the last key before where the
		// decoder stopped (which was "oauth_clients").
		{"{\"zendesk\": {\"users\": [{\"id\": 1, \"email\": \"a@example.com\"}],\n \"sessions\": [{\"user_id\": 1}, {\"user_id\": 1, \"authenticated_at\": \"yesterday\"}],\n \"oauth_clients\": [{\"id\": \"c\", \"secret\": \"s\", \"user_id\": 1}]}}",
			`field "zendesk.sessions[1].authenticated_at" (line 2)`},
		{``, "empty"},
	}
	for _, tt := range tests {
		_, err := ParseState(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestOptions(t *testing.T) {
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusAccepted) }))
	defer receiver.Close()
	state := func(webhook string) State {
		return State{
			Zendesk: ZendeskState{Users: []zendesktest.User{{ID: 1, Email: "a@example.com", Role: "admin", APIToken: "t"}}},
			Gameserver: GameserverState{APITokens: []string{"k"}, Sessions: []gameservertest.Session{
				{ID: "s1", App: "game", WebhookURL: webhook}}},
		}
	}
	zendeskStatuses := func(m *Server, n int) []int {
		var out []int
		for range n {
			req, _ := http.NewRequest("GET", m.ZendeskURL()+"/api/v2/sessions", nil)
			req.SetBasicAuth("a@example.com/token", "t")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			out = append(out, resp.StatusCode)
		}
		return out
	}
	webhooks := func(m *Server) []webhookJSON {
		var out []webhookJSON
		for range 200 { // the delivery runs in the background
			_, b := call(t, "GET", m.GameserverURL()+ControlPrefix+"/webhooks", "")
			if err := json.Unmarshal([]byte(b), &out); err != nil {
				t.Fatal(err)
			}
			if len(out) > 0 {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		return out
	}

	t.Run("rate limit", func(t *testing.T) {
		m := startTest(t, Config{State: state(""), RateLimit: 2})
		if diff := cmp.Diff([]int{200, 200, 429}, zendeskStatuses(m, 3)); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
	})
	t.Run("clock offset", func(t *testing.T) {
		m := startTest(t, Config{State: state(""), ClockOffset: -48 * time.Hour})
		var clock clockJSON
		_, b := call(t, "GET", m.ZendeskURL()+ControlPrefix+"/clock", "")
		if err := json.Unmarshal([]byte(b), &clock); err != nil || clock.Offset != "-48h0m0s" || (time.Since(clock.Now)-48*time.Hour).Abs() > time.Minute {
			t.Errorf("clock: %s (%v)", b, err)
		}
		if at := m.State().Gameserver.Sessions[0].CreateTime; (time.Since(at) - 48*time.Hour).Abs() > time.Minute {
			t.Errorf("a session seeded without a time was created at %v, not two days ago", at)
		}
	})
	t.Run("webhooks delivered on their own", func(t *testing.T) {
		m := startTest(t, Config{State: state(receiver.URL + "/hook"), Readiness: &gameservertest.Readiness{Polls: 0}})
		got := webhooks(m)
		if len(got) != 1 || got[0].SessionID != "s1" || got[0].StatusCode != http.StatusAccepted || got[0].Error != "" {
			t.Errorf("webhooks: %+v", got)
		}
	})
	t.Run("no webhooks", func(t *testing.T) {
		m := startTest(t, Config{State: state(receiver.URL + "/hook"), Readiness: &gameservertest.Readiness{Polls: 0}, NoWebhooks: true})
		got := webhooks(m)
		if len(got) != 1 || got[0].StatusCode != 0 || !strings.Contains(got[0].Error, "webhook delivery is off") {
			t.Errorf("webhooks: %+v", got)
		}
	})
}

// TestCreateTimeAsServed: a game-server session's create_time in the state
// is the time the API serves (to the microsecond), for a session created
// over the API and for one put in the state with nanoseconds.
func TestCreateTimeAsServed(t *testing.T) {
	m := startTest(t, Config{})
	g := m.GameserverURL()
	api := func(method, path, body string) map[string]any {
		t.Helper()
		req, err := http.NewRequest(method, g+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "token k")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: %d (%v)", method, path, resp.StatusCode, err)
		}
		return out
	}
	put := `{"apps": [{"name": "game"}], "sessions": [{"id": "nano-S", "app": "game", "users": [{"ip": "198.51.100.9"}], "create_time": "2026-01-02T15:04:05.123456789Z"}]}`
	if s, b := call(t, "PUT", g+ControlPrefix+"/state", put); s != http.StatusOK {
		t.Fatalf("PUT state: %d %s", s, b)
	}
	created := api("POST", "/v1/session", `{"app_name": "game", "ip_list": ["198.51.100.8"]}`)["session_id"].(string)
	served := map[string]time.Time{}
	for _, id := range []string{"nano-S", created} {
		// Edgegap's format: "2006-01-02 15:04:05.999999", in UTC.
		ct, err := time.Parse("2006-01-02 15:04:05.999999", api("GET", "/v1/session/"+id, "")["create_time"].(string))
		if err != nil {
			t.Fatal(err)
		}
		served[id] = ct
	}
	inState := map[string]time.Time{}
	for _, s := range m.State().Gameserver.Sessions {
		inState[s.ID] = s.CreateTime
	}
	if diff := cmp.Diff(served, inState); diff != "" {
		t.Errorf("create_time in the state (-served +state):\n%s", diff)
	}
	if want := time.Date(2026, 1, 2, 15, 4, 5, 123456000, time.UTC); !inState["nano-S"].Equal(want) {
		t.Errorf("the put session's create_time is %s, want %s", inState["nano-S"], want)
	}
}

// TestOnlyItsOwnOrigin checks what a web page could send the mock through
// the user's browser: a rebound DNS name (a foreign Host), a cross-site
// request, a body a form or a simple fetch can send. Each is refused and
// changes nothing; the mock's own clients are served.
func TestOnlyItsOwnOrigin(t *testing.T) {
	m := startTest(t, Config{State: State{Zendesk: ZendeskState{Users: []zendesktest.User{{ID: 1, Email: "a@example.com", Role: "admin", APIToken: "t"}}}}})
	z := m.ZendeskURL()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(z, "http://"))
	api := z + "/api/v2/sessions"
	tests := []struct {
		name, method, url, body string
		header                  http.Header
		want                    int
	}{
		{"rebound name, control API", "GET", z + ControlPrefix + "/state", "", http.Header{"Host": {"attacker.example:" + port}}, http.StatusMisdirectedRequest},
		{"rebound name, the API", "GET", api, "", http.Header{"Host": {"attacker.example:" + port}}, http.StatusMisdirectedRequest},
		{"loopback name, other port", "GET", z + ControlPrefix + "/state", "", http.Header{"Host": {"localhost:1"}}, http.StatusMisdirectedRequest},
		{"cross-site origin", "POST", z + ControlPrefix + "/reset", "", http.Header{"Origin": {"https://attacker.example"}}, http.StatusForbidden},
		{"null origin", "POST", z + ControlPrefix + "/reset", "", http.Header{"Origin": {"null"}}, http.StatusForbidden},
		{"cross-site fetch", "POST", z + ControlPrefix + "/reset", "", http.Header{"Sec-Fetch-Site": {"cross-site"}}, http.StatusForbidden},
		{"text/plain fault", "POST", z + ControlPrefix + "/faults", "", http.Header{"Content-Type": {"text/plain"}}, http.StatusUnsupportedMediaType},
		{"form reset", "POST", z + ControlPrefix + "/reset", "", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, http.StatusUnsupportedMediaType},
		{"localhost with its port", "GET", z + ControlPrefix + "/state", "", http.Header{"Host": {"localhost:" + port}}, http.StatusOK},
		{"a page on loopback", "GET", z + ControlPrefix + "/state", "", http.Header{"Origin": {"http://localhost:3000"}, "Sec-Fetch-Site": {"same-site"}}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := tt.body
			if tt.name == "text/plain fault" {
				body = `{"operation": "*", "status": 500}`
			}
			status, _ := callWith(t, tt.method, tt.url, body, tt.header)
			if status != tt.want {
				t.Errorf("%d, want %d", status, tt.want)
			}
		})
	}
	// Nothing refused reached a fake: no fault queued, no request logged.
	if s, b := call(t, "GET", z+"/api/v2/sessions", ""); s != http.StatusUnauthorized {
		t.Errorf("after the refusals: %d %s, want the real 401", s, b)
	}
	var log []map[string]any
	_, b := call(t, "GET", z+ControlPrefix+"/requests", "")
	if err := json.Unmarshal([]byte(b), &log); err != nil || len(log) != 1 {
		t.Errorf("request log %s, want only the last request", b)
	}
}

// TestRequestLogBounded: strangers' requests cost bounded memory. 160
// unauthenticated 1 MiB POSTs to an unknown path are logged with 4 KiB of
// body each (and their size), a flood of headers with 4 KiB of them, and
// past the limit the oldest entries go, counted.
func TestRequestLogBounded(t *testing.T) {
	m := startTest(t, Config{})
	z := m.ZendeskURL()
	junk := strings.Repeat("x", 1<<20-1)
	for range 160 {
		resp, err := http.Post(z+"/junk", "text/plain", strings.NewReader(junk))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	h := http.Header{}
	for i := range 100 {
		h.Set(fmt.Sprintf("X-Junk-%d", i), strings.Repeat("y", 100))
	}
	callWith(t, "GET", z+"/junk", "", h)
	var log []struct {
		Body          string      `json:"body"`
		BodySize      int         `json:"body_size"`
		Header        http.Header `json:"header"`
		HeaderDropped int         `json:"header_dropped"`
	}
	req, _ := http.NewRequest("GET", z+ControlPrefix+"/requests", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&log); err != nil || len(log) != 161 {
		t.Fatalf("%d entries (%v), want 161", len(log), err)
	}
	for i, e := range log[:160] {
		if len(e.Body) != apitest.RequestBodyKept || e.BodySize != 1<<20-1 {
			t.Fatalf("entry %d keeps %d bytes of a body of %d, want %d of %d", i, len(e.Body), e.BodySize, apitest.RequestBodyKept, 1<<20-1)
		}
	}
	size := 0
	for k, vs := range log[160].Header {
		for _, v := range vs {
			size += len(k) + len(v)
		}
	}
	if last := log[160]; size > apitest.RequestHeaderKept || last.HeaderDropped == 0 {
		t.Errorf("headers: kept %d bytes, dropped %d values; want at most %d kept", size, last.HeaderDropped, apitest.RequestHeaderKept)
	}
	for range apitest.RequestLogLimit {
		callWith(t, "GET", z+"/junk", "", nil)
	}
	resp2, err := http.Get(z + ControlPrefix + "/requests")
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if got := resp2.Header.Get("X-Mock-Requests-Dropped"); got != "161" {
		t.Errorf("X-Mock-Requests-Dropped %q, want 161", got)
	}
}

// TestStateBoundedInMemory: a 2 MiB state of empty records (each 3 bytes of
// JSON, hundreds in memory) is refused before it is decoded, naming why,
// at a cost that follows its bytes.
func TestStateBoundedInMemory(t *testing.T) {
	m := startTest(t, Config{})
	body := `{"users": [` + strings.Repeat(`{},`, 700_000) + `{}]}`
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	status, b := call(t, "PUT", m.ZendeskURL()+ControlPrefix+"/state", body)
	runtime.ReadMemStats(&after)
	if status != http.StatusBadRequest || !strings.Contains(b, "more than the 100000 a mock takes") {
		t.Errorf("%d %s, want 400 naming the bound", status, b)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("a %d-byte state allocated %d MiB", len(body), grew>>20)
	}
	if got := m.State().Zendesk.Users; len(got) != 2 {
		t.Errorf("users after the refusal: %d, want the seed's 2", len(got))
	}
}

// TestGameserverKeysByPut: PUT /__mock/state installs new game-server API
// keys as it installs new Zendesk tokens — the new key is accepted, the
// old one refused, GET shows them — a bad key is refused naming it with
// nothing changed, and reset restores the seed's keys.
func TestGameserverKeysByPut(t *testing.T) {
	m := startTest(t, Config{})
	g := m.GameserverURL()
	status := func(key string) int {
		s, _ := callWith(t, "GET", g+"/v1/session/s1-S", "", http.Header{"Authorization": {"token " + key}})
		return s
	}
	if s, b := call(t, "PUT", g+ControlPrefix+"/state", `{"api_tokens": ["new-key", "second"]}`); s != http.StatusOK {
		t.Fatalf("PUT new keys: %d %s", s, b)
	}
	if got := [3]int{status("new-key"), status("second"), status("k")}; got != [3]int{404, 404, 401} {
		t.Errorf("new-key, second, k: %v; want the new keys accepted (404: the state put has no sessions), the old refused", got)
	}
	if diff := cmp.Diff([]string{"new-key", "second"}, m.State().Gameserver.APITokens); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if s, b := call(t, "PUT", g+ControlPrefix+"/state", `{"api_tokens": ["has space"]}`); s != http.StatusBadRequest || !strings.Contains(b, `has space`) {
		t.Errorf("PUT a bad key: %d %s; want 400 naming it", s, b)
	}
	if status("new-key") == http.StatusUnauthorized {
		t.Error("a refused PUT changed the keys")
	}
	if s, b := call(t, "POST", g+ControlPrefix+"/reset", ""); s != http.StatusOK {
		t.Fatalf("reset: %d %s", s, b)
	}
	if got := [2]int{status("k"), status("new-key")}; got != [2]int{200, 401} {
		t.Errorf("after reset k, new-key: %v; want the seed's key back", got)
	}
}

// TestShutdownHonoursContext: with a webhook in flight to a receiver that
// never answers and an API request held by an hour-long delay, Shutdown
// with a one-second context returns within a bound far below the
// webhook's own 10-second timeout (it took 9.5 s before).
func TestShutdownHonoursContext(t *testing.T) {
	arrived, release := make(chan struct{}, 1), make(chan struct{})
	receiver := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-release
	}))
	t.Cleanup(receiver.Close)
	t.Cleanup(func() { close(release) })
	m := startTest(t, Config{Readiness: &gameservertest.Readiness{}})
	g := m.GameserverURL()
	auth := http.Header{"Authorization": {"token k"}}
	if s, b := callWith(t, "POST", g+"/v1/session", `{"app_name": "game", "ip_list": ["198.51.100.9"], "webhook_url": "`+receiver.URL+`/hook"}`, auth); s != http.StatusOK {
		t.Fatalf("create: %d %s", s, b)
	}
	<-arrived // the webhook is in flight
	if s, b := call(t, "POST", g+ControlPrefix+"/faults", `{"operation": "list-sessions", "delay": "1h"}`); s != http.StatusCreated {
		t.Fatalf("fault: %d %s", s, b)
	}
	held := make(chan struct{})
	go func() {
		defer close(held)
		req, _ := http.NewRequest("GET", g+"/v1/sessions", nil)
		req.Header = auth
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	_ = m.Shutdown(ctx)
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("Shutdown with a 1 s context took %s", took)
	}
	<-held
}
