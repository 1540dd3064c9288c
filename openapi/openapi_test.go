package openapi_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/sessionkit/sessions/openapi"
)

// TestDocuments checks that each function returns exactly the file it names
// and that callers get copies they may change.
func TestDocuments(t *testing.T) {
	tests := []struct {
		file string
		get  func() []byte
	}{
		{openapi.ZendeskFile, openapi.Zendesk},
		{openapi.GameserverFile, openapi.Gameserver},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			want, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			got := tt.get()
			if !bytes.Equal(got, want) {
				t.Fatalf("embedded document differs from %s (%d bytes, want %d)", tt.file, len(got), len(want))
			}
			got[0] ^= 0xff
			if again := tt.get(); !bytes.Equal(again, want) {
				t.Fatalf("changing the returned bytes changed the next result")
			}
		})
	}
}
