package gameservertest

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// TestEveryDocumentedErrorStatus asks, for every operation, for every error
// status its spec documents, as a contract test would: each comes back once,
// as {"message": ...}, without a spec violation; then the real behaviour
// resumes.
func TestEveryDocumentedErrorStatus(t *testing.T) {
	srv := newTestServer(t, WithoutNetwork())
	reset := func() { _, _ = srv.AddSession(Session{ID: "s1-S", App: "game", Users: []User{{IP: "198.51.100.2"}}}) }
	reset()
	fakeapi.ErrorStatusCheck{
		Server: srv.Server,
		Header: authHeader(),
		Sample: map[string]fakeapi.Sample{
			OpSessionPost:        {Method: http.MethodPost, Path: "/v1/session", Body: `{"app_name":"game","ip_list":["198.51.100.1"]}`},
			OpGetSession:         {Method: http.MethodGet, Path: "/v1/session/s1-S"},
			OpSessionDelete:      {Method: http.MethodDelete, Path: "/v1/session/s1-S"},
			OpGetUsersSession:    {Method: http.MethodGet, Path: "/v1/session/s1-S/users"},
			OpPutUsersSession:    {Method: http.MethodPut, Path: "/v1/session/s1-S/users", Body: `{"ip_list":["198.51.100.9"]}`},
			OpDeleteUsersSession: {Method: http.MethodDelete, Path: "/v1/session/s1-S/users", Body: `{"ip_list":["198.51.100.9"]}`},
			OpListSessions:       {Method: http.MethodGet, Path: "/v1/sessions"},
			OpSessionsBulkStop: {Method: http.MethodPost, Path: "/v1/sessions/bulk-stop",
				Body: `{"filters":[{"field":"session_id","values":["x-S"],"filter_type":"any"}]}`},
		},
		MinStatuses: 7,
		CheckBody: func(t *testing.T, op string, status int, resp fakeapi.Response) {
			if msg, ok := resp.Map(t)["message"].(string); !ok || msg == "" {
				t.Errorf("%s %d: body %s has no message", op, status, resp.Body)
			}
		},
		Reset: reset,
	}.Run(t)
}

// TestSeededInvalidRecord checks that a seed the spec forbids (a port above
// 65535) is caught when it is served: the test is told, the client gets a 500.
func TestSeededInvalidRecord(t *testing.T) {
	rec := fakeapi.NewRecordingTB(t)
	srv := NewServer(rec, WithAPIToken(testKey),
		WithDeployments(Deployment{RequestID: "bad", Ports: map[string]Port{"game": {External: 70000, Internal: 7777}}}),
		WithSessions(Session{ID: "s-S", App: "game", DeploymentRequestID: "bad", Ready: true}))
	resp := call(t, srv, http.MethodGet, "/v1/session/s-S", "")
	wantStatus(t, resp, http.StatusInternalServerError)
	got := rec.Errors()
	if len(got) != 1 || !strings.Contains(got[0], "get-session") || !strings.Contains(got[0], "/ports/game/external") ||
		!strings.Contains(got[0], "must be at most 65535") {
		t.Errorf("reported %q, want one violation at /deployment/ports/game/external", got)
	}
	if msg, _ := resp.Map(t)["message"].(string); !strings.Contains(msg, "breaks the spec") {
		t.Errorf("500 body %s", resp.Body)
	}
	// Other operations on the same session are fine.
	if resp := call(t, srv, http.MethodGet, "/v1/session/s-S/users", ""); resp.Status != http.StatusOK {
		t.Errorf("users: %d", resp.Status)
	}
}

