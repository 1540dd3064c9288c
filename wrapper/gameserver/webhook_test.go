package gameserver_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// The two bodies the API is known to POST.
const (
	shortWebhook = `{"session_id":"950dd2eaff09-S","custom_id":null,"status":"Ready","ready":true,"linked":true,
		"kind":"Seat","user_count":2,"webhook_url":"https://example.com/hook","deployment_request_id":"9f511e17a5a5","future_field":{"x":1}}`
	fullWebhook = `{"session_id":"950dd2eaff09-S","status":"Status.READY","ready":true,"linked":true,"kind":"Seat",
		"user_count":1,"app_version":123456,"create_time":"2024-05-26 12:00:45.831041","elapsed":12,"error":null,
		"session_users":[{"ip":"162.254.103.13","latitude":45.5,"longitude":-73.5}],
		"deployment":{"request_id":"9f511e17a5a5","public_ip":"203.0.113.1","status":"Status.READY","ready":true,
		"whitelisting_active":false,"fqdn":"9f511e17a5a5.pr.edgegap.net"}}`
)

func TestDecodeSessionEvent(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    gameserver.SessionEvent
		linked  bool
		failed  bool
		wantErr string
	}{
		{"short body", shortWebhook, gameserver.SessionEvent{
			Session: gameserver.Session{ID: "950dd2eaff09-S", Status: "Ready", Ready: true, Linked: true, Kind: "Seat",
				UserCount: 2, WebhookURL: "https://example.com/hook"},
			DeploymentRequestID: "9f511e17a5a5",
		}, true, false, ""},
		{"full body", fullWebhook, gameserver.SessionEvent{
			Session: gameserver.Session{ID: "950dd2eaff09-S", Status: "Status.READY", Ready: true, Linked: true, Kind: "Seat",
				UserCount: 1, AppVersionID: 123456, CreateTime: time.Date(2024, 5, 26, 12, 0, 45, 831041000, time.UTC),
				Elapsed: 12 * time.Second, Users: []gameserver.User{{IP: "162.254.103.13", Location: &gameserver.Location{Latitude: 45.5, Longitude: -73.5}}},
				Deployment: &gameserver.Deployment{RequestID: "9f511e17a5a5", PublicIP: "203.0.113.1", Status: "Status.READY",
					Ready: true, FQDN: "9f511e17a5a5.pr.edgegap.net"}},
			DeploymentRequestID: "9f511e17a5a5", Full: true,
		}, true, false, ""},
		{"failed, short body", `{"session_id":"a-S","status":"Unprocessable","ready":false,"linked":false}`, gameserver.SessionEvent{
			Session: gameserver.Session{ID: "a-S", Status: "Unprocessable"},
		}, false, true, ""},
		{"failed, with error", `{"session_id":"a-S","status":"SomethingNew","error":"No deployment"}`, gameserver.SessionEvent{
			Session: gameserver.Session{ID: "a-S", Status: "SomethingNew", Error: "No deployment"},
		}, false, true, ""},
		{"unknown status, waiting", `{"session_id":"a-S","status":"Status.SOMETHING"}`, gameserver.SessionEvent{
			Session: gameserver.Session{ID: "a-S", Status: "Status.SOMETHING"},
		}, false, false, ""},
		{"no session_id", `{"status":"Ready"}`, gameserver.SessionEvent{}, false, false, "no session_id"},
		{"wrong type", `{"session_id":"a-S","ready":"yes"}`, gameserver.SessionEvent{}, false, false, "not a JSON session"},
		{"not an object", `[1,2]`, gameserver.SessionEvent{}, false, false, "not a JSON session"},
		{"not JSON", `session_id=a`, gameserver.SessionEvent{}, false, false, "not a JSON session"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := gameserver.DecodeSessionEvent([]byte(tt.body))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, ev, cmpopts.IgnoreFields(gameserver.SessionEvent{}, "Body")); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if string(ev.Body) != tt.body {
				t.Errorf("Body %s, want the body as sent", ev.Body)
			}
			if ev.Linked() != tt.linked || ev.Failed() != tt.failed {
				t.Errorf("Linked() %v Failed() %v, want %v %v", ev.Linked(), ev.Failed(), tt.linked, tt.failed)
			}
		})
	}
}

