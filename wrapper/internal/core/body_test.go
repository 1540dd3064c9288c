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
	const hugeLen = 100_000 // over maxPrealloc: read in chunks
	huge := strings.Repeat("y", hugeLen)
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
		{"reset mid-body", &brokenReader{data: "{\"se", err: syscall.ECONNRESET}, -1, 100, "", isReset},
		{"short body", strings.NewReader("abc"), 10, 100, "", unexpectedEOF},
		{"empty body declared", strings.NewReader(""), 10, 100, "", unexpectedEOF},
		{"reset in a declared body", &brokenReader{data: "ab", err: syscall.ECONNRESET}, 10, 100, "", isReset},
		{"longer than declared", strings.NewReader("hello, world"), 5, 100, "hello", nil},
		{"declared exactly the limit", strings.NewReader(big), 10_000, 10_000, big, nil},
		{"reset right after a declared body", &brokenReader{data: "0123456789", err: syscall.ECONNRESET}, 10, 100, "", isReset},
		{"declared 0 is read to its end", strings.NewReader(big), 0, 100_000, big, nil},
		{"declared past one buffer", strings.NewReader(huge), hugeLen, 1 << 20, huge, nil},
		{"declared past one buffer, short", strings.NewReader(huge[:70_000]), hugeLen, 1 << 20, "", unexpectedEOF},
		{"declared past one buffer, longer", strings.NewReader(huge + "tail"), hugeLen, 1 << 20, huge, nil},
		{"declared past one buffer, reset after its end", &brokenReader{data: huge, err: syscall.ECONNRESET}, hugeLen, 1 << 20, "", isReset},
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

func unexpectedEOF(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }

func isReset(err error) bool { return errors.Is(err, syscall.ECONNRESET) }

// countingReader counts the bytes read from r.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestReadBodyStopsOneByteOverTheLimit: a body of unknown length over the
// limit is given up after exactly limit+1 bytes, whatever the chunk sizes
// (the first chunk aside, which is firstChunk long).
func TestReadBodyStopsOneByteOverTheLimit(t *testing.T) {
	for _, limit := range []int64{firstChunk - 1, firstChunk, 9_999, 100_000, 3 << 20} {
		body := &countingReader{r: strings.NewReader(strings.Repeat("z", 4<<20))}
		_, err := readBody(&http.Response{Body: io.NopCloser(body), ContentLength: -1}, limit)
		if !isTooLarge(err) || body.n != limit+1 {
			t.Errorf("limit %d: read %d bytes, err %v; want %d bytes and *tooLarge", limit, body.n, err, limit+1)
		}
	}
}

// TestReadBodyDeclaredIsOneAllocation: a body declared at most
// maxPrealloc long is read into one buffer, allocated once, and so is a
// short body of unknown length (a Doer's ContentLength 0 or -1), into one
// first chunk.
func TestReadBodyDeclaredIsOneAllocation(t *testing.T) {
	for _, tc := range []struct {
		n        int
		declared int64
	}{{1, 1}, {firstChunk + 1, firstChunk + 1}, {maxPrealloc, maxPrealloc}, {100, 0}, {100, -1}} {
		data := strings.Repeat("d", tc.n)
		r := strings.NewReader(data)
		resp := &http.Response{Body: io.NopCloser(r), ContentLength: tc.declared}
		var bad int
		allocs := testing.AllocsPerRun(10, func() {
			r.Reset(data)
			if got, err := readBody(resp, 1<<20); err != nil || string(got) != data {
				bad++
			}
		})
		if bad > 0 || allocs != 1 {
			t.Errorf("a body of %d bytes declared %d bytes long: %v allocations (%d bad reads), want 1", tc.n, tc.declared, allocs, bad)
		}
	}
}

// TestReadBodyLongerThanDeclared: of a body longer than it declared, one
// byte past the declared length is read, then at most maxDrain to reuse
// the connection.
func TestReadBodyLongerThanDeclared(t *testing.T) {
	for _, declared := range []int64{10, 100_000} { // one buffer, chunks
		body := &countingReader{r: strings.NewReader(strings.Repeat("w", 1<<20))}
		got, err := readBody(&http.Response{Body: io.NopCloser(body), ContentLength: declared}, 1<<20)
		if err != nil || int64(len(got)) != declared || body.n != declared+1+maxDrain {
			t.Errorf("declared %d: %d bytes, %v, after reading %d; want %d bytes after reading %d", declared, len(got), err, body.n, declared, declared+1+maxDrain)
		}
	}
}
