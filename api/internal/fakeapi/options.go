package fakeapi

import (
	"testing"
	"time"
)

// Sharer is a vendor package's configuration: it holds the shared Config.
type Sharer interface{ Shared() *Config }

// Start builds a vendor server the way every NewServer does: it applies the
// options to a fresh configuration, hands it tb, builds the server, and
// stops the test (see Must) when that fails.
func Start[C any, P interface {
	*C
	Sharer
}, O ~func(P), S any](tb testing.TB, opts []O, build func(P) (S, error)) S {
	if tb != nil {
		tb.Helper()
	}
	s, err := Build(tb, opts, build)
	Must(tb, err)
	return s
}

// Build applies opts to a new config of type C, hands it tb, and builds the
// server with build, returning its error: the vendor packages' Start, for
// use outside tests, where a bad option is an error and never a panic.
func Build[C any, P interface {
	*C
	Sharer
}, O ~func(P), S any](tb testing.TB, opts []O, build func(P) (S, error)) (S, error) {
	c := P(new(C))
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
	c.Shared().TB = tb
	return build(c)
}

// FaultOption is the body of the vendor packages' WithFault.
func FaultOption[C Sharer](operation string, f Fault) func(C) {
	return func(c C) {
		s := c.Shared()
		s.Faults = append(s.Faults, OpFault{Operation: operation, Fault: f})
	}
}

// ClockOption is the body of the vendor packages' WithClock.
func ClockOption[C Sharer](now func() time.Time) func(C) {
	return func(c C) { c.Shared().Now = now }
}

// NoNetworkOption is the body of the vendor packages' WithoutNetwork.
func NoNetworkOption[C Sharer]() func(C) {
	return func(c C) { c.Shared().NoNetwork = true }
}
