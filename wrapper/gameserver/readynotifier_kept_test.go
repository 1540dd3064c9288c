package gameserver

import (
	"strings"
	"testing"
)

// TestKeptText checks what a notifier keeps of a text field: all of it up
// to maxKeptTextLen bytes, else a cut at a UTF-8 boundary, and nothing of
// bytes that hold no boundary at all.
func TestKeptText(t *testing.T) {
	long := strings.Repeat("a", maxKeptTextLen)
	tests := []struct{ in, want string }{
		{"", ""},
		{long, long},
		{long + "b", long},
		{long[1:] + "é", long[1:]}, // the cut would split é
		{strings.Repeat("\x80", 2*maxKeptTextLen), ""},
	}
	for _, tt := range tests {
		if got := keptText(tt.in); got != tt.want {
			t.Errorf("keptText(%.20q… %d bytes) = %.20q… %d bytes, want %d bytes", tt.in, len(tt.in), got, len(got), len(tt.want))
		}
	}
}
