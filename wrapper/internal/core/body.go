package core

import (
	"io"
	"net/http"
)

// Body size limits.
const (
	// DefaultMaxResponseBytes is the default limit on a success body.
	DefaultMaxResponseBytes int64 = 32 << 20
	// maxErrorBody bounds APIError.Body.
	maxErrorBody = 64 << 10
	// maxDrain bounds how much of a discarded body is read so that its
	// connection can be reused; a longer body closes the connection.
	maxDrain = 64 << 10
	// maxExcerpt bounds DecodeError.Excerpt.
	maxExcerpt = 512
	// firstChunk and maxChunk size the chunks a body of unknown length is
	// read into.
	firstChunk = 4 << 10
	maxChunk   = 1 << 20
)

// tooLarge is the internal marker for a body over the limit.
type tooLarge struct{ limit int64 }

func (t *tooLarge) Error() string { return "response body too large" }

// readBody reads a success body whole, through limit, and closes it. A body
// of known length is read into one exact buffer; one of unknown length
// into growing chunks joined at the end, so a body over the limit never
// costs more than about the limit in memory. A read error (a reset, an
// early EOF) is returned as is: the caller treats it as a connection
// failure; a body over the limit gives *tooLarge.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	body := resp.Body
	if body == nil || body == http.NoBody {
		return nil, nil
	}
	if resp.ContentLength > limit {
		_ = body.Close() // not worth draining: the connection goes
		return nil, &tooLarge{limit}
	}
	if n := resp.ContentLength; n > 0 {
		// One byte more than declared, so that the read also sees the end
		// of the body: the connection then goes back to the pool without
		// a drain.
		buf := make([]byte, n+1)
		m, err := io.ReadFull(body, buf)
		switch {
		case int64(m) == n && (err == io.ErrUnexpectedEOF || err == io.EOF):
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
		if err == io.EOF {
			break
		}
		if err != nil {
			_ = body.Close()
			return nil, err
		}
		size = min(2*size, maxChunk, int(limit-total)+1)
	}
	_ = body.Close()
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
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
