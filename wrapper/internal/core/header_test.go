package core

import "testing"

func TestValidHeaderValue(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"", true},
		{"Bearer abc", true},
		{"a\tb", true},
		{"~!caf\xc3\xa9\x80", true}, // bytes over 0x7f are not control characters
		{"a\x1fb", false},
		{"a\x00b", false},
		{"a\r\nb", false},
		{"a\x7fb", false},
	}
	for _, tt := range tests {
		if got := validHeaderValue(tt.v); got != tt.want {
			t.Errorf("validHeaderValue(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}
