package core

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestOptionWhere: an option given where it has no meaning is an
// *InvalidArgumentError naming it and the API; the zero Option does
// nothing anywhere.
func TestOptionWhere(t *testing.T) {
	tests := []struct {
		name   string
		opt    Option
		call   bool
		reason string // "" means accepted
	}{
		{"client option to a client", RateLimit(10), false, ""},
		{"client option to a call", RateLimit(10), true, "is a client option: give it to NewClient, not to a call"},
		{"credentials to a call", Auth("WithAPIToken", StaticHeader("Authorization", "token", "k")), true, "is a client option: give it to NewClient, not to a call"},
		{"call option to a client", ResponseInfo(&sessionkit.ResponseInfo{}), false, "is a per-call option: give it to a call, not to NewClient"},
		{"call option to a call", ResponseInfo(&sessionkit.ResponseInfo{}), true, ""},
		{"shared option to a call", NoRetries(), true, ""},
		{"zero option to a client", Option{}, false, ""},
		{"zero option to a call", Option{}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSettings(API{Name: "test", DefaultBaseURL: testBase})
			s.call = tt.call
			err := tt.opt.Apply(&s)
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("Apply: %v", err)
				}
				return
			}
			want := &sessionkit.InvalidArgumentError{API: "test", Name: tt.opt.Name(), Reason: tt.reason}
			if diff := cmp.Diff(want, err); diff != "" || !errors.Is(err, sessionkit.ErrInvalidArgument) {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
		})
	}
	if got := Header("X-Key", "secret").Name(); got != "WithHeader" {
		t.Errorf("Name = %q, want WithHeader", got)
	}
}
