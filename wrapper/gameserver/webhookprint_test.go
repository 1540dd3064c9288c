package gameserver_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// tokenURLs are webhook URLs carrying token where a user may put it: where
// the docs say (the last path segment, the token query parameter) and
// where a receiver of one's own might (userinfo, another query parameter,
// a path segment that is not the last, the fragment).
func tokenURLs(token string) map[string]string {
	return map[string]string{
		"last segment":      "https://hooks.example.com/hooks/edgegap/" + token,
		"token query":       "https://hooks.example.com/hooks/edgegap?token=" + token,
		"other query":       "https://hooks.example.com/hook?region=eu&sig=" + token,
		"bare query":        "https://hooks.example.com/hook?" + token,
		"query key":         "https://hooks.example.com/hook?" + token + "=1",
		"userinfo password": "https://hook:" + token + "@hooks.example.com/hook",
		"userinfo user":     "https://" + token + "@hooks.example.com/hook",
		"middle segment":    "https://hooks.example.com/" + token + "/edgegap",
		"trailing slash":    "https://hooks.example.com/hooks/" + token + "/",
		"fragment":          "https://hooks.example.com/hook#" + token,
		"escaped slash":     "https://hooks.example.com/hooks%2F" + token,
		"opaque":            "https:hook:" + token + "@hooks.example.com",
		"relative":          "/hooks/edgegap/" + token,
		"unparsable":        "https://hooks.example.com/%zz/" + token,
	}
}

// TestPrintHidesWebhookToken: no fmt verb, and neither slog handler, shows
// the token of a webhook URL held by any value of the package, alone or
// inside another value.
func TestPrintHidesWebhookToken(t *testing.T) {
	token := gameserver.NewWebhookToken()
	hexToken := hex.EncodeToString([]byte(token))
	handler, err := gameserver.WebhookHandler(gameserver.NewReadyNotifier().Handle, gameserver.WithWebhookToken(token))
	if err != nil {
		t.Fatal(err)
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"}
	for where, u := range tokenURLs(token) {
		sess := gameserver.Session{ID: "a-S", Status: "Ready", Ready: true, WebhookURL: u}
		created := gameserver.CreatedSession{ID: "a-S", WebhookURL: u, Ready: &sess}
		body := []byte(`{"session_id":"a-S","ready":true,"webhook_url":"` + u + `"}`)
		event := gameserver.SessionEvent{Session: sess, Body: body}
		notifier := gameserver.NewReadyNotifier()
		notifier.Notify(event)
		values := map[string]any{
			"Session":                sess,
			"*Session":               &sess,
			"SessionSummary":         gameserver.SessionSummary{ID: "a-S", WebhookURL: u},
			"*SessionSummary":        &gameserver.SessionSummary{ID: "a-S", WebhookURL: u},
			"CreatedSession":         created,
			"*CreatedSession":        &created,
			"CreateRequest":          gameserver.CreateRequest{AppName: "my-game", WebhookURL: u},
			"*CreateRequest":         &gameserver.CreateRequest{AppName: "my-game", WebhookURL: u},
			"SessionEvent":           event,
			"*SessionEvent":          &event,
			"[]Session":              []gameserver.Session{sess, sess},
			"map of *CreatedSession": map[string]*gameserver.CreatedSession{"a": &created},
			"struct holding events": struct {
				Events []gameserver.SessionEvent
				Last   *gameserver.SessionEvent
			}{[]gameserver.SessionEvent{event}, &event},
			"*WaitError":     &gameserver.WaitError{SessionID: "a-S", Polls: 1, Last: &sess, Err: errors.New("boom")},
			"handler":        handler,
			"handler in any": struct{ H http.Handler }{handler},
			"notifier":       notifier,
			"token option":   gameserver.WithWebhookToken(token),
		}
		for name, v := range values {
			var printed []string
			for _, verb := range verbs {
				printed = append(printed, verb+" "+fmt.Sprintf(verb, v))
			}
			handlers := []func(*bytes.Buffer) slog.Handler{
				func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
			}
			if _, ok := v.(slog.LogValuer); ok {
				// A container of them is JSON data to slog's JSON handler,
				// encoded as encoding/json encodes it, URL included.
				handlers = append(handlers, func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) })
			}
			for _, h := range handlers {
				var b bytes.Buffer
				slog.New(h(&b)).Info("webhook", "value", v)
				printed = append(printed, "slog "+b.String())
			}
			for _, p := range printed {
				if strings.Contains(p, token) || strings.Contains(strings.ToLower(p), hexToken) {
					t.Errorf("%s, %s: the token shows in %s", where, name, p)
				}
			}
		}
	}
}

