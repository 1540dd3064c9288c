package fakeapi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// errDropped is what the in-process client returns for a dropped connection.
var errDropped = fmt.Errorf("fakeapi: the server dropped the connection: %w", io.ErrUnexpectedEOF)

// errClosed is what the in-process client returns once the server is closed.
var errClosed = errors.New("fakeapi: the server is closed")

// inProcess is the RoundTripper of a server without network: it calls the
// server's handler on the caller's goroutine and starts none of its own.
type inProcess struct{ s *Server }

func (t *inProcess) RoundTrip(req *http.Request) (*http.Response, error) {
	s := t.s
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		closeBody(req)
		return nil, errClosed
	}
	s.inflight.Add(1)
	s.mu.Unlock()
	defer s.inflight.Done()

	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		closeBody(req)
		if err != nil {
			return nil, fmt.Errorf("fakeapi: reading the request body: %w", err)
		}
		body = b
	}
	in := req.Clone(req.Context())
	in.Body = io.NopCloser(bytes.NewReader(body))
	in.ContentLength = int64(len(body))
	in.RequestURI = req.URL.RequestURI()
	in.RemoteAddr = "127.0.0.1:1"
	if in.Host == "" {
		in.Host = req.URL.Host
	}
	w := &memWriter{capture: newCapture()}
	s.serve(w, in)
	if w.dropped {
		return nil, errDropped
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	return &http.Response{
		Status:        strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.header,
		Body:          io.NopCloser(bytes.NewReader(w.body.Bytes())),
		ContentLength: int64(w.body.Len()),
		Request:       req,
	}, nil
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// memWriter is the in-process transport's ResponseWriter.
type memWriter struct {
	*capture
	dropped bool
}

func (w *memWriter) drop() { w.dropped = true }
