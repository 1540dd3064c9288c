package fakeapi

import (
	"bytes"
	"net/http"
)

// capture is a ResponseWriter that keeps the response in memory, so that it
// can be validated before anything reaches the client.
type capture struct {
	header http.Header
	status int
	body   bytes.Buffer
	err    error // why a reply could not be written (see Send)
	bad    error // why the request's body did not decode (see Decode)
}

func newCapture() *capture { return &capture{header: make(http.Header)} }

func (c *capture) Header() http.Header { return c.header }

func (c *capture) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}

func (c *capture) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(p)
}

// flush logs the status of the captured response in entry, then sends the
// response to w: a client that has its answer finds it logged.
func (c *capture) flush(w http.ResponseWriter, entry logged) {
	h := w.Header()
	for k, vs := range c.header {
		h[k] = vs
	}
	status := c.status
	if status == 0 {
		status = http.StatusOK
	}
	entry.answered(status)
	w.WriteHeader(status)
	_, _ = w.Write(c.body.Bytes())
}
