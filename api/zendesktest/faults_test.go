package zendesktest

import (
	"github.com/sessionkit/sessions/api/apitest"

	"context"
	"errors"
	"fmt"
	"io"
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
// status its spec documents, as a contract test would: each comes back, in
// the API's shape, without a spec violation, once; then the real behaviour
// resumes.
func TestEveryDocumentedErrorStatus(t *testing.T) {
	// An admin: every operation is theirs (an end user may not search users).
	srv := newTestServer(t, WithoutNetwork(), WithSessions(Session{ID: 5, UserID: endUserID}, Session{ID: 6, UserID: adminID}),
		WithOAuthClients(OAuthClient{ID: "c", Secret: "s", UserID: endUserID}))
	fakeapi.ErrorStatusCheck{
		Server: srv.Server,
		Header: asUser(adminID),
		Sample: map[string]fakeapi.Sample{
			OpListSessions:                      {Method: http.MethodGet, Path: "/api/v2/sessions"},
			OpListUserSessions:                  {Method: http.MethodGet, Path: "/api/v2/users/3/sessions"},
			OpBulkDeleteSessionsByUserID:        {Method: http.MethodDelete, Path: "/api/v2/users/3/sessions"},
			OpShowSession:                       {Method: http.MethodGet, Path: "/api/v2/users/3/sessions/5"},
			OpDeleteSession:                     {Method: http.MethodDelete, Path: "/api/v2/users/3/sessions/5"},
			OpDeleteAuthenticatedSession:        {Method: http.MethodDelete, Path: "/api/v2/users/me/logout"},
			OpShowCurrentlyAuthenticatedSession: {Method: http.MethodGet, Path: "/api/v2/users/me/session"},
			OpRenewCurrentSession:               {Method: http.MethodGet, Path: "/api/v2/users/me/session/renew"},
			OpSearchUsers:                       {Method: http.MethodGet, Path: "/api/v2/users/search?query=email%3Auser%40example.com"},
			OpCreateOAuthToken: {Method: http.MethodPost, Path: "/oauth/tokens",
				Body: `{"grant_type":"client_credentials","client_id":"c","client_secret":"s","scope":"read","expires_in":1800}`},
		},
		MinStatuses: 5, // CreateOAuthToken documents 400, 401, 429, 500, 503
		CheckBody: func(t *testing.T, op string, status int, resp fakeapi.Response) {
			if _, ok := resp.Map(t)["error"].(string); !ok {
				t.Errorf("%s %d: body %s is not a classic error", op, status, resp.Body)
			}
		},
		Reset: func() {
			_, _ = srv.AddSession(Session{ID: 5, UserID: endUserID})
			_, _ = srv.AddSession(Session{ID: 6, UserID: adminID})
		},
	}.Run(t)
}

// TestFaultAfterAuthAndValidation checks that a fault answers only requests
// the server would serve: without credentials the real 401, with an invalid
// query the real 400, and the fault stays queued for the next valid request.
func TestFaultAfterAuthAndValidation(t *testing.T) {
	srv := newTestServer(t)
	fakeapi.FaultGateCheck{
		Server:    srv.Server,
		Operation: OpListSessions,
		Sample:    fakeapi.Sample{Method: http.MethodGet, Path: "/api/v2/sessions"},
		Header:    asUser(adminID),
		BadQuery:  "page%5Bsize%5D=1000",
		BadParam:  "page[size]",
	}.Run(t)
}

func TestFaultTimesThenRecovery(t *testing.T) {
	srv := newTestServer(t, WithSessions(Session{ID: 5, UserID: endUserID}),
		WithFault(OpShowSession, Fault{Status: http.StatusServiceUnavailable, RetryAfter: "7", Times: 2}))
	srv.InjectFault("show_session", Fault{Status: http.StatusTooManyRequests, RetryAfter: "93", Times: 1})
	want := []struct {
		status     int
		retryAfter string
	}{{503, "7"}, {503, "7"}, {429, "93"}, {200, ""}, {200, ""}}
	for i, w := range want {
		resp := get(t, srv, endUserID, "/api/v2/users/3/sessions/5")
		if resp.Status != w.status || resp.Header.Get("Retry-After") != w.retryAfter {
			t.Errorf("request %d: %d Retry-After %q, want %d %q", i, resp.Status, resp.Header.Get("Retry-After"), w.status, w.retryAfter)
		}
	}
	var faulted []bool
	for _, r := range srv.Requests() {
		faulted = append(faulted, r.Fault)
	}
	if diff := cmp.Diff([]bool{true, true, true, false, false}, faulted); diff != "" {
		t.Errorf("Fault in the request log (-want +got):\n%s", diff)
	}
}

func TestFaultOnAnyOperationAndClear(t *testing.T) {
	srv := newTestServer(t, WithSessions(Session{ID: 5, UserID: endUserID}))
	srv.InjectFault(apitest.AnyOperation, Fault{Status: http.StatusInternalServerError})
	for _, path := range []string{"/api/v2/sessions", "/api/v2/users/me/session"} {
		if resp := get(t, srv, endUserID, path); resp.Status != http.StatusInternalServerError {
			t.Errorf("%s: %d, want 500", path, resp.Status)
		}
	}
	srv.ClearFaults()
	if resp := get(t, srv, endUserID, "/api/v2/sessions"); resp.Status != http.StatusOK {
		t.Errorf("after ClearFaults: %d", resp.Status)
	}
}

func TestFaultCustomBodies(t *testing.T) {
	srv := newTestServer(t)
	srv.InjectFault(OpListSessions, Fault{Status: 429, Times: 1,
		Body: `{"errors":[{"code":"TooManyRequests","title":"Too many requests","status":"429"}]}`})
	srv.InjectFault(OpListSessions, Fault{Status: 503, Times: 1, Body: "Service Unavailable"})
	srv.InjectFault(OpListSessions, Fault{Status: 502, Times: 1, OffSpec: true,
		Body: "<html>502 Bad Gateway</html>", ContentType: "text/html"})
	want := []struct {
		status int
		ct     string
		body   string
	}{
		{429, "application/json", `{"errors":[{"code":"TooManyRequests","title":"Too many requests","status":"429"}]}`},
		{503, "text/plain; charset=utf-8", "Service Unavailable"},
		{502, "text/html", "<html>502 Bad Gateway</html>"},
	}
	for _, w := range want {
		resp := get(t, srv, adminID, "/api/v2/sessions")
		got := []any{resp.Status, resp.Header.Get("Content-Type"), string(resp.Body)}
		if diff := cmp.Diff([]any{w.status, w.ct, w.body}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
}

// TestResponseViolation checks that a response that breaks the spec fails
// the test that caused it and is never served as is.
func TestResponseViolation(t *testing.T) {
	tests := []struct {
		name  string
		op    string
		fault Fault
		want  string
	}{
		{"body breaks the schema", OpListSessions, Fault{Status: 200, Body: `{"sessions":"not a list"}`}, "response body doesn't match schema"},
		{"undocumented status for any operation", apitest.AnyOperation, Fault{Status: http.StatusTeapot}, "status is not supported"},
		{"content type not in the spec", OpListSessions, Fault{Status: 403, Body: "<html/>", ContentType: "text/html"}, "Content-Type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := fakeapi.NewRecordingTB(t)
			srv := NewServer(rec, WithUsers(testUsers()...), WithFault(tt.op, tt.fault))
			resp := get(t, srv, adminID, "/api/v2/sessions")
			if resp.Status != http.StatusInternalServerError {
				t.Errorf("status %d, want 500", resp.Status)
			}
			errs := rec.Errors()
			if len(errs) != 1 || !strings.Contains(errs[0], "breaks the spec") || !strings.Contains(errs[0], tt.want) {
				t.Errorf("reported %q, want one violation saying %q", errs, tt.want)
			}
			if !strings.Contains(string(resp.Body), "breaks the spec") {
				t.Errorf("500 body %s does not say why", resp.Body)
			}
		})
	}
}

func TestFaultLatency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newTestServer(t, WithoutNetwork(), WithSessions(Session{ID: 5, UserID: endUserID}))
		srv.InjectFault(OpShowSession, Fault{Delay: 3 * time.Second, Times: 1})
		srv.InjectFault(OpShowSession, Fault{Delay: time.Minute, Status: 504, OffSpec: true, Times: 1})

		start := time.Now()
		if resp := get(t, srv, endUserID, "/api/v2/users/3/sessions/5"); resp.Status != http.StatusOK {
			t.Errorf("latency alone: %d, want the real 200", resp.Status)
		}
		if d := time.Since(start); d != 3*time.Second {
			t.Errorf("took %v, want 3s", d)
		}

		// A client deadline shorter than the latency ends the call at the deadline.
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		start = time.Now()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/v2/users/3/sessions/5", nil)
		req.Header = asUser(endUserID)
		_, err := srv.Client().Do(req)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 10*time.Second {
			t.Errorf("err %v after %v, want the deadline after 10s", err, time.Since(start))
		}
		if got := srv.Requests()[1].Status; got != 0 {
			t.Errorf("logged status %d for an abandoned request, want 0", got)
		}
	})
}

