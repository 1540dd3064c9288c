package gameserver_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/wrapper/gameserver"
)

func TestNewAPIError(t *testing.T) {
	resp := &http.Response{
		StatusCode: http.StatusNotFound,
		Header:     http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req-1"}},
		Body:       io.NopCloser(strings.NewReader(`{"message":"Session not found"}`)),
		Request:    &http.Request{Method: http.MethodGet},
	}
	err := error(gameserver.NewAPIError(resp))
	if !errors.Is(err, gameserver.ErrNotFound) {
		t.Errorf("errors.Is(%v, ErrNotFound) = false", err)
	}
	e, ok := errors.AsType[*gameserver.APIError](err)
	if !ok {
		t.Fatalf("%T is not a *APIError", err)
	}
	got := []any{e.StatusCode, e.Code, e.Message, e.RequestID}
	want := []any{404, "", "Session not found", "req-1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NewAPIError fields (-want +got):\n%s", diff)
	}
}
