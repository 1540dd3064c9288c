package fakeapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Problem codes passed to [API.Problem].
const (
	CodeInvalidParameter = "InvalidParameter" // a parameter breaks the spec
	CodeBadRequest       = "BadRequest"       // the body or another part breaks the spec
	CodeInvalidEndpoint  = "InvalidEndpoint"  // no such path
	CodeMethodNotAllowed = "MethodNotAllowed" // the path exists, the method does not
	CodeInternal         = "InternalServerError"
)

// maxBody is the largest request body a server reads.
const maxBody = 1 << 20

// serve is the pipeline every request goes through; see the package doc.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, readErr := readBody(r)
	entry := s.log.add(newRequestEntry(r, s.now(), body))
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.report("%s: %s %s: the handler panicked: %v\n%s", s.name, r.Method, r.URL.Path, p, debug.Stack())
			s.send(w, entry, nil, s.api.Problem(http.StatusInternalServerError, CodeInternal, "the server panicked"))
		}
	}()
	if readErr != nil {
		s.send(w, entry, nil, s.api.Problem(http.StatusBadRequest, CodeBadRequest, readErr.Error()))
		return
	}
	r = trimSuffix(r, s.suffix)
	route, params, err := s.val.route(r)
	if p := r.URL.EscapedPath(); err == nil && path.Clean(p) != p {
		// The generated handler's ServeMux would redirect to the clean
		// path (it cleans the escaped one); no operation has such a path.
		err = routers.ErrPathNotFound
	}
	if errors.Is(err, routers.ErrMethodNotAllowed) {
		msg := fmt.Sprintf("Method %q not allowed on %s", r.Method, r.URL.Path)
		s.send(w, entry, nil, s.api.Problem(http.StatusMethodNotAllowed, CodeMethodNotAllowed, msg))
		return
	} else if err != nil {
		s.send(w, entry, nil, s.api.Problem(http.StatusNotFound, CodeInvalidEndpoint, "No such endpoint: "+r.URL.Path))
		return
	}
	op := route.Operation.OperationID
	entry(func(e *Request) { e.Operation = op })
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route}
	var authed *http.Request
	var deny *Reply
	s.locked(func() { authed, deny = s.api.Authenticate(r) })
	if deny != nil {
		s.send(w, entry, in, deny)
		return
	}
	in.Request = authed
	if err := s.val.request(in, body); err != nil {
		code, msg := describe(err)
		s.send(w, entry, in, s.api.Problem(http.StatusBadRequest, code, msg))
		return
	}
	if f, ok := s.takeFault(op); ok {
		entry(func(e *Request) { e.Fault = true })
		if !s.wait(r.Context(), f.Delay) {
			return // the client went away
		}
		if f.Drop {
			s.drop(w)
			return
		} else if f.Status != 0 {
			if f.OffSpec {
				in = nil // not validated
			}
			s.send(w, entry, in, faultReply(f, s.api))
			return
		}
	}
	c := s.capture()
	s.locked(func() { s.handler.ServeHTTP(c, authed) })
	s.fillWhole(route, c)
	s.finish(w, entry, in, c)
}

// send is finish for a reply.
func (s *Server) send(w http.ResponseWriter, entry logged, in *openapi3filter.RequestValidationInput, reply *Reply) {
	c := s.capture()
	Send(c, reply)
	s.finish(w, entry, in, c)
}

// finish validates a captured response against the request of in (unless
// in is nil) and sends it, or reports the violation and sends a 500; either
// way it logs the status sent.
func (s *Server) finish(w http.ResponseWriter, entry logged, in *openapi3filter.RequestValidationInput, c *capture) {
	if err := c.bad; err != nil {
		c = s.capture()
		Send(c, s.api.Problem(http.StatusBadRequest, CodeBadRequest, err.Error()))
	}
	if err := c.err; err != nil {
		s.report("%s: %v", s.name, err)
		c = s.capture()
		Send(c, s.api.Problem(http.StatusInternalServerError, CodeInternal, err.Error()))
	} else if in != nil {
		if err := s.val.response(in, c.status, c.header, c.body.Bytes()); err != nil {
			msg := fmt.Sprintf("%s: the %d response to %s %s (%s) breaks the spec: %s",
				s.name, c.status, in.Request.Method, in.Request.URL.Path, in.Route.Operation.OperationID, OneLine(err.Error()))
			s.report("%s\nbody: %.512s", msg, c.body.Bytes())
			c = s.capture()
			Send(c, s.api.Problem(http.StatusInternalServerError, CodeInternal, msg))
		}
	}
	h := w.Header()
	for k, vs := range c.header {
		h[k] = vs
	}
	status := cmp.Or(c.status, http.StatusOK)
	entry(func(e *Request) { e.Status = status })
	w.WriteHeader(status)
	_, _ = w.Write(c.body.Bytes())
}

