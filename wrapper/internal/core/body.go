package core

import (
	"io"
	"net/http"
)

// Body size limits.
const (
	defaultMaxResponseBytes int64 = 32 << 20 // a success body's, by default
	maxErrorBody                  = 64 << 10 // APIError.Body
	maxDrain                      = 64 << 10 // of a discarded body, to reuse its connection
	maxExcerpt                    = 512      // DecodeError.Excerpt
	maxPrealloc                   = 64 << 10 // the longest declared body read into one buffer
	firstChunk                    = 4 << 10  // any other body is read in chunks from firstChunk
	maxChunk                      = 1 << 20  // doubling up to maxChunk
)

// tooLarge is the internal marker for a body over the limit.
type tooLarge struct{ limit int64 }

func (t *tooLarge) Error() string { return "response body too large" }

// readBody reads a success body whole, through limit, and closes it.
// Memory follows the bytes received, never what Content-Length announces:
// a body declared at most maxPrealloc long is read into one buffer with a
// spare byte (to see its end, so the connection is reused without a
// drain), any other into chunks each allocated once the previous one is
// full. A read error (a reset, an early EOF) is returned as is.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	body := resp.Body
	if body == nil || body == http.NoBody {
		return nil, nil
	}
	declared := resp.ContentLength
	if declared > limit {
		_ = body.Close() // not worth draining: the connection goes
		return nil, &tooLarge{limit}
	}
	var (
		small  [4][]byte // chunks' first backing array, on the stack (-race too)
		chunks = small[:0]
		total  int64
		size   = firstChunk
	)
	if declared > 0 && declared <= maxPrealloc {
		size = int(declared) + 1
	}
	for {
		chunk := make([]byte, size)
		n, err := readFull(body, chunk)
		chunks = append(chunks, chunk[:n])
		total += int64(n)
		if total > limit {
			_ = body.Close()
			return nil, &tooLarge{limit}
		}
		if declared > 0 && total > declared { // a Doer whose body is longer than it declared
			_ = drainAndClose(body)
			return join(chunks, total)[:declared], nil
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			_ = body.Close()
			return nil, err
		}
		size = int(min(2*int64(size), maxChunk, limit-total+1))
		if declared > 0 {
			size = int(min(int64(size), declared-total+1))
		}
	}
	_ = body.Close()
	if total < declared { // declared > 0: a body that ended early
		return nil, io.ErrUnexpectedEOF
	}
	return join(chunks, total), nil
}

// join returns chunks (total bytes in all) as one slice.
func join(chunks [][]byte, total int64) []byte {
	if len(chunks) == 1 {
		return chunks[0]
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out
}

// readFull fills p from r, returning io.EOF when r ended first: unlike
// io.ReadFull's, r's own io.ErrUnexpectedEOF (a truncated body) stays one.
func readFull(r io.Reader, p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := r.Read(p[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// drainAndClose reads at most maxDrain of rc, to reuse its connection, and closes it.
func drainAndClose(rc io.ReadCloser) error {
	if rc == nil {
		return nil
	}
	_, _ = io.CopyN(io.Discard, rc, maxDrain)
	return rc.Close()
}