func TestCloseCutsLatencyShort(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newTestServer(t, WithoutNetwork(), WithFault(OpListSessions, Fault{Delay: time.Hour}))
		done := make(chan int)
		go func() {
			resp, err := fakeapi.Do(srv.Client(), http.MethodGet, srv.URL+"/api/v2/sessions", asUser(adminID), "")
			if err != nil {
				t.Error(err)
			}
			done <- resp.Status
		}()
		synctest.Wait()
		start := time.Now()
		srv.Close()
		if status := <-done; status != http.StatusOK || time.Since(start) != 0 {
			t.Errorf("status %d after %v, want 200 at once", status, time.Since(start))
		}
		if _, err := fakeapi.Do(srv.Client(), http.MethodGet, srv.URL+"/api/v2/sessions", asUser(adminID), ""); err == nil {
			t.Error("a closed server answered")
		}
	})
}

func TestDroppedConnection(t *testing.T) {
	for _, network := range []bool{true, false} {
		name := "loopback"
		opts := []Option{WithSessions(Session{ID: 5, UserID: endUserID}), WithFault(OpShowSession, Fault{Drop: true, Times: 1})}
		if !network {
			name = "in-process"
			opts = append(opts, WithoutNetwork())
		}
		t.Run(name, func(t *testing.T) {
			srv := newTestServer(t, opts...)
			_, err := fakeapi.Do(srv.Client(), http.MethodGet, srv.URL+"/api/v2/users/3/sessions/5", asUser(endUserID), "")
			if err == nil {
				t.Fatal("a dropped connection answered")
			}
			if !network && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("in-process drop: %v, want io.ErrUnexpectedEOF", err)
			}
			if resp := get(t, srv, endUserID, "/api/v2/users/3/sessions/5"); resp.Status != http.StatusOK {
				t.Errorf("after the drop: %d", resp.Status)
			}
			// The dropped request is logged, complete, before the next one.
			var logged []string
			for _, r := range srv.Requests() {
				logged = append(logged, fmt.Sprintf("%d fault=%v", r.Status, r.Fault))
			}
			if diff := cmp.Diff([]string{"0 fault=true", "200 fault=false"}, logged); diff != "" {
				t.Errorf("request log (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRequestLog(t *testing.T) {
	srv := newTestServer(t, WithSessions(Session{ID: 5, UserID: endUserID}))
	h := asUser(endUserID)
	h.Set("User-Agent", "sessionkit-test")
	h.Set("Cookie", "_zendesk_session=secret")
	fakeapi.Call(t, srv.Client(), http.MethodGet, srv.URL+"/api/v2/users/3/sessions?page%5Bsize%5D=2&sort=-id", h, "")
	fakeapi.Call(t, srv.Client(), http.MethodDelete, srv.URL+"/api/v2/users/3/sessions/5", http.Header{"Authorization": {"Bearer nope"}}, "")
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests logged", len(reqs))
	}
	first := reqs[0]
	if first.Operation != OpListUserSessions || first.Method != http.MethodGet || first.Path != "/api/v2/users/3/sessions" ||
		first.Query.Get("page[size]") != "2" || first.Query.Get("sort") != "-id" || first.Status != 200 || first.AuthScheme != "Basic" {
		t.Errorf("first request logged as %+v", first)
	}
	if first.Header.Get("User-Agent") != "sessionkit-test" {
		t.Errorf("User-Agent not logged: %v", first.Header)
	}
	for _, k := range []string{"Authorization", "Cookie"} {
		if v := first.Header.Values(k); v != nil {
			t.Errorf("credential header %s logged: %q", k, v)
		}
	}
	if second := reqs[1]; second.Status != 401 || second.AuthScheme != "Bearer" || second.Operation != OpDeleteSession {
		t.Errorf("second request logged as %+v", second)
	}
	// The log is a copy.
	reqs[0].Header.Set("X-Changed", "1")
	if srv.Requests()[0].Header.Get("X-Changed") != "" {
		t.Error("changing the returned log changed the server's")
	}
	srv.ResetRequests()
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests after ResetRequests", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	var seeds []Session
	for i := range 200 {
		seeds = append(seeds, Session{ID: int64(100 + i), UserID: []int64{adminID, agentID, endUserID}[i%3]})
	}
	srv := newTestServer(t, WithSessions(seeds...))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			user := []int64{adminID, agentID, endUserID}[g%3]
			for i := range 25 {
				id := 100 + g*25 + i
				switch i % 5 {
				case 0:
					get(t, srv, user, "/api/v2/sessions?page[size]=10")
				case 1:
					del(t, srv, adminID, "/api/v2/users/"+itoa(int64(seeds[id-100].UserID))+"/sessions/"+itoa(int64(id)))
				case 2:
					get(t, srv, user, "/api/v2/users/me/session/renew")
				case 3:
					srv.InjectFault(OpShowCurrentlyAuthenticatedSession, Fault{Status: 503, Times: 1})
					get(t, srv, user, "/api/v2/users/me/session")
				case 4:
					_ = srv.Requests()
					_, _ = srv.AddSession(Session{UserID: user})
				}
			}
		})
	}
	wg.Wait()
	if got := len(srv.Requests()); got != 8*25-8*5 {
		t.Errorf("%d requests logged, want %d", got, 8*25-8*5)
	}
}