// capture returns an empty capture with the API's standard headers.
func (s *Server) capture() *capture {
	c := &capture{header: make(http.Header)}
	if d, ok := s.api.(decorated); ok {
		s.locked(func() { d.Decorate(c.header) })
	}
	return c
}

// locked runs f, a call into the vendor's code, holding the vendor's lock.
func (s *Server) locked(f func()) { Locked(s.api, func() any { f(); return nil }) }

// wait sleeps for an injected latency with a timer. It returns false when
// the request's context ends first; a closing server cuts the wait short.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.closing:
	case <-ctx.Done():
		return false
	}
	return true
}

// drop closes the connection without an answer: the in-process one by
// marking its capture, a real one by hijacking it, or else by panicking with
// http.ErrAbortHandler.
func (s *Server) drop(w http.ResponseWriter) {
	if c, ok := w.(*capture); ok {
		c.dropped = true
		return
	}
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// readBody reads a request body of at most maxBody bytes.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading the request body: %w", err)
	} else if len(b) > maxBody {
		return nil, fmt.Errorf("the request body exceeds %d bytes", maxBody)
	}
	return b, nil
}

// trimSuffix returns r with sfx cut from its path (a path that is only the
// suffix after a slash, like "/.json", keeps it).
func trimSuffix(r *http.Request, sfx string) *http.Request {
	p := r.URL.Path
	if sfx == "" || !strings.HasSuffix(p, sfx) || strings.HasSuffix(p, "/"+sfx) {
		return r
	}
	u := *r.URL
	u.Path, u.RawPath = strings.TrimSuffix(p, sfx), strings.TrimSuffix(u.RawPath, sfx)
	r2 := r.Clone(r.Context())
	r2.URL = &u
	return r2
}

// capture is a ResponseWriter that keeps the response in memory, to be
// validated before anything reaches the client; also the in-process one.
type capture struct {
	header  http.Header
	status  int
	body    bytes.Buffer
	err     error // why a reply could not be written (see Send)
	bad     error // why the request's body did not decode (see Decode)
	dropped bool  // the in-process connection was dropped
}

func (c *capture) Header() http.Header { return c.header }

func (c *capture) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}

func (c *capture) Write(p []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	return c.body.Write(p)
}

// Reply is a response of a fake server: a status, extra headers and a body,
// which the vendor's handlers send with [Send].
type Reply struct {
	Status int
	Header http.Header
	// Body is encoded as JSON, unless it is a []byte, which is written as is.
	// A nil Body writes no body.
	Body any
	// ContentType defaults to application/json for a non-nil Body.
	ContentType string
}

// JSON returns a reply with a JSON body.
func JSON(status int, body any) *Reply { return &Reply{Status: status, Body: body} }

// Empty returns a reply without a body (e.g. a 204).
func Empty(status int) *Reply { return &Reply{Status: status} }

// Send writes r to w, the writer the server hands a vendor's handler; a body
// that cannot be encoded (a NaN from a seed) is a violation (a 500).
func Send(w http.ResponseWriter, r *Reply) {
	body, raw := r.Body.([]byte)
	if !raw && r.Body != nil {
		var err error
		if body, err = encode(r.Body); err != nil {
			if c, ok := w.(*capture); ok {
				c.err = fmt.Errorf("fakeapi: encoding a %d reply: %w", r.Status, err)
			}
			return
		}
	}
	h := w.Header()
	for k, vs := range r.Header {
		h[k] = slices.Clone(vs)
	}
	if r.Body != nil {
		h.Set("Content-Type", cmp.Or(r.ContentType, "application/json"))
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(r.Status)
	_, _ = w.Write(body)
}

// encode is JSON as the fakes send it: HTML unescaped, then a newline.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// Decode decodes the JSON body of r, a validated request, into v. When that
// fails (a number out of v's range) it returns false, and the server answers
// a 400 in the API's shape.
func Decode(w http.ResponseWriter, r *http.Request, v any) bool {
	err := json.NewDecoder(r.Body).Decode(v)
	if c, ok := w.(*capture); ok && err != nil {
		c.bad = fmt.Errorf("request body: %w", err)
	}
	return err == nil
}
