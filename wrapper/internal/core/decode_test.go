package core

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestDecodeJSON(t *testing.T) {
	type session struct {
		ID int64 `json:"id"`
	}
	tests := []struct {
		name      string
		resp      *http.Response
		wantID    int64
		wantErrAs any // pointer to an error type the error must match
		wantIs    error
	}{
		{name: "ok", resp: &http.Response{StatusCode: 200, Body: body(`{"id":42}`)}, wantID: 42},
		{name: "not json", resp: &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/html"}}, Body: body(`<html>oops</html>`)}, wantErrAs: new(*DecodeError)},
		{name: "empty", resp: &http.Response{StatusCode: 200, Body: body(``)}, wantErrAs: new(*DecodeError)},
		{name: "nil body", resp: &http.Response{StatusCode: 200}, wantErrAs: new(*DecodeError)},
		{name: "wrong type", resp: &http.Response{StatusCode: 200, Body: body(`{"id":"x"}`)}, wantErrAs: new(*DecodeError)},
		{name: "error status", resp: &http.Response{StatusCode: 404, Body: body(`{"message":"gone"}`)}, wantIs: ErrNotFound},
		{name: "nil response", resp: nil, wantIs: ErrInvalidArgument},
		{name: "too large", resp: &http.Response{StatusCode: 200, Body: newLimitedBody(body(`{"id":1234567890}`), 5)}, wantErrAs: new(*ResponseTooLargeError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s session
			err := DecodeJSON(tt.resp, &s)
			switch {
			case tt.wantErrAs != nil:
				if err == nil || !errors.As(err, tt.wantErrAs) {
					t.Fatalf("err = %v, want %T", err, tt.wantErrAs)
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
		})
	}
}

func TestDecodeErrorMessage(t *testing.T) {
	resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/html"}}, Body: body("<html>\n" + strings.Repeat("x", 2000))}
	err := DecodeJSON(resp, new(map[string]any))
	de, ok := errors.AsType[*DecodeError](err)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	if de.StatusCode != 200 || de.ContentType != "text/html" || len(de.Excerpt) > maxExcerpt || !strings.HasPrefix(de.Excerpt, "<html> xxx") {
		t.Errorf("DecodeError = %+v", de)
	}
	if !strings.HasPrefix(err.Error(), "sessions: cannot decode 200 response (text/html): invalid character '<'") {
		t.Errorf("Error() = %q", err.Error())
	}
	var syntax interface{ Error() string }
	if errors.Unwrap(err) == nil || !errors.As(err, &syntax) {
		t.Error("DecodeError does not unwrap")
	}
}

func TestLimitedBody(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		limit   int64
		wantErr bool
	}{
		{"under", "abc", 5, false},
		{"exactly", "abcde", 5, false},
		{"over by one", "abcdef", 5, true},
		{"way over", strings.Repeat("x", 1<<20), 1000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &trackedBody{r: strings.NewReader(tt.body)}
			lb := newLimitedBody(tb, tt.limit)
			got, err := io.ReadAll(lb)
			var tooLarge *ResponseTooLargeError
			if tt.wantErr {
				if !errors.As(err, &tooLarge) || tooLarge.Limit != tt.limit {
					t.Fatalf("err = %v", err)
				}
				if int64(len(got)) != tt.limit {
					t.Errorf("read %d bytes before failing, want %d", len(got), tt.limit)
				}
				if _, err2 := lb.Read(make([]byte, 1)); !errors.As(err2, &tooLarge) {
					t.Errorf("error not sticky: %v", err2)
				}
			} else if err != nil || string(got) != tt.body {
				t.Fatalf("got %q, %v", got, err)
			}
			_ = lb.Close()
			if !tb.closed {
				t.Error("not closed")
			}
		})
	}
}

func TestDiscard(t *testing.T) {
	Discard(nil)
	Discard(&http.Response{})
	tb := &trackedBody{r: strings.NewReader(strings.Repeat("x", 10<<10))}
	Discard(&http.Response{Body: tb})
	if !tb.done() {
		t.Error("Discard did not drain and close")
	}
	big := &trackedBody{r: strings.NewReader(strings.Repeat("x", 1<<20))}
	Discard(&http.Response{Body: big})
	if !big.closed || big.r.Len() != 1<<20-maxDrain {
		t.Errorf("Discard read %d bytes of a 1 MiB body, want exactly %d", 1<<20-big.r.Len(), maxDrain)
	}
}

func TestResponseSizeLimitThroughEngine(t *testing.T) {
	rec := &recorder{handle: always(200, nil, `{"data":"`+strings.Repeat("x", 4096)+`"}`)}
	e := testEngine(t, rec, WithMaxResponseBytes(1024))
	resp, err := e.Do(newRequest(t, t.Context(), e, "GET", "/x", "", true))
	if err != nil {
		t.Fatal(err)
	}
	err = DecodeJSON(resp, new(map[string]string))
	if _, ok := errors.AsType[*ResponseTooLargeError](err); !ok {
		t.Fatalf("err = %v, want *ResponseTooLargeError", err)
	}
	if !strings.Contains(err.Error(), "WithMaxResponseBytes") {
		t.Errorf("error does not say how to raise the limit: %v", err)
	}

	// A per-call limit overrides the client's.
	ctx, err := e.Prepare(t.Context(), WithMaxResponseBytes(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	resp, err = e.Do(newRequest(t, ctx, e, "GET", "/x", "", true))
	if err != nil {
		t.Fatal(err)
	}
	if err := DecodeJSON(resp, new(map[string]string)); err != nil {
		t.Fatal(err)
	}
}

func body(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }
