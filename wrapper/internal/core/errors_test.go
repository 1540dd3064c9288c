package core

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// TestNamed: named gives the API's name to the sessionkit errors in a
// chain that have none, and leaves a name already there.
func TestNamed(t *testing.T) {
	a := &API{Name: "test"}
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"invalid argument", &sessionkit.InvalidArgumentError{Name: "x"}, &sessionkit.InvalidArgumentError{API: "test", Name: "x"}},
		{"invalid argument named", &sessionkit.InvalidArgumentError{API: "other", Name: "x"}, &sessionkit.InvalidArgumentError{API: "other", Name: "x"}},
		{"too large", &sessionkit.ResponseTooLargeError{Limit: 5}, &sessionkit.ResponseTooLargeError{API: "test", Limit: 5}},
		{"too large named", &sessionkit.ResponseTooLargeError{API: "other", Limit: 5}, &sessionkit.ResponseTooLargeError{API: "other", Limit: 5}},
		{"redirect", &sessionkit.RedirectError{Location: "https://b.example"}, &sessionkit.RedirectError{API: "test", Location: "https://b.example"}},
		{"redirect named", &sessionkit.RedirectError{API: "other", Location: "https://b.example"}, &sessionkit.RedirectError{API: "other", Location: "https://b.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wrapped := fmt.Errorf("context: %w", tt.err)
			if got := a.named(wrapped); got != wrapped {
				t.Errorf("named returned %v, want its argument", got)
			}
			if diff := cmp.Diff(tt.want, tt.err); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if a.named(nil) != nil {
		t.Error("named(nil) != nil")
	}
}
