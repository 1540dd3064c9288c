package mockserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
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

// control is the control API of one fake, whose state is an S.
type control[S any] struct {
	s      *Server
	api    string // "zendesk" or "gameserver"
	fake   *fakeapi.Server
	state  func() S
	reset  func(S) error // installs a state
	seed   *S            // what POST /__mock/reset installs
	routes []route
}

// route is one endpoint of the control API.
type route struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	Description string `json:"description"`
	handle      func(w http.ResponseWriter, r *http.Request) error
}

func newControl[S any](s *Server, api string, fake *fakeapi.Server, state func() S, reset func(S) error,
	seed *S) *control[S] {
	c := &control[S]{s: s, api: api, fake: fake, state: state, reset: reset, seed: seed}
	bodiless := func(f func()) func(http.ResponseWriter, *http.Request) error {
		return func(w http.ResponseWriter, r *http.Request) error {
			if err := noBody(r); err != nil {
				return err
			}
			f()
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
	}
	c.routes = []route{
		{http.MethodGet, "", "this list of endpoints, and the API's operations", c.index},
		{http.MethodGet, "/state", "the state as JSON, in the seed file's format for this API",
			func(w http.ResponseWriter, _ *http.Request) error { return writeJSON(w, http.StatusOK, c.state()) }},
		{http.MethodPut, "/state", "replace the state with the JSON body (the seed file's format for this API); answers the new state", c.replaceState},
		{http.MethodPost, "/reset", "back to the seed: state, clock offset; pending faults and the request log are dropped; answers the state", c.resetAll},
		{http.MethodPost, "/faults", `queue a fault: {"operation", "status", "retry_after", "delay", "drop", "times", "body", "content_type", "headers", "off_spec"}`, c.addFault},
		{http.MethodDelete, "/faults", "drop every pending fault", bodiless(fake.ClearFaults)},
		{http.MethodGet, "/requests", "the request log, oldest first (?operation=ID keeps one operation's): the last 1000 requests, 4 KiB of each body (body_size is the whole) and header set; X-Mock-Requests-Dropped counts the older ones dropped", c.requests},
		{http.MethodDelete, "/requests", "empty the request log", bodiless(fake.ResetRequests)},
		{http.MethodGet, "/clock", `the mocks' clock: {"now", "offset"}`, c.getClock},
		{http.MethodPut, "/clock", `set the clock offset from the wall clock, for both APIs: {"offset": "-48h"}`, c.setClock},
	}
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

func (c *control[S]) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, ControlPrefix), "/")
	var allow []string
	for _, rt := range c.routes {
		if rt.Path == path && rt.Method == r.Method {
			r.Body = http.MaxBytesReader(w, r.Body, maxControlBody)
			if err := rt.handle(w, r); err != nil {
				writeError(w, http.StatusBadRequest, fmt.Sprintf("%s %s: %v", r.Method, r.URL.Path, err))
			}
			return
		} else if rt.Path == path {
			allow = append(allow, rt.Method)
		}
	}
	if allow != nil {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: method not allowed; use %s", r.Method, r.URL.Path, strings.Join(allow, " or ")))
		return
	}
	writeError(w, http.StatusNotFound, fmt.Sprintf("%s: no such control endpoint; GET %s lists them", r.URL.Path, ControlPrefix))
}

func (c *control[S]) index(w http.ResponseWriter, _ *http.Request) error {
	routes := make([]route, 0, len(c.routes))
	for _, rt := range c.routes {
		rt.Path = ControlPrefix + rt.Path
		routes = append(routes, rt)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"api": c.api, "endpoints": routes, "operations": c.fake.Operations()})
}

func (c *control[S]) replaceState(w http.ResponseWriter, r *http.Request) error {
	var st S
	if err := decodeStrict(r.Body, &st); err != nil {
		return err
	} else if err := c.reset(st); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c.state())
}

func (c *control[S]) resetAll(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	} else if err := c.reset(*c.seed); err != nil {
		return err
	}
	c.fake.ClearFaults()
	c.fake.ResetRequests()
	c.s.offset.Store(int64(c.s.seedOffset))
	return writeJSON(w, http.StatusOK, c.state())
}

func (c *control[S]) requests(w http.ResponseWriter, r *http.Request) error {
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
	// A request as the log lists it: its fields under their JSON names, the
	// body as text.
	type requestJSON struct {
		apitest.Request
		Body string `json:"body,omitempty"`
	}
	out := []requestJSON{}
	for _, e := range c.fake.Requests() {
		if op == "" || e.Operation == op {
			e.Time = e.Time.UTC()
			out = append(out, requestJSON{e, string(e.Body)})
		}
	}
	w.Header().Set("X-Mock-Requests-Dropped", strconv.Itoa(c.fake.RequestsDropped()))
	return writeJSON(w, http.StatusOK, out)
}

func (c *control[S]) addFault(w http.ResponseWriter, r *http.Request) error {
	var in fakeapi.FaultJSON
	if err := decodeStrict(r.Body, &in); err != nil {
		return err
	}
	f, err := in.Parse()
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

func (c *control[S]) getClock(w http.ResponseWriter, _ *http.Request) error {
	return writeJSON(w, http.StatusOK, clockJSON{Now: c.s.now().UTC(), Offset: time.Duration(c.s.offset.Load()).String()})
}

func (c *control[S]) setClock(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Offset *string `json:"offset"`
	}
	if err := decodeStrict(r.Body, &in); err != nil {
		return err
	} else if in.Offset == nil {
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
	} else if n > 0 {
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
