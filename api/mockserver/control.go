package mockserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sessionkit/sessions/api/apitest"
	"github.com/sessionkit/sessions/api/internal/fakeapi"
)

// ControlPrefix is the path under which each listener serves its control
// API. No path of either API starts with it.
const ControlPrefix = "/__mock"

// maxControlBody is the largest control request body read.
const maxControlBody = 8 << 20

// fake is what the control API needs of either fake.
type fake interface {
	AddFault(operation string, f apitest.Fault) (string, error)
	OperationID(name string) string
	ClearFaults()
	Requests() []apitest.Request
	RequestsDropped() int
	ResetRequests()
	Operations() []string
	ErrorStatuses(operation string) []int
}

// control is the control API of one fake.
type control struct {
	s        *Server
	api      string // "zendesk" or "gameserver"
	fake     fake
	state    func() any
	putState func(io.Reader) error
	reset    func() error
	routes   []route
}

// route is one endpoint of the control API.
type route struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	Description string `json:"description"`
	handle      func(w http.ResponseWriter, r *http.Request) error
}

func zendeskControl(s *Server) http.Handler {
	c := &control{s: s, api: "zendesk", fake: s.zd,
		state: func() any { return s.zd.State() },
		putState: func(r io.Reader) error {
			var st ZendeskState
			if err := decodeStrict(r, &st); err != nil {
				return err
			}
			return s.zd.Reset(st)
		},
		reset: func() error { return s.zd.Reset(s.seed.Zendesk) },
	}
	c.routes = c.common()
	return c
}

func gameserverControl(s *Server) http.Handler {
	c := &control{s: s, api: "gameserver", fake: s.gs,
		state: func() any { return s.gs.State() },
		putState: func(r io.Reader) error {
			var st GameserverState
			if err := decodeStrict(r, &st); err != nil {
				return err
			}
			return s.gs.Reset(st)
		},
		reset: func() error { return s.gs.Reset(s.seed.Gameserver) },
	}
	c.routes = append(c.common(), route{Method: http.MethodGet, Path: "/webhooks",
		Description: "the webhooks sent so far, in the order they finished: session_id, url, body, time, status_code, error",
		handle: func(w http.ResponseWriter, _ *http.Request) error {
			out := []webhookJSON{}
			for _, d := range s.gs.Webhooks() {
				out = append(out, webhookJSON{SessionID: d.SessionID, URL: d.URL, Body: string(d.Body),
					Time: d.Time.UTC(), StatusCode: d.StatusCode, Error: d.Err})
			}
			return writeJSON(w, http.StatusOK, out)
		}})
	return c
}

// webhookJSON is a webhook delivery as GET /__mock/webhooks lists it.
type webhookJSON struct {
	SessionID  string    `json:"session_id"`
	URL        string    `json:"url"`
	Body       string    `json:"body"`
	Time       time.Time `json:"time"`
	StatusCode int       `json:"status_code"`
	Error      string    `json:"error,omitempty"`
}

// common returns the endpoints of both control APIs.
func (c *control) common() []route {
	return []route{
		{Method: http.MethodGet, Path: "", Description: "this list of endpoints, and the API's operations", handle: c.index},
		{Method: http.MethodGet, Path: "/state", Description: "the state as JSON, in the seed file's format for this API", handle: c.getState},
		{Method: http.MethodPut, Path: "/state", Description: "replace the state with the JSON body (the seed file's format for this API); answers the new state", handle: c.replaceState},
		{Method: http.MethodPost, Path: "/reset", Description: "back to the seed: state, clock offset; pending faults and the request log are dropped; answers the state", handle: c.resetAll},
		{Method: http.MethodPost, Path: "/faults", Description: `queue a fault: {"operation", "status", "retry_after", "delay", "drop", "times", "body", "content_type", "headers", "off_spec"}`, handle: c.addFault},
		{Method: http.MethodDelete, Path: "/faults", Description: "drop every pending fault", handle: c.clearFaults},
		{Method: http.MethodGet, Path: "/requests", Description: "the request log, oldest first (?operation=ID keeps one operation's): the last 1000 requests, 4 KiB of each body (body_size is the whole) and header set; X-Mock-Requests-Dropped counts the older ones dropped", handle: c.requests},
		{Method: http.MethodDelete, Path: "/requests", Description: "empty the request log", handle: c.clearRequests},
		{Method: http.MethodGet, Path: "/clock", Description: `the mocks' clock: {"now", "offset"}`, handle: c.getClock},
		{Method: http.MethodPut, Path: "/clock", Description: `set the clock offset from the wall clock, for both APIs: {"offset": "-48h"}`, handle: c.setClock},
	}
}

// isControl reports whether a path belongs to the control API.
func isControl(path string) bool {
	return path == ControlPrefix || strings.HasPrefix(path, ControlPrefix+"/")
}

