// Package clip shortens text for errors and printed values, one way for
// the engine and the public types: at most a number of bytes, cut on a
// rune boundary, the cut marked with "…".
package clip

import (
	"strings"
	"unicode/utf8"
)

// Ellipsis marks a cut.
const Ellipsis = "…"

// Truncate cuts s to at most max bytes on a rune boundary, marking a cut
// with Ellipsis (counted in max), and repairs invalid UTF-8.
func Truncate(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= max {
		return s
	}
	cut := max - len(Ellipsis)
	if cut < 0 {
		cut = 0
	}
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + Ellipsis
}
