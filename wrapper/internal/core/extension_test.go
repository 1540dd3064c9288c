package core

import (
	"context"
	"fmt"
	"testing"
)

type extKey struct{}

type otherExtKey struct{}

func TestExtension(t *testing.T) {
	opts := []Option{
		nil,
		Extension("first", extKey{}, 1),
		WithoutRetries(),
		Extension("wrong type", extKey{}, "one"),
		Extension("other key", otherExtKey{}, 9),
		Extension("last", extKey{}, 2),
	}
	if v, ok := ExtensionValue[int](opts, extKey{}); !ok || v != 2 {
		t.Errorf("ExtensionValue = %d, %v; want 2, true", v, ok)
	}
	if v, ok := ExtensionValue[int](opts[:3], otherExtKey{}); ok || v != 0 {
		t.Errorf("ExtensionValue of absent key = %d, %v; want 0, false", v, ok)
	}
	// The engine accepts and ignores extensions, per client and per call.
	e, err := NewEngine(Settings{DefaultBaseURL: "https://api.example"}, opts...)
	if err != nil {
		t.Fatalf("NewEngine: %v", err)
	}
	if _, err := e.Prepare(context.Background(), opts...); err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(verb, opts[1]); got != "first" {
			t.Errorf("%s of an extension = %q, want %q", verb, got, "first")
		}
	}
}
