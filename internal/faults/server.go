package faults

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// maxRequestBody bounds what a Server reads of one request body.
const maxRequestBody = 1 << 20

// Request is one request a Server received, as it came off the wire.
type Request struct {
	// Method is the request method, e.g. "GET".
	Method string
	// Target is the raw request target of the request line, e.g.
	// "/v1/session/a%2Fb?x=1", exactly as the client sent it.
	Target string
	// Path is the target without its query, still escaped.
	Path string
	// Header is the request header.
	Header http.Header
	// Body is the request body (at most 1 MiB of it).
	Body []byte
	// Conn numbers the connection the request came on, from 1.
	Conn int64
	// At is when the request had been read.
	At time.Time
}

// Handler answers one request on a raw connection. It returns whether the
// connection may carry another request; a Server closes it otherwise.
type Handler func(c *Conn, r *Request) (keepAlive bool)

// Conn is the server side of one accepted connection, handed to a Handler.
type Conn struct {
	net.Conn
	srv *Server
}

// Server is an HTTP/1.1 server on a real loopback socket that answers each
// request through a Handler with raw bytes, so that it can misbehave in
// every way a real server or network can. It is safe for concurrent use.
type Server struct {
	// URL is the server's base URL, e.g. "http://127.0.0.1:41234".
	URL string

	ln       net.Listener
	handler  Handler
	accepted atomic.Int64
	done     chan struct{}
	wg       sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]struct{}
	log   []Request
}

// Listen starts a Server on addr (e.g. "127.0.0.1:0" or "127.0.0.2:0")
// that answers with h. Close stops it.
func Listen(addr string, h Handler) (*Server, error) {
	return listen(addr, h, nil)
}

// ListenTLS is Listen with TLS: the server's URL is https://.
func ListenTLS(addr string, h Handler, cfg *tls.Config) (*Server, error) {
	if cfg == nil {
		return nil, errors.New("faults: ListenTLS: nil TLS config")
	}
	return listen(addr, h, cfg)
}

func listen(addr string, h Handler, cfg *tls.Config) (*Server, error) {
	if h == nil {
		return nil, errors.New("faults: Listen: nil handler")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("faults: listening on %s: %w", addr, err)
	}
	scheme := "http://"
	if cfg != nil {
		ln = tls.NewListener(ln, cfg)
		scheme = "https://"
	}
	s := &Server{
		URL:     scheme + ln.Addr().String(),
		ln:      ln,
		handler: h,
		done:    make(chan struct{}),
		conns:   make(map[net.Conn]struct{}),
	}
	s.wg.Add(1)
	go s.serve()
	return s, nil
}

// Addr returns the listener's address, host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Accepted returns how many connections the server has accepted so far.
func (s *Server) Accepted() int64 { return s.accepted.Load() }

// Requests returns a copy of the requests received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Done is closed when the server is closing: a stalling Step waits on it.
func (s *Server) Done() <-chan struct{} { return s.done }

// Close stops accepting, closes every open connection (which ends every
// stall) and waits for the server's goroutines to return.
func (s *Server) Close() error {
	select {
	case <-s.done:
		return nil
	default:
	}
	close(s.done)
	err := s.ln.Close()
	s.mu.Lock()
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		n := s.accepted.Add(1)
		s.mu.Lock()
		select {
		case <-s.done:
			s.mu.Unlock()
			_ = nc.Close()
			return
		default:
		}
		s.conns[nc] = struct{}{}
		s.mu.Unlock()
		s.wg.Add(1)
		go s.serveConn(nc, n)
	}
}

func (s *Server) serveConn(nc net.Conn, n int64) {
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.conns, nc)
		s.mu.Unlock()
		_ = nc.Close()
	}()
	br := bufio.NewReader(nc)
	c := &Conn{Conn: nc, srv: s}
	for {
		hr, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		body, err := io.ReadAll(io.LimitReader(hr.Body, maxRequestBody))
		_ = hr.Body.Close()
		if err != nil {
			return
		}
		r := Request{
			Method: hr.Method,
			Target: hr.RequestURI,
			Path:   hr.URL.EscapedPath(),
			Header: hr.Header,
			Body:   body,
			Conn:   n,
			At:     time.Now(),
		}
		s.mu.Lock()
		s.log = append(s.log, r)
		s.mu.Unlock()
		if !s.handler(c, &r) {
			return
		}
	}
}
