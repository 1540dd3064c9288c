package gameserver

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// apiErrorOf builds the *APIError the game server's API plugs into the
// engine would return for a 500 with this body: decodeErrorBody first, the
// engine's text of the body when it finds nothing.
func apiErrorOf(contentType string, body []byte) *APIError {
	a := api()
	return a.NewAPIError(&http.Response{StatusCode: 500, Header: http.Header{"Content-Type": {contentType}},
		Body: io.NopCloser(strings.NewReader(string(body)))})
}

func TestDecodeErrorBody(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		wantMessage string
		engine      bool   // decodeErrorBody finds nothing; the message is the engine's text of the body
		raw         string // decodeErrorBody's message when it is not wantMessage (the engine makes it one line)
	}{
		{"empty", "", "", "", true, ""},
		{"message", "application/json", `{"message":"Session not found"}`, "Session not found", false, ""},
		{"message wins", "application/json", `{"message":"m","error":"e","detail":"d"}`, "m", false, ""},
		{"error", "application/json", `{"error":"Unauthorized"}`, "Unauthorized", false, ""},
		{"detail string", "application/json", `{"detail":"Not authenticated"}`, "Not authenticated", false, ""},
		{"detail list (FastAPI validation)", "application/json", `{"detail":[{"loc":["body","app_name"],"msg":"field required"}]}`,
			`[{"loc":["body","app_name"],"msg":"field required"}]`, false, ""},
		{"empty message", "application/json", `{"message":""}`, `{"message":""}`, true, ""},
		{"unknown json", "application/json", `{"foo":1}`, `{"foo":1}`, true, ""},
		{"json array", "application/json", `["x"]`, `["x"]`, true, ""},
		{"wrong type", "application/json", `{"message":5}`, `{"message":5}`, true, ""},
		{"text", "text/plain", "  upstream connect error\n or disconnect  ", "upstream connect error or disconnect", true, ""},
		{"html title", "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1></body></html>", "502 Bad Gateway", true, ""},
		{"html sniffed", "", "<h1>Service Unavailable</h1>", "Service Unavailable", true, ""},
		{"control chars in message", "application/json", `{"message":"bad\u001b[31mred\u0000\u2028x"}`, "bad [31mred x", false, "bad\x1b[31mred\x00\u2028x"},
		{"invalid utf-8", "text/plain", "caf\xe9", "caf\uFFFD", true, ""},
		{"broken json falls back to text", "application/json", `{"message":`, `{"message":`, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := decodeErrorBody(tt.contentType, []byte(tt.body))
			if code != "" {
				t.Errorf("decodeErrorBody(%q) code = %q, want none (the API has no codes)", tt.body, code)
			}
			if tt.engine && msg != "" {
				t.Errorf("decodeErrorBody(%q) = %q; want nothing, left to the engine", tt.body, msg)
			}
			want := tt.wantMessage
			if tt.raw != "" {
				want = tt.raw
			}
			if !tt.engine && msg != want {
				t.Errorf("decodeErrorBody(%q) = %q; want %q", tt.body, msg, want)
			}
			e := apiErrorOf(tt.contentType, []byte(tt.body))
			if e.Code != "" || e.Message != tt.wantMessage {
				t.Errorf("APIError for %q: code %q message %q; want message %q", tt.body, e.Code, e.Message, tt.wantMessage)
			}
			if e.API != "gameserver" || !strings.HasPrefix(e.Error(), "gameserver: 500 Internal Server Error") {
				t.Errorf("Error() = %q, want it to name gameserver", e.Error())
			}
		})
	}
}

func FuzzDecodeErrorBody(f *testing.F) {
	for _, s := range []string{
		`{"message":"Session not found"}`, `{"error":"e"}`, `{"detail":"d"}`,
		`{"detail":[{"loc":["body"],"msg":"m"}]}`, `{"detail":null}`, `{"message":null,"detail":{}}`,
		"<html><title>x</title></html>", "<title", "plain text", "", "{", "\xff\xfe", `[]`,
	} {
		f.Add("application/json", []byte(s))
	}
	f.Add("text/html", []byte("<title>a</title"))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		_, _ = decodeErrorBody(contentType, body) // must not panic
		e := apiErrorOf(contentType, body)
		if len(e.Message) > 512 || len(e.Code) > 128 {
			t.Fatalf("uncapped: code %d bytes, message %d bytes", len(e.Code), len(e.Message))
		}
		if !utf8.ValidString(e.Message) || !utf8.ValidString(e.Code) {
			t.Fatalf("invalid UTF-8: %q %q", e.Code, e.Message)
		}
		if strings.ContainsAny(e.Message+e.Code, "\n\r\x00") {
			t.Fatalf("not one line: %q %q", e.Code, e.Message)
		}
		if len(e.Body) > 64<<10 || e.Error() == "" {
			t.Fatalf("bad APIError %v", e)
		}
	})
}
