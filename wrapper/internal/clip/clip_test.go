package clip

import (
	"testing"
	"unicode/utf8"
)

// TestTruncate checks the cut: within max bytes, ellipsis included, on a
// rune boundary, invalid UTF-8 repaired, short text untouched.
func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"abcdefghijk", 10, "abcdefg…"},
		{"ééééééé", 8, "éé…"}, // each é is 2 bytes: no half rune
		{"a\xffb", 10, "a\uFFFDb"},
		{"abcdef", 2, "…"},
		{"", 0, ""},
	}
	for _, tt := range tests {
		got := Truncate(tt.s, tt.max)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
		if !utf8.ValidString(got) || (len(got) > tt.max && got != Ellipsis) {
			t.Errorf("Truncate(%q, %d) = %q: invalid or too long", tt.s, tt.max, got)
		}
	}
}