// TestFaultAfterAuthAndValidation checks that a fault answers only requests
// the server would serve: without credentials the real 401, with an invalid
// query the real 400, and the fault stays queued for the next valid request.
func TestFaultAfterAuthAndValidation(t *testing.T) {
	srv := newTestServer(t)
	fakeapi.FaultGateCheck{
		Server:    srv.Server,
		Operation: OpListSessions,
		Sample:    fakeapi.Sample{Method: http.MethodGet, Path: "/v1/sessions"},
		Header:    authHeader(),
		BadQuery:  "limit=1000",
		BadParam:  "limit",
	}.Run(t)
}

func TestFaultsThenRecovery(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newTestServer(t, WithoutNetwork(),
			WithFault(OpGetSession, Fault{Status: 503, RetryAfter: "30", Times: 1}),
			WithFault(OpGetSession, Fault{Delay: 2 * time.Second, Drop: true, Times: 1}),
			WithFault("GetSession", Fault{Status: 429, Body: `{"message":"slow down"}`, Times: 1}))
		id := create(t, srv, `{"app_name":"game","ip_list":["1.2.3.4"]}`)
		start := time.Now()
		var got []string
		for range 4 {
			resp, err := fakeapi.Do(srv.Client(), http.MethodGet, srv.URL+"/v1/session/"+id, authHeader(), "")
			if err != nil {
				got = append(got, "dropped after "+time.Since(start).String())
				continue
			}
			body := string(resp.Body[:min(len(resp.Body), 24)])
			if resp.Status == http.StatusOK {
				body = fmt.Sprint(resp.Map(t)["session_id"])
			}
			got = append(got, itoa(resp.Status)+" "+resp.Header.Get("Retry-After")+" "+strings.TrimSpace(body))
		}
		want := []string{
			`503 30 {"message":"Service temp`,
			"dropped after 2s",
			`429  {"message":"slow down"}`,
			`200  ` + id,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestRequestLog(t *testing.T) {
	srv := newTestServer(t)
	body := `{"app_name":"game","ip_list":["1.2.3.4"]}`
	id := create(t, srv, body)
	call(t, srv, http.MethodGet, "/v1/session/"+strings.ReplaceAll(id, "-", "%2D")+"?x=1", "")
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	got := []any{reqs[0].Operation, reqs[0].Method, reqs[0].Path, string(reqs[0].Body), reqs[0].Status, reqs[0].AuthScheme, reqs[0].Header.Get("Authorization"),
		reqs[1].Operation, reqs[1].Path, reqs[1].Query.Get("x")}
	want := []any{OpSessionPost, "POST", "/v1/session", body, 200, "token", "",
		OpGetSession, "/v1/session/" + strings.ReplaceAll(id, "-", "%2D"), "1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestConcurrentUse(t *testing.T) {
	srv := newTestServer(t, WithReadiness(Readiness{Polls: 2}))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				ip := "10." + itoa(g) + ".0." + itoa(i)
				resp, err := fakeapi.Do(srv.Client(), http.MethodPost, srv.URL+"/v1/session", authHeader(), `{"app_name":"game","ip_list":["`+ip+`"]}`)
				if err != nil || resp.Status != http.StatusOK {
					t.Errorf("create: %v %d %s", err, resp.Status, resp.Body)
					return
				}
				var r struct {
					ID string `json:"session_id"`
				}
				resp.Decode(t, &r)
				call(t, srv, http.MethodGet, "/v1/session/"+r.ID, "")
				call(t, srv, http.MethodPut, "/v1/session/"+r.ID+"/users", `{"ip_list":["10.99.0.1"]}`)
				call(t, srv, http.MethodGet, "/v1/sessions?limit=5", "")
				if i%5 == 0 {
					call(t, srv, http.MethodPost, "/v1/sessions/bulk-stop", `{"filters":[{"field":"session_id","values":["`+r.ID+`"],"filter_type":"any"}]}`)
					srv.InjectFault(OpListSessions, Fault{Status: 502, Times: 1})
				}
			}
		})
	}
	wg.Wait()
	if n := len(srv.Sessions()); n != 160 {
		t.Errorf("%d sessions, want 160", n)
	}
}
