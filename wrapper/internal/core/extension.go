package core

import (
	"fmt"
	"log/slog"
)

// Extension returns an Option that the engine ignores and a wrapper reads
// back with ExtensionValue: a wrapper's own setting (the game server's "wait
// until ready" on Create, its polling interval) that travels in the same
// ...Option list as the engine's options, per client or per call. key
// identifies the setting (use an unexported type, as with context keys);
// desc is what the option prints as and must hold no secret.
func Extension(desc string, key, value any) Option {
	return &extension{desc: desc, key: key, value: value}
}

// ExtensionValue returns the value of the last extension option in opts
// whose key is key and whose value is a T; ok is false when there is none.
// Nil options and the engine's own options are skipped.
func ExtensionValue[T any](opts []Option, key any) (v T, ok bool) {
	for _, o := range opts {
		e, isExt := o.(*extension)
		if !isExt || e == nil || e.key != key {
			continue
		}
		if t, isT := e.value.(T); isT {
			v, ok = t, true
		}
	}
	return v, ok
}

// extension is the Option behind Extension: apply does nothing, so NewEngine
// and Prepare accept it and leave it to the wrapper.
type extension struct {
	desc       string
	key, value any
}

func (e *extension) apply(*config, bool) error { return nil }

func (e *extension) String() string {
	if e == nil {
		return "core.Option(nil)"
	}
	return e.desc
}
func (e *extension) GoString() string           { return e.String() }
func (e *extension) Format(f fmt.State, _ rune) { formatAs(f, e.String()) }
func (e *extension) LogValue() slog.Value       { return slog.StringValue(e.String()) }
