package core

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestDecodeThroughCall covers what becomes of a success body: decoded by
// the call's Decoder inside the attempt, or a *DecodeError carrying the
// status, the content type and an excerpt.
func TestDecodeThroughCall(t *testing.T) {
	type session struct {
		ID int64 `json:"id"`
	}
	respond := func(status int, ct, body string) func(int, *http.Request) (*http.Response, error) {
		return func(_ int, req *http.Request) (*http.Response, error) {
			r := fakeResponse(req, status, http.Header{}, body)
			if ct != "" {
				r.Header.Set("Content-Type", ct)
			}
			return r, nil
		}
	}
	tests := []struct {
		name       string
		handle     func(int, *http.Request) (*http.Response, error)
		wantID     int64
		wantDecode bool  // a *DecodeError
		wantIs     error // or an error matching this
	}{
		{name: "ok", handle: respond(200, "application/json", `{"id":42}`), wantID: 42},
		{name: "not json", handle: respond(200, "text/html", `<html>oops</html>`), wantDecode: true},
		{name: "empty", handle: respond(200, "", ``), wantDecode: true},
		{name: "nil body", handle: func(_ int, req *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Request: req}, nil
		}, wantDecode: true},
		{name: "wrong type", handle: respond(200, "application/json", `{"id":"x"}`), wantDecode: true},
		{name: "error status", handle: respond(404, "application/json", `{"message":"gone"}`), wantIs: sessionkit.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{handle: tt.handle}
			e := testEngine(t, rec, NoRetries())
			var s session
			err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), &s)
			switch {
			case tt.wantDecode:
				de, ok := errors.AsType[*sessionkit.DecodeError](err)
				if !ok || de.API != "test" || de.StatusCode != 200 {
					t.Fatalf("err = %v, want a *DecodeError of test for 200", err)
				}
			case tt.wantIs != nil:
				if !errors.Is(err, tt.wantIs) {
					t.Fatalf("err = %v, want %v", err, tt.wantIs)
				}
			case err != nil:
				t.Fatal(err)
			case s.ID != tt.wantID:
				t.Errorf("id = %d, want %d", s.ID, tt.wantID)
			}
			rec.allDone(t)
		})
	}
}

func TestDecodeErrorMessage(t *testing.T) {
	rec := &recorder{handle: func(_ int, req *http.Request) (*http.Response, error) {
		return fakeResponse(req, 200, http.Header{"Content-Type": {"text/html"}}, "<html>\n"+strings.Repeat("x", 2000)), nil
	}}
	e := testEngine(t, rec)
	err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), new(map[string]any))
	de, ok := errors.AsType[*sessionkit.DecodeError](err)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	if de.StatusCode != 200 || de.ContentType != "text/html" || len(de.Excerpt) > maxExcerpt || !strings.HasPrefix(de.Excerpt, "<html> xxx") {
		t.Errorf("DecodeError = %+v", de)
	}
	if !strings.HasPrefix(err.Error(), "test: cannot decode 200 response (text/html): invalid character '<'") {
		t.Errorf("Error() = %q", err.Error())
	}
	if _, ok := errors.AsType[*json.SyntaxError](err); !ok || errors.Unwrap(err) == nil {
		t.Error("DecodeError does not unwrap to the decoder's error")
	}
	if rec.calls() != 1 {
		t.Errorf("a body that does not decode was sent %d times, want 1", rec.calls())
	}
}

// TestDecoderDecodeError: a decoder returning its own *DecodeError keeps
// its excerpt; the engine fills in the API, status and content type.
func TestDecoderDecodeError(t *testing.T) {
	rec := &recorder{handle: always(200, http.Header{"Content-Type": {"application/json"}}, `{"id":1}`)}
	e := testEngine(t, rec)
	c, _ := callOf(e)
	inner := errors.New("bad field")
	err := c.Do(t.Context(), opFor("GET"), built(newRequest(t, e, "GET", "x", "", true)), func(Response) error {
		return &sessionkit.DecodeError{Excerpt: "mine", Err: inner}
	})
	de, ok := errors.AsType[*sessionkit.DecodeError](err)
	if !ok || de.API != "test" || de.StatusCode != 200 || de.ContentType != "application/json" || de.Excerpt != "mine" || !errors.Is(err, inner) {
		t.Errorf("err = %#v", err)
	}
}

