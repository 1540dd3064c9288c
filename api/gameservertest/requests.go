package gameservertest

import "github.com/sessionkit/sessions/api/apitest"

// Request is one request the server received, as its request log keeps
// it; [Server.Requests] returns the log in arrival order. go doc
// github.com/sessionkit/sessions/api/apitest Request shows every field.
type Request = apitest.Request

// RequestLogLimit is how many requests the request log keeps: the most recent.
const RequestLogLimit = apitest.RequestLogLimit

// Requests returns a copy of the request log, oldest first: the last
// RequestLogLimit requests the server received, whatever their outcome. A
// request still being answered is there with Status 0.
func (s *Server) Requests() []Request {
	return s.base.Requests()
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() { s.base.ResetRequests() }
