package sessionkit

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"   ", 0, false},
		{"0", 0, true},
		{"1", time.Second, true},
		{" 93 ", 93 * time.Second, true},
		{"1.5", 1500 * time.Millisecond, true},
		{"-1", 0, false},
		{"+5", 0, false},
		{"1e3", 0, false},
		{"5s", 0, false},
		{".5", 0, false},
		{"5.", 0, false},
		{"1.2.3", 0, false},
		{"99999999999999999999", MaxRetryAfter, true},
		{"Fri, 01 May 2026 12:00:30 GMT", 30 * time.Second, true}, // RFC 1123
		{"Friday, 01-May-26 12:01:00 GMT", time.Minute, true},     // RFC 850
		{"Fri May  1 12:00:10 2026", 10 * time.Second, true},      // asctime
		{"Fri, 01 May 2026 11:00:00 GMT", 0, true},                // past
		{"Fri, 01 May 2099 11:00:00 GMT", MaxRetryAfter, true},    // clamped
		{"Fri, 01 May 2026 12:00:30 +0000", 0, false},             // not an HTTP date
		{"tomorrow", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseRetryAfter(tt.in, now)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestParseRetryAfterZeroNow(t *testing.T) {
	in := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	got, ok := ParseRetryAfter(in, time.Time{})
	if !ok || got <= 58*time.Minute || got > time.Hour {
		t.Errorf("ParseRetryAfter(%q, zero) = %v, %v; want about 1h", in, got, ok)
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "120", "1.5", "-3", "Wed, 21 Oct 2015 07:28:00 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994", "99999999999999999999999", "1." + strings.Repeat("9", 40), "\x00", "١٢"} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseRetryAfter(s, now)
		if d < 0 || d > MaxRetryAfter {
			t.Fatalf("ParseRetryAfter(%q) = %v out of [0, %v]", s, d, MaxRetryAfter)
		}
		if !ok && d != 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v with ok=false", s, d)
		}
	})
}

func ExampleParseRetryAfter() {
	now := time.Date(2015, 10, 21, 7, 28, 0, 0, time.UTC)
	for _, v := range []string{"120", "Wed, 21 Oct 2015 07:28:30 GMT", "soon"} {
		d, ok := ParseRetryAfter(v, now)
		fmt.Println(d, ok)
	}
	// Output:
	// 2m0s true
	// 30s true
	// 0s false
}
