package core

import (
	"fmt"
	"io"
	"log/slog"
)

// redacted is what every secret-bearing value prints instead of its content.
const redacted = "[REDACTED]"

// Secret is a credential: an API token, a password, an OAuth access token or
// a game-server API key. It prints as [REDACTED] with every fmt verb
// (%v, %+v, %#v, %s, %q, %x, ...), in slog output and in JSON or text
// encodings, so a Secret can sit in a struct that is logged or printed
// without leaking. Reveal returns the real value; only the authenticators
// call it, when they set a request header.
type Secret string

// Reveal returns the secret's real value.
func (s Secret) Reveal() string { return string(s) }

// String returns "[REDACTED]".
func (s Secret) String() string { return redacted }

// GoString returns "[REDACTED]", so %#v redacts too.
func (s Secret) GoString() string { return redacted }

// Format writes "[REDACTED]" for every verb and flag.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redacted) }

// LogValue makes slog print "[REDACTED]".
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalText returns "[REDACTED]", so encoders that use text marshaling redact too.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// MarshalJSON returns the JSON string "[REDACTED]".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// FormatAs writes s for every verb: the Format methods of every redacting
// type (options, credentials) use it, so %+v and %#v never show a secret.
func FormatAs(f fmt.State, s string) { _, _ = io.WriteString(f, s) }
