package fakeapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"runtime/debug"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// maxBody is the largest request body a server reads.
const maxBody = 1 << 20

// serve is the pipeline every request goes through; see the package doc.
//
// The request is logged as it arrives; each answer records its status in the
// log just before it is sent, so the log is in arrival order and complete as
// soon as the client has its answer. An injected fault is taken only once
// the request has been routed, authenticated and validated: a request the
// server would refuse gets its real 401 or 400 and leaves the fault queued.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, readErr := readBody(r)
	entry := s.log.add(newRequestEntry(r, s.now(), body))
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.report("%s: %s %s: the handler panicked: %v\n%s", s.name, r.Method, r.URL.Path, p, debug.Stack())
			c := s.capture()
			Send(c, s.api.Problem(http.StatusInternalServerError, CodeInternal, "the server panicked"))
			c.flush(w, entry)
		}
	}()

	if readErr != nil {
		s.send(w, entry, nil, s.api.Problem(http.StatusBadRequest, CodeBadRequest, readErr.Error()))
		return
	}
	r = s.stripSuffix(r)
	route, params, err := s.val.route(r)
	if p := r.URL.EscapedPath(); err == nil && path.Clean(p) != p {
		// The generated handler's ServeMux would redirect to the clean
		// path (it cleans the escaped one); no operation has such a path.
		err = routers.ErrPathNotFound
	}
	if err != nil {
		status, code, msg := http.StatusNotFound, CodeInvalidEndpoint, "No such endpoint: "+r.URL.Path
		if errors.Is(err, routers.ErrMethodNotAllowed) {
			status, code, msg = http.StatusMethodNotAllowed, CodeMethodNotAllowed, fmt.Sprintf("Method %q not allowed on %s", r.Method, r.URL.Path)
		}
		s.send(w, entry, nil, s.api.Problem(status, code, msg))
		return
	}
	op := route.Operation.OperationID
	entry.operation(op)
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route}

	var authed *http.Request
	var deny *Reply
	s.locked(func() { authed, deny = s.api.Authenticate(r) })
	if deny != nil {
		s.send(w, entry, in, deny)
		return
	}
	in.Request = authed
	if err := s.val.request(authed.Context(), in, body); err != nil {
		code, msg := describe(err)
		s.send(w, entry, in, s.api.Problem(http.StatusBadRequest, code, msg))
		return
	}
	if f, ok := s.faults.take(op); ok {
		entry.fault()
		if !s.wait(r.Context(), f.Delay) {
			return // the client went away
		}
		switch {
		case f.Drop:
			s.drop(w)
			return
		case f.Status != 0:
			reply := faultReply(f, s.api)
			if f.OffSpec {
				s.send(w, entry, nil, reply)
			} else {
				s.send(w, entry, in, reply)
			}
			return
		}
	}

	c := s.capture()
	s.locked(func() { s.handler.ServeHTTP(c, authed) })
	s.fillWhole(route, c)
	s.finish(w, entry, in, c)
}

// send writes reply and logs its status; when in is not nil it validates the
// reply first.
func (s *Server) send(w http.ResponseWriter, entry logged, in *openapi3filter.RequestValidationInput, reply *Reply) {
	c := s.capture()
	Send(c, reply)
	if in == nil && c.err == nil {
		c.flush(w, entry)
		return
	}
	s.finish(w, entry, in, c)
}

// finish validates a captured response and sends it, or reports the
// violation and sends a 500 instead; either way it logs the status sent.
func (s *Server) finish(w http.ResponseWriter, entry logged, in *openapi3filter.RequestValidationInput, c *capture) {
	if err := c.bad; err != nil {
		c = s.capture()
		Send(c, s.api.Problem(http.StatusBadRequest, CodeBadRequest, err.Error()))
	}
	if err := c.err; err != nil {
		s.report("%s: %v", s.name, err)
		c = s.capture()
		Send(c, s.api.Problem(http.StatusInternalServerError, CodeInternal, err.Error()))
	} else if err := s.val.response(in.Request.Context(), in, c); err != nil {
		msg := fmt.Sprintf("%s: the %d response to %s %s (%s) breaks the spec: %s",
			s.name, c.status, in.Request.Method, in.Request.URL.Path, in.Route.Operation.OperationID, oneLine(err.Error()))
		s.report("%s\nbody: %.512s", msg, c.body.Bytes())
		c = s.capture()
		Send(c, s.api.Problem(http.StatusInternalServerError, CodeInternal, msg))
	}
	c.flush(w, entry)
}

// capture returns an empty capture with the API's standard headers.
func (s *Server) capture() *capture {
	c := newCapture()
	if d, ok := s.api.(decorated); ok {
		s.locked(func() { d.Decorate(c.header) })
	}
	return c
}

// locked runs f, a call into the vendor's code, holding the vendor's state
// lock (API.State); a panic in f unlocks it on its way out.
func (s *Server) locked(f func()) {
	s.api.Lock()
	defer s.api.Unlock()
	f()
}

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
		return true
	case <-s.closing:
		return true
	case <-ctx.Done():
		return false
	}
}

// dropper is a ResponseWriter that can drop its connection itself: the
// in-process transport's.
type dropper interface{ drop() }

// drop closes the connection without an answer.
func (s *Server) drop(w http.ResponseWriter) {
	if d, ok := w.(dropper); ok {
		d.drop()
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
	}
	if len(b) > maxBody {
		return nil, fmt.Errorf("the request body exceeds %d bytes", maxBody)
	}
	return b, nil
}