// TestPrintWebhookURL pins what a printed webhook URL keeps: enough to
// know the receiver, with every token-bearing part [REDACTED]; and that
// the rest of the value prints as fmt would print it.
func TestPrintWebhookURL(t *testing.T) {
	const tok = "N3XTNYQ6ULZ4Q2GBW7EJTBXH5A"
	tests := []struct {
		url, want string
	}{
		{"", ""},
		{"https://hooks.example.com/hooks/edgegap/" + tok, "https://hooks.example.com/hooks/edgegap/[REDACTED]"},
		{"https://hooks.example.com/hooks/edgegap?token=" + tok, "https://hooks.example.com/hooks/[REDACTED]?token=[REDACTED]"},
		{"http://127.0.0.1:8080/a/" + tok + "/b?x=&y=2#frag", "http://127.0.0.1:8080/a/[REDACTED]/[REDACTED]?x=&y=[REDACTED]#[REDACTED]"},
		{"https://user:" + tok + "@hooks.example.com/", "https://[REDACTED]@hooks.example.com/"},
		{"https:user:" + tok + "@hooks.example.com", "https:[REDACTED]"},
		{"https://hooks.example.com", "https://hooks.example.com"},
		{"/hooks/edgegap/" + tok, "/hooks/edgegap/[REDACTED]"},
		{"https://user:" + tok + "@/hook", "https://[REDACTED]@/[REDACTED]"},
		// A segment, a query key, of minWebhookTokenLen (16) characters is
		// redacted; one of 15 is kept.
		{"https://h.example.com/0123456789abcdef/hook", "https://h.example.com/[REDACTED]/[REDACTED]"},
		{"https://h.example.com/0123456789abcde/hook", "https://h.example.com/0123456789abcde/[REDACTED]"},
		{"https://h.example.com/?0123456789abcdef=1&0123456789abcde=1", "https://h.example.com/?[REDACTED]&0123456789abcde=[REDACTED]"},
		{"https://h.example.com/?flag&a=1&&b=", "https://h.example.com/?[REDACTED]&a=[REDACTED]&&b="},
		{"https://hooks.example.com/%zz", "[REDACTED]"},
	}
	for _, tt := range tests {
		s := gameserver.Session{ID: "a-S", WebhookURL: tt.url}
		if got, want := fmt.Sprintf("%+v", s), " WebhookURL:"+tt.want+" Users:[] "; !strings.Contains(got, want) {
			t.Errorf("%%+v of a session with URL %q:\n%s\nwant it to contain %q", tt.url, got, want)
		}
	}
	s := gameserver.Session{ID: "a-S", Ready: true, WebhookURL: "https://h.example.com/" + tok}
	if got, want := fmt.Sprintf("%#v", s), `gameserver.Session{ID:"a-S", CustomID:"", Status:"", Ready:true, Linked:false, Kind:"", UserCount:0, AppVersionID:0, CreateTime:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC), Elapsed:0, Error:"", WebhookURL:"https://h.example.com/[REDACTED]", Users:[]gameserver.User(nil), IPs:[]gameserver.User(nil), Deployment:(*gameserver.Deployment)(nil)}`; got != want {
		t.Errorf("%%#v:\n got %s\nwant %s", got, want)
	}
	ev := gameserver.SessionEvent{Session: gameserver.Session{ID: "a-S"}, Full: true, Body: []byte(`{"session_id":"a-S"}`)}
	if got := fmt.Sprintf("%v", ev); !strings.HasSuffix(got, " true [REDACTED 20 bytes]}") {
		t.Errorf("%%v of an event: %s", got)
	}
	h, err := gameserver.WebhookHandler(gameserver.NewReadyNotifier().Handle, gameserver.WithWebhookToken(tok), gameserver.WithWebhookNotifier(gameserver.NewReadyNotifier()))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%+v", h), "gameserver.WebhookHandler(token [REDACTED], max 1048576 bytes, 1 notifier)"; got != want {
		t.Errorf("handler printed as %q, want %q", got, want)
	}
}

// FuzzPrintedWebhookURL: whatever the URL, when the handler accepts the
// token from it, no printed form of a session holding that URL shows the
// token. TOKEN in the input stands for the token.
func FuzzPrintedWebhookURL(f *testing.F) {
	for _, u := range tokenURLs("TOKEN") {
		f.Add(u)
	}
	f.Add("http://127.0.0.1:9/a;b/TOKEN?token=TOKEN&token=x")
	f.Add("http://[::1]:9/%2e%2e/TOKEN")
	const token = "N3XTNYQ6ULZ4Q2GBW7EJTBXH5A"
	h, err := gameserver.WebhookHandler(gameserver.NewReadyNotifier().Handle, gameserver.WithWebhookToken(token))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		u := strings.ReplaceAll(pattern, "TOKEN", token)
		req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(`{"session_id":"a-S"}`))
		if err != nil || req.URL.Host == "" {
			return // no request can be sent to it
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == http.StatusForbidden {
			return // the token was not taken from this URL
		}
		s := gameserver.Session{ID: "a-S", WebhookURL: u}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if p := fmt.Sprintf(verb, s); strings.Contains(p, token) {
				t.Fatalf("the handler accepted the token from %q, and %s prints it: %s", u, verb, p)
			}
		}
	})
}
