package faults

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a test leaves a goroutine behind: a
// server, a stalled connection, a client's transport.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
