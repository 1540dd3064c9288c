package sessionkit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestAPIErrorIs(t *testing.T) {
	sentinels := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrGone, ErrUnprocessable, ErrRateLimited, ErrServer}
	tests := []struct {
		status int
		want   error
	}{
		{400, ErrBadRequest}, {401, ErrUnauthorized}, {403, ErrForbidden}, {404, ErrNotFound},
		{409, ErrConflict}, {410, ErrGone}, {422, ErrUnprocessable}, {429, ErrRateLimited},
		{500, ErrServer}, {502, ErrServer}, {503, ErrServer}, {504, ErrServer}, {599, ErrServer},
		{405, nil}, {408, nil}, {418, nil}, {302, nil}, {0, nil}, {600, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", &APIError{StatusCode: tt.status})
			for _, s := range sentinels {
				if got := errors.Is(err, s); got != (s == tt.want) {
					t.Errorf("errors.Is(%d, %v) = %v", tt.status, s, got)
				}
			}
			if errors.Is(err, context.Canceled) || errors.Is(err, ErrConnection) || errors.Is(err, ErrInvalidArgument) {
				t.Error("matches an unrelated sentinel")
			}
		})
	}
}

func TestInvalidArgumentError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&InvalidArgumentError{Name: "sessionID", Reason: "must not be empty"}, "sessionkit: invalid sessionID: must not be empty"},
		{&InvalidArgumentError{API: "zendesk", Name: "sessionID", Reason: "must not be empty"}, "zendesk: invalid sessionID: must not be empty"},
		{&InvalidArgumentError{API: "gameserver", Name: "userID", Value: int64(0), Reason: "must be > 0"}, "gameserver: invalid userID 0: must be > 0"},
		{&InvalidArgumentError{Name: "app name", Value: "a\nb", Reason: "bad"}, `sessionkit: invalid app name "a\nb": bad`},
		{&InvalidArgumentError{Name: "app name", Value: strings.Repeat("x", 100), Reason: "bad"}, `sessionkit: invalid app name "` + strings.Repeat("x", 77) + `…": bad`}, // 80 bytes with the ellipsis,
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, ErrInvalidArgument) {
			t.Errorf("%v does not match ErrInvalidArgument", tt.err)
		}
	}
}

// TestNilErrors: a nil pointer of every error type prints and matches
// without panicking.
func TestNilErrors(t *testing.T) {
	var (
		ae *APIError
		ce *ConnectionError
		re *RedirectError
		ie *InvalidArgumentError
		de *DecodeError
		te *ResponseTooLargeError
	)
	for _, err := range []error{ae, ce, re, ie, de, te} {
		if msg := err.Error(); !strings.HasPrefix(msg, "sessionkit: ") {
			t.Errorf("%T(nil).Error() = %q", err, msg)
		}
	}
	if ae.Is(ErrServer) || ce.Unwrap() != nil || de.Unwrap() != nil {
		t.Error("nil receivers match or unwrap")
	}
}