func TestResponseSizeLimitThroughEngine(t *testing.T) {
	rec := &recorder{handle: always(200, nil, `{"data":"`+strings.Repeat("x", 4096)+`"}`)}
	e := testEngine(t, rec, MaxResponseBytes(1024))
	err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), new(map[string]string))
	if tl, ok := errors.AsType[*sessionkit.ResponseTooLargeError](err); !ok || tl.Limit != 1024 || tl.API != "test" {
		t.Fatalf("err = %v, want *ResponseTooLargeError", err)
	}
	if !strings.Contains(err.Error(), "WithMaxResponseBytes") {
		t.Errorf("error does not say how to raise the limit: %v", err)
	}
	if rec.calls() != 1 {
		t.Errorf("an over-limit body was fetched %d times, want 1", rec.calls())
	}

	// A per-call limit overrides the client's.
	if err := call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), new(map[string]string), MaxResponseBytes(1<<20)); err != nil {
		t.Fatal(err)
	}
}

func TestDrainAndClose(t *testing.T) {
	if err := drainAndClose(nil); err != nil {
		t.Error(err)
	}
	tb := &trackedBody{r: strings.NewReader(strings.Repeat("x", 10<<10))}
	_ = drainAndClose(tb)
	if !tb.done() {
		t.Error("drainAndClose did not drain and close")
	}
	big := &trackedBody{r: strings.NewReader(strings.Repeat("x", 1<<20))}
	_ = drainAndClose(big)
	if !big.closed || big.r.Len() != 1<<20-maxDrain {
		t.Errorf("drainAndClose read %d bytes of a 1 MiB body, want exactly %d", 1<<20-big.r.Len(), maxDrain)
	}
}

// TestDecoderResponse: a decoder is given the status, request id, rate
// limit and body of the response, and its header without credentials; the
// rate-limit headers are read once per response, for the pacer, the
// decoder and ResponseInfo alike.
func TestDecoderResponse(t *testing.T) {
	hdr := http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"12"}, "Set-Cookie": {"s=1"}, "X-Request-Id": {"r-1"}}
	rec := &recorder{handle: always(200, hdr, `{"id":1}`)}
	api := testAPI(testBase)
	e, err := newEngine(api, HTTPClient(rec), AdaptiveRateLimit(sessionkit.Adaptive{}))
	if err != nil {
		t.Fatal(err)
	}
	var info sessionkit.ResponseInfo
	c, err := callOf(e, ResponseInfo(&info))
	if err != nil {
		t.Fatal(err)
	}
	var got Response
	var page *sessionkit.Page[string]
	err = c.Do(t.Context(), opFor("GET"), built(newRequest(t, e, "GET", "x", "", true)), func(r Response) error {
		got, page = r, NewPage(r, []string{"a"})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rl := sessionkit.RateLimit{Limit: 700, Remaining: 12, Present: true}
	safe := http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"12"}, "X-Request-Id": {"r-1"}}
	want := Response{StatusCode: 200, RequestID: "r-1", RateLimit: rl, Body: []byte(`{"id":1}`)}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(Response{}), cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".header" || p.Last().String() == ".sent" }, cmp.Ignore())); diff != "" {
		t.Errorf("decoder's Response (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(safe, got.Header()); diff != "" {
		t.Errorf("Response.Header (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&sessionkit.Page[string]{Items: []string{"a"}, RateLimit: rl, Header: safe}, page); diff != "" {
		t.Errorf("NewPage (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sessionkit.ResponseInfo{StatusCode: 200, RequestID: "r-1", RateLimit: rl, Attempts: 1, Header: safe}, info); diff != "" {
		t.Errorf("ResponseInfo (-want +got):\n%s", diff)
	}
}

// TestRateLimitReadOnceOnError: an error response's rate limit is read
// once, for the pacer and the *APIError.
func TestRateLimitReadOnceOnError(t *testing.T) {
	rec := &recorder{handle: always(404, http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"3"}}, `{"message":"gone"}`)}
	api := testAPI(testBase)
	e, err := newEngine(api, HTTPClient(rec), AdaptiveRateLimit(sessionkit.Adaptive{}))
	if err != nil {
		t.Fatal(err)
	}
	err = call(t, e, t.Context(), opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
	ae, ok := errors.AsType[*sessionkit.APIError](err)
	if !ok || ae.RateLimit != (sessionkit.RateLimit{Limit: 700, Remaining: 3, Present: true}) {
		t.Fatalf("err = %v, want an *APIError with the rate limit", err)
	}
}
