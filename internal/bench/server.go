package bench

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
)

// Fixed answers of the loopback server.
const (
	sessionObject = `{"id":8589934592,"user_id":3,"authenticated_at":"2014-11-18T17:24:29Z","last_seen_at":"2014-11-18T17:30:00Z","url":"https://acme.zendesk.com/api/v2/users/3/sessions/8589934592.json"}`
	showSession   = `{"session":` + sessionObject + `}`
	getSession    = `{"session_id":"950dd2eaff09-S","custom_id":"match-1","status":"Ready","ready":true,"linked":true,"kind":"Seat","user_count":2,"app_version":7,"create_time":"2024-05-26 12:00:45.831041","elapsed":3,"session_users":[{"ip":"198.51.100.7","latitude":45.5,"longitude":-73.6},{"ip":"198.51.100.8","latitude":45.5,"longitude":-73.6}],"session_ips":[{"ip":"198.51.100.7"}],"deployment":{"request_id":"9f511e17","public_ip":"203.0.113.10","status":"Status.READY","fqdn":"9f511e17.pr.edgegap.net","ready":true,"whitelisting_active":false,"ports":{"game":{"external":31504,"internal":7777,"protocol":"UDP","name":"game","link":"9f511e17.pr.edgegap.net:31504","tls_upgrade":false,"proxy":0}},"location":{"city":"Montreal","country":"Canada","continent":"North America","administrative_division":"Quebec","timezone":"America/Toronto","latitude":45.5,"longitude":-73.6},"tags":["ranked"],"sockets":4,"sockets_usage":2,"is_joinable_by_session":true}}`
	renewBody     = `{"authenticity_token":"huU7yXJRnGvlC0zNl2dfrw0+oQzO1+TfXSqN6Tcz1qs="}`
	createBody    = `{"session_id":"950dd2eaff09-S","custom_id":null,"app":"my-game","version":"v1.2.0","deployment_request_id":null,"webhook_url":null,"selectors":[]}`
	deletedBody   = `{"message":"Session 950dd2eaff09-S deleted","session_id":"950dd2eaff09-S","custom_id":null}`
	usersBody     = `{"session_users":[{"ip":"162.254.103.13","latitude":45.5019,"longitude":-73.5674},{"ip":"198.12.116.39","latitude":40.7128,"longitude":-74.006}]}`
	bulkStopBody  = `{"processable":[{"session_id":"950dd2eaff09-S"},{"session_id":"4c3f1a9e2b7d-S"}]}`
	// PageSize is the page size of the listings.
	PageSize = 100
)

// Server is the loopback server of the benchmarks: it answers every
// single-object operation of both APIs and cursor pages of ListSessions
// with fixed bytes, and counts the connections it accepted.
type Server struct {
	// URL is the server's base URL.
	URL string
	// Total is how many sessions ListSessions lists.
	Total int

	srv      *http.Server
	ln       net.Listener
	accepted atomic.Int64
	page     []byte // PageSize sessions, comma-separated
	answers  map[string]string
}

// NewServer starts a Server on 127.0.0.1 listing total sessions.
func NewServer(total int) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bench: listening: %w", err)
	}
	s := &Server{URL: "http://" + ln.Addr().String(), Total: total, ln: ln, answers: fixedAnswers()}
	s.page = []byte(strings.TrimSuffix(strings.Repeat(sessionObject+",", PageSize), ","))
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ConnState: func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.accepted.Add(1)
		}
	}}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Accepted returns how many connections the server has accepted.
func (s *Server) Accepted() int64 { return s.accepted.Load() }

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// fixedAnswers maps "METHOD path" to the fixed body of a 200; an empty
// body is a 204.
func fixedAnswers() map[string]string {
	return map[string]string{
		"GET /api/v2/users/3/sessions/8589934592":    showSession,
		"DELETE /api/v2/users/3/sessions/8589934592": "",
		"DELETE /api/v2/users/3/sessions":            "",
		"GET /api/v2/users/me/session":               showSession,
		"GET /api/v2/users/me/session/renew":         renewBody,
		"DELETE /api/v2/users/me/logout":             "",
		"POST /v1/session":                           createBody,
		"GET /v1/session/950dd2eaff09-S":             getSession,
		"DELETE /v1/session/950dd2eaff09-S":          deletedBody,
		"GET /v1/session/950dd2eaff09-S/users":       usersBody,
		"PUT /v1/session/950dd2eaff09-S/users":       usersBody,
		"DELETE /v1/session/950dd2eaff09-S/users":    usersBody,
		"POST /v1/sessions/bulk-stop":                bulkStopBody,
	}
}

// serve answers r from the fixed answers; request bodies are read and
// dropped.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if r.Method == http.MethodGet && r.URL.Path == "/api/v2/sessions" {
		s.listPage(w, r)
		return
	}
	body, ok := s.answers[r.Method+" "+r.URL.Path]
	switch {
	case !ok:
		http.Error(w, `{"error":"RecordNotFound"}`, http.StatusNotFound)
	case body == "":
		w.WriteHeader(http.StatusNoContent)
	default:
		_, _ = io.WriteString(w, body)
	}
}

// listPage writes page k (cursor "k", the first is page 0) of the listing.
func (s *Server) listPage(w http.ResponseWriter, r *http.Request) {
	k := 0
	if c := r.URL.Query().Get("page[after]"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil {
			http.Error(w, `{"error":"InvalidCursor"}`, http.StatusBadRequest)
			return
		}
		k = n
	}
	pages := (s.Total + PageSize - 1) / PageSize
	more := k+1 < pages
	next := "null"
	if more {
		next = `"` + strconv.Itoa(k+1) + `"`
	}
	_, _ = w.Write([]byte(`{"sessions":[`))
	_, _ = w.Write(s.page)
	fmt.Fprintf(w, `],"meta":{"has_more":%t,"after_cursor":%s,"before_cursor":null},"links":{"next":null,"prev":null}}`, more, next)
}
