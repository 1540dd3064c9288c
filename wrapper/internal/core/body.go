package core

import (
	"io"
	"net/http"
)

// Body size limits.
const (
	// defaultMaxResponseBytes is the default limit on a success body.
	defaultMaxResponseBytes int64 = 32 << 20
	// maxErrorBody bounds APIError.Body.
	maxErrorBody = 64 << 10
	// maxDrain bounds how much of a discarded body is read so that its
	// connection can be reused; a longer body closes the connection.
	maxDrain = 64 << 10
	// maxExcerpt bounds DecodeError.Excerpt.
	maxExcerpt = 512
	// maxPrealloc is the longest declared body read into one buffer
	// allocated before any byte arrives.
	maxPrealloc = 64 << 10
	// firstChunk and maxChunk size the chunks any other body is read into.
	firstChunk = 4 << 10
	maxChunk   = 1 << 20
)

// tooLarge is the internal marker for a body over the limit.
type tooLarge struct{ limit int64 }

func (t *tooLarge) Error() string { return "response body too large" }

// readBody reads a success body whole, through limit, and closes it.
// Memory follows the bytes received, never what Content-Length announces:
// a body declared at most maxPrealloc long is read into one exact buffer
// (with one spare byte, so that the read also sees its end and the
// connection goes back to the pool without a drain); any other body into
// chunks that double from firstChunk up to maxChunk, each allocated only
// once the previous one is full, joined at the end. A body over the limit
// thus never costs more than about the limit, and a server that announces
// 32 MiB and stalls costs one small chunk. A read error (a reset, an early
// EOF) is returned as is: the caller treats it as a connection failure; a
// body over the limit gives *tooLarge.
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
	if declared > 0 && declared <= maxPrealloc {
		return readDeclared(body, declared)
	}
	var (
		chunks [][]byte
		total  int64
		size   = firstChunk
	)
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

// readDeclared reads a body of declared length n (small: see readBody)
// into one buffer, with one spare byte to see its end.
func readDeclared(body io.ReadCloser, n int64) ([]byte, error) {
	buf := make([]byte, n+1)
	m, err := io.ReadFull(body, buf)
	switch {
	case int64(m) == n && err == io.ErrUnexpectedEOF: // (never io.EOF: m > 0)
		_ = body.Close()
		return buf[:n], nil
	case err == nil: // a Doer whose body is longer than it declared
		_ = drainAndClose(body)
		return buf[:n], nil
	}
	_ = body.Close()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return nil, err
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

// readFull fills p from r; it returns io.EOF when r ended (p may be
// partly filled), nil when p is full, or r's error.
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

// drainAndClose reads at most 64 KiB of rc, so a short body's connection
// goes back to the pool, and closes it.
func drainAndClose(rc io.ReadCloser) error {
	if rc == nil {
		return nil
	}
	_, _ = io.CopyN(io.Discard, rc, maxDrain)
	return rc.Close()
}

// closeRequestBody closes a request body the engine will not send, as
// http.Client.Do would.
func closeRequestBody(req *http.Request) {
	if req != nil && req.Body != nil && req.Body != http.NoBody {
		_ = req.Body.Close()
	}
}
