package fakeapi

import "testing"

// Start builds a vendor server the way every NewServer does: it applies
// opts to a fresh configuration, builds the server for tb, and stops the
// test (see Must) when that fails.
func Start[C any, O ~func(*C), S any](tb testing.TB, opts []O, build func(testing.TB, *C) (S, error)) S {
	if tb != nil {
		tb.Helper()
	}
	s, err := build(tb, Apply(opts))
	Must(tb, err)
	return s
}

// Apply returns a new configuration with opts applied in order (nil ones
// skipped): what a vendor's Start builds its server from.
func Apply[C any, O ~func(*C)](opts []O) *C {
	c := new(C)
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
	return c
}
