package zendesk

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// TestGranted checks the lifetime a minted token is used for, from the
// expires_in of the answer, with 30 minutes asked for.
func TestGranted(t *testing.T) {
	c := &clientCredentials{clientID: "sync", lifetime: 30 * time.Minute}
	tests := []struct {
		expiresIn int
		want      time.Duration // 0: refused
	}{
		{0, 30 * time.Minute}, // none sent: the lifetime asked for
		{301, 301 * time.Second},
		{1799, 1799 * time.Second},
		{1800, 30 * time.Minute},
		{1801, 30 * time.Minute}, // never kept longer than asked
		{math.MaxInt, 30 * time.Minute},
		{300, 0},
		{1, 0},
		{-1800, 0},
	}
	for _, tt := range tests {
		got, err := c.granted(tt.expiresIn)
		if got != tt.want || (err != nil) != (tt.want == 0) {
			t.Errorf("granted(%d) = %s, %v; want %s", tt.expiresIn, got, err, tt.want)
		}
	}
}

// TestClientCredentialsString checks how the minter prints: every field
// but the secret, with every verb.
func TestClientCredentialsString(t *testing.T) {
	cc, err := newClientCredentials("sync", "s3cret", nil)
	if err != nil {
		t.Fatal(err)
	}
	cc.lifetime = 20 * time.Minute
	const want = `WithClientCredentials("sync", [REDACTED], "read write", expires_in=1200)`
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(verb, cc); got != want {
			t.Errorf("%s: %s, want %s", verb, got, want)
		}
	}
}
