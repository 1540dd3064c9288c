package gameserver

import (
	"testing"
	"time"
)

func TestParseCreateTime(t *testing.T) {
	tests := []struct {
		in     string
		want   time.Time
		wantOK bool
	}{
		{"2024-05-26 12:00:45.831041", createTime, true},
		{"2024-05-26 12:00:45", time.Date(2024, 5, 26, 12, 0, 45, 0, time.UTC), true},
		{" 2024-05-26 12:00:45.831041 ", createTime, true},
		{"2024-05-26 12:00:45.831041+00:00", createTime, true},
		{"2024-05-26 14:00:45.831041+02:00", createTime, true},
		{"2024-05-26 12:00:45.831041+0000", createTime, true},
		{"2024-05-26T12:00:45.831041", createTime, true},
		{"2024-05-26T12:00:45.831041Z", createTime, true},
		{"2024-05-26T08:00:45.831041-04:00", createTime, true},
		{"2024-05-26T12:00:45Z", time.Date(2024, 5, 26, 12, 0, 45, 0, time.UTC), true},
		{"", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"2024-05-26", time.Time{}, false},
		{"1716724845", time.Time{}, false},
		{"2024-13-26 12:00:45", time.Time{}, false},
	}
	for _, tc := range tests {
		got, ok := parseCreateTime(tc.in)
		if ok != tc.wantOK || !got.Equal(tc.want) || (ok && got.Location() != time.UTC) {
			t.Errorf("parseCreateTime(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.wantOK)
		}
	}
}

// FuzzParseCreateTime feeds create_time values from the wire: the parser
// must never panic, must give UTC, and must read back what Python writes.
func FuzzParseCreateTime(f *testing.F) {
	for _, s := range []string{"2024-05-26 12:00:45.831041", "2024-05-26T12:00:45Z", "2024-05-26 12:00:45+05:30", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseCreateTime(s)
		if !ok {
			if !got.IsZero() {
				t.Errorf("parseCreateTime(%q) failed but gave %v", s, got)
			}
			return
		}
		if got.Location() != time.UTC {
			t.Errorf("parseCreateTime(%q) = %v, not UTC", s, got)
		}
		// Python's str(datetime) of the result parses back to it.
		python := got.Format("2006-01-02 15:04:05.000000")
		if again, ok := parseCreateTime(python); !ok || !again.Equal(got.Truncate(time.Microsecond)) {
			t.Errorf("round trip of %q through %q gave %v, %v", s, python, again, ok)
		}
	})
}
