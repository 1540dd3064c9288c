package core

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestSecretFormatting(t *testing.T) {
	s := Secret("hunter2")
	wrapped := struct {
		Name  string
		Token Secret
	}{"n", s}
	outputs := []string{
		s.String(), s.GoString(),
		fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q %x %X %d %10s", s, s, s, s, s, s, s, s, s),
		fmt.Sprintf("%v %+v %#v", wrapped, wrapped, wrapped),
		fmt.Sprintf("%v", &wrapped),
	}
	j, err := json.Marshal(wrapped)
	if err != nil {
		t.Fatal(err)
	}
	outputs = append(outputs, string(j))
	var buf strings.Builder
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "token", s, "wrapped", wrapped)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "token", s, "wrapped", wrapped)
	outputs = append(outputs, buf.String())
	for _, out := range outputs {
		if strings.Contains(out, "hunter2") {
			t.Errorf("secret leaked: %s", out)
		}
	}
	if s.Reveal() != "hunter2" {
		t.Error("Reveal")
	}
}

func ExampleSecret() {
	key := Secret("0f1e2d3c-4b5a")
	fmt.Println(key)
	fmt.Printf("%#v %q\n", key, key)
	fmt.Println(len(key.Reveal()))
	// Output:
	// [REDACTED]
	// [REDACTED] [REDACTED]
	// 13
}
