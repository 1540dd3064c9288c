package fakeapi_test

import (
	"testing"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// TestVendorConstants checks the constants the vendor packages spell out for
// go doc against the shared server's, which give them their meaning.
func TestVendorConstants(t *testing.T) {
	tests := []struct {
		pkg          string
		anyOperation string
		logLimit     int
	}{
		{"zendesktest", zendesktest.AnyOperation, zendesktest.RequestLogLimit},
		{"gameservertest", gameservertest.AnyOperation, gameservertest.RequestLogLimit},
	}
	for _, tt := range tests {
		if tt.anyOperation != fakeapi.AnyOperation {
			t.Errorf("%s.AnyOperation = %q, the shared server's is %q", tt.pkg, tt.anyOperation, fakeapi.AnyOperation)
		}
		if tt.logLimit != fakeapi.RequestLogLimit {
			t.Errorf("%s.RequestLogLimit = %d, the shared server's is %d", tt.pkg, tt.logLimit, fakeapi.RequestLogLimit)
		}
	}
}
