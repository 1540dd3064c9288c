package gameservertest

import (
	"testing"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// TestConstantsMatchTheSharedServer checks the constants this package spells
// out for go doc against the shared server's, which give them their meaning.
func TestConstantsMatchTheSharedServer(t *testing.T) {
	if AnyOperation != fakeapi.AnyOperation {
		t.Errorf("AnyOperation = %q, the shared server's is %q", AnyOperation, fakeapi.AnyOperation)
	}
	if RequestLogLimit != fakeapi.RequestLogLimit {
		t.Errorf("RequestLogLimit = %d, the shared server's is %d", RequestLogLimit, fakeapi.RequestLogLimit)
	}
}
