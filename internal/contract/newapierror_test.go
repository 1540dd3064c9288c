package contract_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestNewAPIError checks the constructor both wrappers export for users'
// own tests: it builds the same *APIError a real failure of that API gives.
func TestNewAPIError(t *testing.T) {
	tests := []struct {
		name     string
		build    func(*http.Response) *zendesk.APIError
		header   string
		body     string
		wantCode string
		wantMsg  string
	}{
		{"zendesk", zendesk.NewAPIError, "X-Zendesk-Request-Id", `{"error":"RecordNotFound","description":"Not found"}`, "RecordNotFound", "Not found"},
		{"gameserver", gameserver.NewAPIError, "X-Request-Id", `{"message":"Session not found"}`, "", "Session not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{
				StatusCode: http.StatusNotFound,
				Header:     http.Header{"Content-Type": {"application/json"}, tt.header: {"req-1"}},
				Body:       io.NopCloser(strings.NewReader(tt.body)),
				Request:    &http.Request{Method: http.MethodGet},
			}
			err := error(tt.build(resp))
			if !errors.Is(err, gameserver.ErrNotFound) || !errors.Is(err, zendesk.ErrNotFound) {
				t.Errorf("errors.Is(%v, ErrNotFound) = false", err)
			}
			e, _ := errors.AsType[*zendesk.APIError](err)
			got := []any{e.StatusCode, e.Code, e.Message, e.RequestID}
			want := []any{404, tt.wantCode, tt.wantMsg, "req-1"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("NewAPIError fields (-want +got):\n%s", diff)
			}
		})
	}
}
