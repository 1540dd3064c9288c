package faults

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
)

// A Step is a Handler used as one answer of a scripted sequence (see
// Script): it writes a response, or misbehaves, for one request.
type Step = Handler

// Head returns the status line and header block of a response with the
// given status, header and Content-Length (negative: none).
func Head(status int, header http.Header, contentLength int64) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	h := header.Clone()
	if h == nil {
		h = http.Header{}
	}
	if contentLength >= 0 {
		h.Set("Content-Length", strconv.FormatInt(contentLength, 10))
	}
	_ = h.Write(&b)
	b.WriteString("\r\n")
	return b.Bytes()
}

// Full returns the bytes of a complete response with body.
func Full(status int, header http.Header, body string) []byte {
	if status == http.StatusNoContent || status == http.StatusNotModified {
		return Head(status, header, -1)
	}
	return append(Head(status, header, int64(len(body))), body...)
}

// Respond answers with a complete, well-formed response.
func Respond(status int, header http.Header, body string) Step {
	raw := Full(status, header, body)
	return func(c *Conn, _ *Request) bool {
		_, err := c.Write(raw)
		return err == nil
	}
}

// Reset resets the connection (TCP RST) before writing any byte.
func Reset() Step {
	return func(c *Conn, _ *Request) bool {
		c.reset()
		return false
	}
}

// ResetAfter writes the first n bytes of raw, then resets the connection.
func ResetAfter(raw []byte, n int) Step {
	return func(c *Conn, _ *Request) bool {
		_, _ = c.Write(raw[:n])
		c.reset()
		return false
	}
}

// CloseAfter writes the first n bytes of raw, then closes the connection
// cleanly (FIN): the client sees an unexpected EOF.
func CloseAfter(raw []byte, n int) Step {
	return func(c *Conn, _ *Request) bool {
		_, _ = c.Write(raw[:n])
		return false
	}
}

// StallAfter writes the first n bytes of raw, then writes nothing more
// until the client closes the connection or the server closes.
func StallAfter(raw []byte, n int) Step {
	return func(c *Conn, _ *Request) bool {
		if _, err := c.Write(raw[:n]); err != nil {
			return false
		}
		_, _ = io.Copy(io.Discard, c.Conn)
		return false
	}
}

// Stream answers with status and header and a body of exactly size bytes,
// generated while it is written, never held in memory: prefix, then item
// repeated (separated by commas), then spaces, then suffix. With a JSON
// prefix `{"sessions":[`, an object as item and `]}` as suffix, the body
// is valid JSON of any size. Writing stops when the client goes away.
func Stream(status int, header http.Header, prefix, item, suffix string, size int64) Step {
	return func(c *Conn, _ *Request) bool {
		if _, err := c.Write(Head(status, header, size)); err != nil {
			return false
		}
		return writeStream(c, prefix, item, suffix, size) == nil
	}
}

func writeStream(w io.Writer, prefix, item, suffix string, size int64) error {
	fixed := int64(len(prefix) + len(suffix))
	if size < fixed {
		return fmt.Errorf("faults: stream of %d bytes cannot hold its prefix and suffix", size)
	}
	if _, err := io.WriteString(w, prefix); err != nil {
		return err
	}
	left := size - fixed
	// One chunk of whole ", item" repetitions, written over and over.
	var chunk []byte
	first := true
	for len(chunk) < 32<<10 {
		if !first {
			chunk = append(chunk, ',')
		}
		chunk = append(chunk, item...)
		first = false
	}
	rest := append([]byte{','}, chunk...)
	for left > 0 && int64(len(chunk)) <= left {
		if _, err := w.Write(chunk); err != nil {
			return err
		}
		left -= int64(len(chunk))
		chunk = rest
	}
	pad := bytes.Repeat([]byte{' '}, 32<<10)
	for left > 0 {
		n := min(left, int64(len(pad)))
		if _, err := w.Write(pad[:n]); err != nil {
			return err
		}
		left -= n
	}
	_, err := io.WriteString(w, suffix)
	return err
}

// reset closes the connection with a TCP RST instead of a FIN.
func (c *Conn) reset() {
	if tc, ok := c.Conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = c.Close()
}

// Sequence answers the n-th request it sees with steps[n-1]; once the
// steps are used up, the last one answers every further request.
func Sequence(steps ...Step) Step {
	var mu sync.Mutex
	n := 0
	return func(c *Conn, r *Request) bool {
		mu.Lock()
		s := steps[min(n, len(steps)-1)]
		n++
		mu.Unlock()
		return s(c, r)
	}
}

// BreakFirst answers the first breaks requests with the response of
// status, header and body broken off and the connection reset — halfway
// through the body when there is one, before any byte otherwise — and
// every later request with the whole response.
func BreakFirst(breaks, status int, header http.Header, body string) Step {
	raw := Full(status, header, body)
	broken := Reset()
	if body != "" {
		broken = ResetAfter(raw, len(raw)-len(body)+len(body)/2)
	}
	steps := make([]Step, 0, breaks+1)
	for range breaks {
		steps = append(steps, broken)
	}
	return Sequence(append(steps, Respond(status, header, body))...)
}