func TestWebhookHandler(t *testing.T) {
	token := gameserver.NewWebhookToken()
	tests := []struct {
		name        string
		method      string
		target      string
		contentType string
		body        string
		fnErr       error
		opts        []gameserver.WebhookOption
		wantStatus  int
		wantCalled  bool
	}{
		{"short body", "POST", "/hook", "application/json", shortWebhook, nil, nil, 204, true},
		{"full body, charset", "POST", "/hook", "application/json; charset=utf-8", fullWebhook, nil, nil, 204, true},
		{"no content type", "POST", "/hook", "", shortWebhook, nil, nil, 204, true},
		{"GET", "GET", "/hook", "", "", nil, nil, 405, false},
		{"PUT", "PUT", "/hook", "application/json", shortWebhook, nil, nil, 405, false},
		{"form body", "POST", "/hook", "application/x-www-form-urlencoded", "session_id=a", nil, nil, 415, false},
		{"bad content type", "POST", "/hook", "application/json; =", shortWebhook, nil, nil, 415, false},
		{"not JSON", "POST", "/hook", "application/json", "{", nil, nil, 400, false},
		{"no session_id", "POST", "/hook", "application/json", `{"status":"Ready"}`, nil, nil, 400, false},
		{"empty body", "POST", "/hook", "application/json", "", nil, nil, 400, false},
		{"too large", "POST", "/hook", "application/json", shortWebhook, nil,
			[]gameserver.WebhookOption{gameserver.WithWebhookMaxBytes(64)}, 413, false},
		{"fn fails", "POST", "/hook", "application/json", shortWebhook, errors.New("queue full"), nil, 500, true},
		{"token in path", "POST", "/hooks/edgegap/" + token, "application/json", shortWebhook, nil,
			[]gameserver.WebhookOption{gameserver.WithWebhookToken(token)}, 204, true},
		{"token in query", "POST", "/hooks/edgegap?token=" + token, "application/json", shortWebhook, nil,
			[]gameserver.WebhookOption{gameserver.WithWebhookToken(token)}, 204, true},
		{"no token", "POST", "/hooks/edgegap", "application/json", shortWebhook, nil,
			[]gameserver.WebhookOption{gameserver.WithWebhookToken(token)}, 403, false},
		{"wrong token", "POST", "/hooks/edgegap/" + token[:len(token)-1] + "x", "application/json", shortWebhook, nil,
			[]gameserver.WebhookOption{gameserver.WithWebhookToken(token)}, 403, false},
		{"token earlier in path", "POST", "/" + token + "/hook", "application/json", shortWebhook, nil,
			[]gameserver.WebhookOption{gameserver.WithWebhookToken(token)}, 403, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			h, err := gameserver.WebhookHandler(func(ctx context.Context, ev gameserver.SessionEvent) error {
				called = true
				if ev.Session.ID != "950dd2eaff09-S" {
					t.Errorf("event for %q", ev.Session.ID)
				}
				return tt.fnErr
			}, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus || called != tt.wantCalled {
				t.Errorf("status %d, fn called %v; want %d, %v (body %q)", rec.Code, called, tt.wantStatus, tt.wantCalled, rec.Body)
			}
			if tt.wantStatus == 405 && rec.Header().Get("Allow") != "POST" {
				t.Errorf("Allow %q, want POST", rec.Header().Get("Allow"))
			}
			if tt.fnErr != nil && strings.Contains(rec.Body.String(), tt.fnErr.Error()) {
				t.Errorf("the function's error leaked into the answer: %q", rec.Body)
			}
		})
	}
}

// TestWebhookHandlerStreamTooLarge: a body without Content-Length that
// outgrows the limit is a 413 too.
func TestWebhookHandlerStreamTooLarge(t *testing.T) {
	h, err := gameserver.WebhookHandler(func(context.Context, gameserver.SessionEvent) error {
		t.Error("fn called")
		return nil
	}, gameserver.WithWebhookMaxBytes(32))
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/hook", struct{ *strings.Reader }{strings.NewReader(shortWebhook)})
	req.ContentLength = -1
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", rec.Code)
	}
}

