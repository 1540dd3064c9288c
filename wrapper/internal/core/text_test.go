package core

import (
	"strings"
	"testing"
)

func TestOneLine(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"", 10, ""},
		{"req-1", 10, "req-1"},
		{"a b", 10, "a b"},
		{" a", 10, "a"},
		{"a ", 10, "a"},
		{"a  b", 10, "a b"},
		{"a\tb\nc", 10, "a b c"},
		{"a\u2028b", 10, "a b"},
		{"caf\xe9", 10, "caf\uFFFD"},
		{"é", 10, "é"},
		{"~!", 10, "~!"},
		{"a\x7fb", 10, "a b"},
		{"abcdefghijk", 10, "abcdefg…"},
		{"abcdefghij", 10, "abcdefghij"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in, tt.max); got != tt.want {
			t.Errorf("oneLine(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestOneLinePlainAllocatesNothing(t *testing.T) {
	for _, s := range []string{"f1e2d3c4-request-id", "Not Found", "a~b!", strings.Repeat("x", 128)} {
		if n := testing.AllocsPerRun(100, func() { _ = oneLine(s, 128) }); n != 0 {
			t.Errorf("oneLine(%q, 128) allocates %v times, want 0", s, n)
		}
	}
}
