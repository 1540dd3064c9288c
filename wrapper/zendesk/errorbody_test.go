package zendesk

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// apiErrorOf builds the *APIError Zendesk's API plugs into the engine
// would return for a 500 with this body: decodeErrorBody first, the
// engine's text of the body when it finds nothing.
func apiErrorOf(contentType string, body []byte) *APIError {
	a := api("https://acme.zendesk.com")
	return a.NewAPIError(&http.Response{StatusCode: 500, Header: http.Header{"Content-Type": {contentType}},
		Body: io.NopCloser(strings.NewReader(string(body)))})
}

func TestDecodeErrorBody(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		wantCode    string
		wantMessage string
		engine      bool // decodeErrorBody finds nothing; the message is the engine's text of the body
	}{
		{"empty", "", "", "", "", true},
		{"zendesk classic", "application/json", `{"error":"RecordNotFound","description":"Not found"}`, "RecordNotFound", "Not found", false},
		{"zendesk 401 sentence", "application/json", `{"error":"Couldn't authenticate you"}`, "", "Couldn't authenticate you", false},
		{"zendesk invalid with details", "application/json",
			`{"error":"RecordInvalid","description":"Record validation errors","details":{"name":[{"description":"Name: is too short"}],"email":[{"description":"Email: is invalid"}]}}`,
			"RecordInvalid", "Record validation errors: email: Email: is invalid; name: Name: is too short", false},
		{"zendesk error object", "application/json", `{"error":{"title":"Forbidden","message":"You do not have access to this page."}}`, "Forbidden", "You do not have access to this page.", false},
		{"json:api", "application/json", `{"errors":[{"code":"TooManyRequests","title":"Too Many Requests","detail":"Rate limit exceeded","status":"429"}]}`, "TooManyRequests", "Rate limit exceeded", false},
		{"json:api several", "application/json", `{"errors":[{"title":"Invalid","detail":"a"},{"detail":"b"},{"detail":"c"}]}`, "Invalid", "a (and 2 more)", false},
		{"json:api title only", "application/json", `{"errors":[{"title":"Gone"}]}`, "Gone", "", false},
		{"zendesk error object, title only", "application/json", `{"error":{"title":"Forbidden"}}`, "Forbidden", "", false},
		{"json:api detail only", "application/json", `{"errors":[{"detail":"Session expired"}]}`, "", "Session expired", false},
		{"empty errors object gives way to error", "application/json", `{"errors":{},"error":"RecordNotFound"}`, "RecordNotFound", "", false},
		{"rails field without messages is left out", "application/json", `{"errors":{"base":[],"name":["is taken"]}}`, "", "name: is taken", false},
		{"code of every allowed character", "application/json", `{"error":"az_AZ-09.:"}`, "az_AZ-09.:", "", false},
		{"a word beyond ASCII is a message", "application/json", `{"error":"élément_introuvable"}`, "", "élément_introuvable", false},
		{"code of 128 characters", "application/json", `{"error":"` + strings.Repeat("C", 128) + `"}`, strings.Repeat("C", 128), "", false},
		{"129 characters are a message", "application/json", `{"error":"` + strings.Repeat("C", 129) + `"}`, "", strings.Repeat("C", 129), false},
		{"rails errors object", "application/json", `{"errors":{"ip_list":["must not be empty"]}}`, "", "ip_list: must not be empty", false},
		{"errors string", "application/json", `{"errors":"nope"}`, "", "nope", false},
		{"oauth", "application/json", `{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}`,
			"invalid_token", "The access token provided is expired, revoked, malformed or invalid for other reasons.", false},
		{"message only", "application/json", `{"message":"Session not found"}`, "", "Session not found", false},
		{"numeric code", "application/json", `{"code":4001,"message":"bad"}`, "4001", "bad", false},
		{"error null", "application/json", `{"error":null,"message":"m"}`, "", "m", false},
		{"unknown json", "application/json", `{"foo":1}`, "", `{"foo":1}`, true},
		{"json array", "application/json", `["x"]`, "", `["x"]`, true},
		{"text", "text/plain", "  Rate limit exceeded.\n Try again later.  ", "", "Rate limit exceeded. Try again later.", true},
		{"html title", "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1></body></html>", "", "502 Bad Gateway", true},
		{"html no title", "text/html", "<html><body><h1>Oops</h1><p>down</p></body></html>", "", "Oops down", true},
		{"html sniffed", "", "<h1>Service Unavailable</h1>", "", "Service Unavailable", true},
		{"control chars", "text/plain", "bad\x1b[31mred\x00\u2028x", "", "bad [31mred x", true},
		{"invalid utf-8", "text/plain", "caf\xe9", "", "caf\uFFFD", true},
		{"broken json falls back to text", "application/json", `{"error":`, "", `{"error":`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := decodeErrorBody(tt.contentType, []byte(tt.body))
			if tt.engine {
				if code != "" || msg != "" {
					t.Errorf("decodeErrorBody(%q) = %q, %q; want nothing, left to the engine", tt.body, code, msg)
				}
			} else if code != tt.wantCode || msg != tt.wantMessage {
				t.Errorf("decodeErrorBody(%q) = %q, %q; want %q, %q", tt.body, code, msg, tt.wantCode, tt.wantMessage)
			}
			e := apiErrorOf(tt.contentType, []byte(tt.body))
			if e.Code != tt.wantCode || e.Message != tt.wantMessage {
				t.Errorf("APIError for %q: code %q message %q; want %q, %q", tt.body, e.Code, e.Message, tt.wantCode, tt.wantMessage)
			}
			if e.API != "zendesk" || !strings.HasPrefix(e.Error(), "zendesk: 500 Internal Server Error") {
				t.Errorf("Error() = %q, want it to name zendesk", e.Error())
			}
		})
	}
}

func TestDecodeErrorBodyCapsMessage(t *testing.T) {
	for _, body := range []string{
		strings.Repeat("é", 5000),
		`{"error":"RecordInvalid","description":"` + strings.Repeat("é", 5000) + `"}`,
		`{"error":"` + strings.Repeat("C", 500) + `","description":"d"}`,
	} {
		e := apiErrorOf("application/json", []byte(body))
		if len(e.Message) > 512 || len(e.Code) > 128 || !utf8.ValidString(e.Message) {
			t.Errorf("code of %d bytes, message of %d bytes, valid=%v", len(e.Code), len(e.Message), utf8.ValidString(e.Message))
		}
	}
}

func FuzzDecodeErrorBody(f *testing.F) {
	seeds := []string{
		`{"error":"RecordNotFound","description":"Not found"}`,
		`{"error":"Couldn't authenticate you"}`,
		`{"errors":[{"code":"TooManyRequests","title":"t","detail":"d","status":"429"}]}`,
		`{"error":"invalid_token","error_description":"x"}`,
		`{"message":"m"}`,
		`{"error":{"title":"Forbidden","message":"no"}}`,
		`{"errors":{"a":[{"description":"b"}]}}`,
		`{"error":"RecordInvalid","details":{"a":[1,2,{"description":null}]}}`,
		"<html><title>x</title></html>",
		"<title", "plain text", "", "{", "\xff\xfe", `{"errors":[null]}`, `{"errors":[]}`,
	}
	for _, s := range seeds {
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
