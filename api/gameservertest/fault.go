package gameservertest

import (
	"github.com/sessionkit/sessions/api/apitest"
	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// AnyOperation, given as the operation of a fault, matches every operation.
const AnyOperation = apitest.AnyOperation

// Fault is a failure to inject into the answers to an operation, with
// [Server.InjectFault] or [WithFault]; an empty Body means the game server's own
// error body for Status. go doc github.com/sessionkit/sessions/api/apitest
// Fault shows every field.
type Fault = apitest.Fault

// InjectFault queues a fault for an operation: an Op constant (any spelling
// of the operationId: case, '-' and '_' do not matter) or AnyOperation. An
// unknown operation or a fault that does nothing is a mistake of the test,
// reported with Errorf (logged when the server has no testing.TB).
func (s *Server) InjectFault(operation string, f Fault) {
	s.base.InjectFault(operation, f)
}

// ClearFaults drops every pending fault: the real behaviour resumes.
func (s *Server) ClearFaults() { s.base.ClearFaults() }

// WithFault injects a fault for an operation (an Op constant or
// AnyOperation) from the start; see [Fault] and [Server.InjectFault].
func WithFault(operation string, f Fault) Option {
	return func(c *config) {
		c.shared.Faults = append(c.shared.Faults, fakeapi.OpFault{Operation: operation, Fault: f})
	}
}
