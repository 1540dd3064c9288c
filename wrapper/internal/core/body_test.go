package core

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
)

// brokenReader returns data, then err.
type brokenReader struct {
	data string
	err  error
}

func (b *brokenReader) Read(p []byte) (int, error) {
	if b.data == "" {
		return 0, b.err
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	return n, nil
}

func TestReadBody(t *testing.T) {
	big := strings.Repeat("x", 10_000)
	tests := []struct {
		name    string
		body    io.Reader
		length  int64
		limit   int64
		want    string
		wantErr func(error) bool
	}{
		{"known length", strings.NewReader("hello"), 5, 100, "hello", nil},
		{"unknown length, one chunk", strings.NewReader("hello"), -1, 100, "hello", nil},
		{"unknown length, many chunks", strings.NewReader(big), -1, 100_000, big, nil},
		{"exactly the limit", strings.NewReader(big), -1, 10_000, big, nil},
		{"known length over the limit", strings.NewReader(big), 10_000, 100, "", isTooLarge},
		{"unknown length over the limit", strings.NewReader(big), -1, 9_999, "", isTooLarge},
		{"reset mid-body", &brokenReader{data: "{\"se", err: syscall.ECONNRESET}, -1, 100, "", func(err error) bool { return errors.Is(err, syscall.ECONNRESET) }},
		{"short body", strings.NewReader("abc"), 10, 100, "", func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{Body: io.NopCloser(tt.body), ContentLength: tt.length}
			got, err := readBody(resp, tt.limit)
			if tt.wantErr != nil {
				if err == nil || !tt.wantErr(err) {
					t.Fatalf("err = %v, want a matching error", err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("readBody = %d bytes, %v; want %d bytes", len(got), err, len(tt.want))
			}
		})
	}
}

func isTooLarge(err error) bool {
	var tl *tooLarge
	return errors.As(err, &tl)
}