func (c *control) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, ControlPrefix), "/")
	var allow []string
	for _, rt := range c.routes {
		if rt.Path != path {
			continue
		}
		if rt.Method == r.Method {
			r.Body = http.MaxBytesReader(w, r.Body, maxControlBody)
			if err := rt.handle(w, r); err != nil {
				writeError(w, http.StatusBadRequest, fmt.Sprintf("%s %s: %v", r.Method, r.URL.Path, err))
			}
			return
		}
		allow = append(allow, rt.Method)
	}
	if allow != nil {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: method not allowed; use %s", r.Method, r.URL.Path, strings.Join(allow, " or ")))
		return
	}
	writeError(w, http.StatusNotFound, fmt.Sprintf("%s: no such control endpoint; GET %s lists them", r.URL.Path, ControlPrefix))
}

func (c *control) index(w http.ResponseWriter, _ *http.Request) error {
	routes := make([]route, 0, len(c.routes))
	for _, rt := range c.routes {
		rt.Path = ControlPrefix + rt.Path
		routes = append(routes, rt)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"api": c.api, "endpoints": routes, "operations": c.fake.Operations()})
}

func (c *control) getState(w http.ResponseWriter, _ *http.Request) error {
	return writeJSON(w, http.StatusOK, c.state())
}

func (c *control) replaceState(w http.ResponseWriter, r *http.Request) error {
	if err := c.putState(r.Body); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c.state())
}

func (c *control) resetAll(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	if err := c.reset(); err != nil {
		return err
	}
	c.fake.ClearFaults()
	c.fake.ResetRequests()
	c.s.offset.Store(int64(c.s.seedOffset))
	return writeJSON(w, http.StatusOK, c.state())
}

func (c *control) clearFaults(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	c.fake.ClearFaults()
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (c *control) clearRequests(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	c.fake.ResetRequests()
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// requestJSON is a request of the log as GET /__mock/requests lists it.
type requestJSON struct {
	Time       time.Time   `json:"time"`
	Operation  string      `json:"operation,omitempty"`
	Method     string      `json:"method"`
	Path       string      `json:"path"`
	Query      url.Values  `json:"query,omitempty"`
	Header     http.Header `json:"header,omitempty"`
	AuthScheme string      `json:"auth_scheme,omitempty"`
	Body       string      `json:"body,omitempty"`
	BodySize   int         `json:"body_size,omitempty"`
	Dropped    int         `json:"header_dropped,omitempty"`
	Status     int         `json:"status"`
	Fault      bool        `json:"fault,omitempty"`
}

func (c *control) requests(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	for k := range q {
		if k != "operation" {
			return fmt.Errorf("query parameter %q is not known; the only one is operation", k)
		}
	}
	var op string
	if v := q.Get("operation"); v != "" {
		if op = c.fake.OperationID(v); op == "" {
			return fmt.Errorf("query parameter operation: %q is not an operation of the %s API (want one of %s)", v, c.api, strings.Join(c.fake.Operations(), ", "))
		}
	}
	out := []requestJSON{}
	for _, e := range c.fake.Requests() {
		if op != "" && e.Operation != op {
			continue
		}
		out = append(out, requestJSON{Time: e.Time.UTC(), Operation: e.Operation, Method: e.Method, Path: e.Path,
			Query: e.Query, Header: e.Header, AuthScheme: e.AuthScheme, Body: string(e.Body), BodySize: e.BodySize,
			Dropped: e.HeaderDropped, Status: e.Status, Fault: e.Fault})
	}
	w.Header().Set("X-Mock-Requests-Dropped", strconv.Itoa(c.fake.RequestsDropped()))
	return writeJSON(w, http.StatusOK, out)
}

func (c *control) addFault(w http.ResponseWriter, r *http.Request) error {
	var in fakeapi.FaultJSON
	if err := decodeStrict(r.Body, &in); err != nil {
		return err
	}
	f, err := in.Fault()
	if err != nil {
		return err
	}
	op, err := c.fake.AddFault(in.Operation, f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, fakeapi.NewFaultJSON(op, f))
}

// clockJSON is the body of GET and PUT /__mock/clock.
type clockJSON struct {
	Now    time.Time `json:"now,omitzero"`
	Offset string    `json:"offset"`
}

func (c *control) getClock(w http.ResponseWriter, _ *http.Request) error {
	return writeJSON(w, http.StatusOK, clockJSON{Now: c.s.now().UTC(), Offset: time.Duration(c.s.offset.Load()).String()})
}

func (c *control) setClock(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Offset *string `json:"offset"`
	}
	if err := decodeStrict(r.Body, &in); err != nil {
		return err
	}
	if in.Offset == nil {
		return fmt.Errorf("field \"offset\" is missing: want a duration such as \"-48h\" or \"0s\"")
	}
	d, err := time.ParseDuration(*in.Offset)
	if err != nil {
		return fmt.Errorf("field \"offset\": %q is not a duration such as \"-48h\" or \"90m\"", *in.Offset)
	}
	c.s.offset.Store(int64(d))
	return c.getClock(w, r)
}

// noBody refuses a body on an endpoint that takes none.
func noBody(r *http.Request) error {
	n, err := io.Copy(io.Discard, io.LimitReader(r.Body, 1))
	if err != nil {
		return fmt.Errorf("reading the body: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("this endpoint takes no body")
	}
	return nil
}

// writeJSON answers v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the answer: %w", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
	return nil
}

// writeError answers {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	_ = writeJSON(w, status, map[string]string{"error": msg})
}
