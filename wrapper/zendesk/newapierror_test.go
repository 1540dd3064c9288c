package zendesk_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

func TestNewAPIError(t *testing.T) {
	resp := &http.Response{
		StatusCode: http.StatusNotFound,
		Header:     http.Header{"Content-Type": {"application/json"}, "X-Zendesk-Request-Id": {"req-1"}},
		Body:       io.NopCloser(strings.NewReader(`{"error":"RecordNotFound","description":"Not found"}`)),
		Request:    &http.Request{Method: http.MethodGet},
	}
	err := error(zendesk.NewAPIError(resp))
	if !errors.Is(err, zendesk.ErrNotFound) {
		t.Errorf("errors.Is(%v, ErrNotFound) = false", err)
	}
	e, ok := errors.AsType[*zendesk.APIError](err)
	if !ok {
		t.Fatalf("%T is not a *APIError", err)
	}
	got := []any{e.StatusCode, e.Code, e.Message, e.RequestID}
	want := []any{404, "RecordNotFound", "Not found", "req-1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NewAPIError fields (-want +got):\n%s", diff)
	}
}
