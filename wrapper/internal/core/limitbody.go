package core

import (
	"io"
)

// Body size limits.
const (
	// DefaultMaxResponseBytes is the default limit on a success body
	// (WithMaxResponseBytes changes it).
	DefaultMaxResponseBytes int64 = 32 << 20
	// maxDrain bounds how much of a discarded body is read so that its
	// connection can be reused; a longer body closes the connection instead.
	maxDrain = 64 << 10
)

// limitedBody reads at most limit bytes of a success body; a longer body
// makes Read fail with *ResponseTooLargeError instead of growing memory
// without bound. Close drains a bounded tail so the connection is reused.
type limitedBody struct {
	rc        io.ReadCloser
	limit     int64
	remaining int64
	err       error
}

func newLimitedBody(rc io.ReadCloser, limit int64) *limitedBody {
	if lb, ok := rc.(*limitedBody); ok && lb.limit == limit {
		return lb
	}
	return &limitedBody{rc: rc, limit: limit, remaining: limit}
}

func (l *limitedBody) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if l.remaining <= 0 {
		// At the limit: one more byte means the body is too large.
		var b [1]byte
		n, err := l.rc.Read(b[:])
		if n > 0 {
			l.err = &ResponseTooLargeError{Limit: l.limit}
			return 0, l.err
		}
		return 0, err
	}
	if int64(len(p)) > l.remaining {
		p = p[:l.remaining]
	}
	n, err := l.rc.Read(p)
	l.remaining -= int64(n)
	return n, err
}

func (l *limitedBody) Close() error {
	return drainAndClose(l.rc)
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