func TestWebhookHandlerBadInput(t *testing.T) {
	fn := func(context.Context, gameserver.SessionEvent) error { return nil }
	tests := []struct {
		name    string
		fn      func(context.Context, gameserver.SessionEvent) error
		opts    []gameserver.WebhookOption
		wantErr string
	}{
		{"nil fn", nil, nil, "WebhookHandler fn: must not be nil"},
		{"empty token", fn, []gameserver.WebhookOption{gameserver.WithWebhookToken("")}, "WithWebhookToken token: must not be empty"},
		{"short token", fn, []gameserver.WebhookOption{gameserver.WithWebhookToken("secret")}, "at least 16 characters"},
		{"15-character token", fn, []gameserver.WebhookOption{gameserver.WithWebhookToken("abcdefghijklmno")}, "at least 16 characters"},
		{"token with slash", fn, []gameserver.WebhookOption{gameserver.WithWebhookToken("abcdefgh/ijklmnopq")}, "must not contain"},
		{"zero limit", fn, []gameserver.WebhookOption{gameserver.WithWebhookMaxBytes(0)}, "WithWebhookMaxBytes n 0: must be > 0"},
		{"nil notifier", fn, []gameserver.WebhookOption{gameserver.WithWebhookNotifier(nil)}, "must not be nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := gameserver.WebhookHandler(tt.fn, tt.opts...)
			if h != nil || !errors.Is(err, gameserver.ErrInvalidArgument) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("WebhookHandler = %v, %v; want an invalid-argument error containing %q", h, err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("the token leaked: %v", err)
			}
		})
	}
}

// TestWebhookHandlerShortestToken: a token of 16 characters, the least,
// is taken, and a request carrying it is served.
func TestWebhookHandlerShortestToken(t *testing.T) {
	const token = "abcdefghijklmnop"
	var got []string
	h, err := gameserver.WebhookHandler(func(_ context.Context, ev gameserver.SessionEvent) error {
		got = append(got, ev.Session.ID)
		return nil
	}, gameserver.WithWebhookToken(token))
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hook/"+token, strings.NewReader(`{"session_id":"a-S","ready":true}`)))
	if rec.Code != http.StatusNoContent {
		t.Errorf("status %d, want 204", rec.Code)
	}
	if diff := cmp.Diff([]string{"a-S"}, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestWebhookOptionHidesToken(t *testing.T) {
	token := gameserver.NewWebhookToken()
	if s := gameserver.WithWebhookToken(token).String(); strings.Contains(s, token) || !strings.Contains(s, "REDACTED") {
		t.Errorf("String() = %q", s)
	}
	if len(token) < 16 || gameserver.NewWebhookToken() == token {
		t.Errorf("NewWebhookToken gave %q twice or too short", token)
	}
}

// FuzzDecodeSessionEvent: whatever the body, DecodeSessionEvent returns an
// event with a session id or a short *WebhookBodyError, never panics; the
// handler answers 204 exactly when it decodes and 400 otherwise; and a
// notifier keeps at most a few hundred bytes of the event.
func FuzzDecodeSessionEvent(f *testing.F) {
	for _, seed := range []string{shortWebhook, fullWebhook, `{"session_id":"a-S","error":"x"}`, `{"session_id":"a-S","user_count":1e999}`,
		`{"session_id":"a-S","deployment":{"ports":{"p":{"external":"x"}}}}`, `[`, `null`, `{"session_id":""}`, "\x00"} {
		f.Add([]byte(seed))
	}
	h, err := gameserver.WebhookHandler(func(context.Context, gameserver.SessionEvent) error { return nil })
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := gameserver.DecodeSessionEvent(body)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hook", bytes.NewReader(body)))
		if err != nil {
			if _, ok := errors.AsType[*gameserver.WebhookBodyError](err); !ok || len(err.Error()) > 400 {
				t.Fatalf("error %T %q, want a short *WebhookBodyError", err, err)
			}
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("the handler answered %d to an undecodable body, want 400", rec.Code)
			}
			return
		}
		if ev.Session.ID == "" || string(ev.Body) != string(body) || rec.Code != http.StatusNoContent {
			t.Fatalf("event %+v, handler %d; want a session id, the body, and 204", ev, rec.Code)
		}
		n := gameserver.NewReadyNotifier()
		n.Notify(ev)
		events, stop := n.Watch(ev.Session.ID)
		defer stop()
		select {
		case kept := <-events:
			s := kept.Session
			if kept.Body != nil || s.WebhookURL != "" || s.Users != nil || s.Deployment != nil ||
				len(s.Status)+len(s.Error)+len(s.Kind)+len(s.CustomID)+len(kept.DeploymentRequestID) > 5*128 {
				t.Fatalf("the notifier kept too much: %+v", kept)
			}
		default:
		}
	})
}
