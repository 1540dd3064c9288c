// Package specproxy is the forwarding proxy of `sessions proxy`, what
// Prism's proxy mode is for its users: it forwards each request, unchanged
// but for hop-by-hop headers, to the real Zendesk or Edgegap service, checks
// the exchange with the validator the fakes use, and reports every way the
// request or the answer breaks the spec as a Violation, redacted. It can also
// record what the answers showed, redacted, in the state format of `sessions
// mock` (package api/mockserver), so that a mock can replay an account's
// shape.
package specproxy

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
	"github.com/sessionkit/sessions/api/mockserver"
	"github.com/sessionkit/sessions/openapi"
)

// Violation is one way an exchange broke the spec.
type Violation struct {
	// Operation is the operationId; "" when no operation matched.
	Operation string
	// In is "request" or "response".
	In string
	// Field names what broke: a JSON pointer into the body
	// ("/session/user_id"), a parameter ("query parameter page[size]"),
	// "status" (one the operation does not document) or "path".
	Field string
	// Rule is what the spec says, as the validator words it.
	Rule string
	// Seen is the value that broke it, Redacted where it may be a
	// credential or personal data; nil when there is none.
	Seen any
}

// The APIs a Proxy knows.
const (
	Zendesk    = "zendesk"
	Gameserver = "gameserver"
)

// maxBody is the most of a body a Proxy checks; a larger one is forwarded
// whole and reported as not checked.
const maxBody = 8 << 20

// Config says what a Proxy forwards to and where its findings go.
type Config struct {
	// API is Zendesk or Gameserver: which spec the traffic is held to.
	API string
	// Upstream is the real service's base URL, such as
	// https://acme.zendesk.com or https://api.edgegap.com.
	Upstream string
	// Client sends the forwarded requests; nil means a new *http.Client
	// that follows no redirects (a redirect goes back to the caller).
	Client *http.Client
	// Report receives each violation, from the request's goroutine; nil
	// drops them. It must be safe for concurrent use.
	Report func(Violation)
	// Record makes the Proxy keep what the answers showed; see Recording.
	Record bool
}

// Proxy is an http.Handler that forwards to Config.Upstream and checks
// each exchange against the API's spec.
type Proxy struct {
	cfg      Config
	upstream *url.URL
	checker  *fakeapi.Checker

	mu  sync.Mutex
	rec *recording // nil unless Config.Record
}

// New returns a Proxy for cfg: an error for an unknown API or an upstream
// that is not an absolute http(s) URL (http:// for loopback hosts only).
func New(cfg Config) (*Proxy, error) {
	u, err := url.Parse(cfg.Upstream)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("specproxy: upstream %q is not an absolute http(s) URL without userinfo, query or fragment", cfg.Upstream)
	}
	if u.Scheme == "http" && !fakeapi.Loopback(u.Hostname()) {
		return nil, fmt.Errorf("specproxy: upstream %q: http:// is only for loopback hosts; use https://", cfg.Upstream)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	doc, suffix := openapi.Gameserver(), ""
	switch cfg.API {
	case Zendesk:
		doc, suffix = openapi.Zendesk(), ".json" // Zendesk answers every path with a .json ending too
	case Gameserver:
	default:
		return nil, fmt.Errorf("specproxy: API %q is neither %q nor %q", cfg.API, Zendesk, Gameserver)
	}
	checker, err := fakeapi.NewChecker(doc, suffix)
	if err != nil {
		return nil, fmt.Errorf("specproxy: %w", err)
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	p := &Proxy{cfg: cfg, upstream: u, checker: checker}
	if cfg.Record {
		p.rec = newRecording()
	}
	return p, nil
}

// hopByHop are the headers of one connection, not forwarded.
var hopByHop = []string{"Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "Te", "Trailer", "Transfer-Encoding", "Upgrade"}

// ServeHTTP forwards r and checks the exchange. The answer goes back as the
// service gave it (decompressed, to be checked); no answer is a 502.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if host, _, err := net.SplitHostPort(r.Host); err != nil || !fakeapi.Loopback(host) {
		// A page that rebinds its own name to 127.0.0.1 sends its Host.
		http.Error(w, "specproxy: this proxy answers requests to a loopback address only", http.StatusMisdirectedRequest)
		return
	}
	reqBody, reqWhole, err := readUpTo(r.Body)
	if err != nil {
		http.Error(w, "specproxy: reading the request body: "+err.Error(), http.StatusBadRequest)
		return
	}
	var body io.Reader
	if len(reqBody) > 0 {
		body = io.MultiReader(bytes.NewReader(reqBody), r.Body)
	}
	out, err := http.NewRequestWithContext(ctx, r.Method, p.upstream.String()+r.URL.EscapedPath(), body)
	if err != nil {
		http.Error(w, "specproxy: "+err.Error(), http.StatusBadRequest)
		return
	}
	out.URL.RawQuery, out.Header, out.ContentLength = r.URL.RawQuery, r.Header.Clone(), r.ContentLength
	for _, h := range hopByHop {
		out.Header.Del(h)
	}
	out.Header.Del("Accept-Encoding") // net/http then asks for gzip itself and hands back the plain body
	resp, err := p.cfg.Client.Do(out)
	if err != nil {
		http.Error(w, "specproxy: the upstream did not answer: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	respBody, respWhole, readErr := readUpTo(resp.Body)
	maps.Copy(w.Header(), resp.Header)
	for _, h := range hopByHop {
		w.Header().Del(h)
	}
	if !respWhole || readErr != nil {
		w.Header().Del("Content-Length")
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(respBody)
	if !respWhole && readErr == nil {
		_, _ = io.Copy(w, resp.Body)
	}
	notChecked := fmt.Sprintf("not checked: a body over %d bytes", maxBody)
	switch {
	case readErr != nil:
		p.report(Violation{In: "response", Field: "body", Rule: "the answer broke off: " + readErr.Error()})
	case !reqWhole:
		p.report(Violation{In: "request", Field: "body", Rule: notChecked})
	case !respWhole:
		p.report(Violation{In: "response", Field: "body", Rule: notChecked})
	default:
		check := r.Clone(ctx)
		check.Body = nil
		op, reqErr, respErr := p.checker.Check(context.WithoutCancel(ctx), check, reqBody, resp.StatusCode, resp.Header, respBody)
		vs := []Violation{{In: "request", Field: "path", Rule: "no operation of the spec has this method and path",
			Seen: r.Method + " " + r.URL.Path}}
		if op != "" {
			vs = specific(append(violations(op, "request", reqErr), violations(op, "response", respErr)...))
		}
		for _, v := range vs {
			p.report(v)
		}
		if p.rec != nil && resp.StatusCode < 300 { // an answer that does not decode is left out
			p.mu.Lock()
			if p.cfg.API == Zendesk {
				p.rec.addZendesk(r, respBody)
			} else {
				p.rec.addGameserver(op, r, respBody)
			}
			p.mu.Unlock()
		}
	}
}

// secretOps are the operations whose bodies hold credentials, sensitive
// the parts of field names whose values may be credentials or personal data.
var (
	secretOps = map[string]bool{"CreateOAuthToken": true, "RenewCurrentSession": true}
	sensitive = []string{"token", "secret", "password", "authorization", "cookie", "email", "name", "ip", "latitude",
		"longitude", "webhook", "url"}
)

// report hands v to Config.Report with its Seen redacted: nothing of a
// secret-bearing operation or of a sensitive field, a long text cut short,
// of an object or an array only its type.
func (p *Proxy) report(v Violation) {
	switch seen := v.Seen.(type) {
	case nil, float64, bool, json.Number:
	case string:
		if len(seen) > 64 {
			v.Seen = seen[:64] + "…"
		}
	default:
		v.Seen = fmt.Sprintf("(%T)", seen)
	}
	f := strings.ToLower(v.Field)
	if v.Seen != nil && (secretOps[v.Operation] || slices.ContainsFunc(sensitive, func(s string) bool {
		return strings.Contains(f, s)
	})) {
		v.Seen = Redacted
	}
	if p.cfg.Report != nil {
		p.cfg.Report(v)
	}
}

// Recording returns what the answers showed so far, redacted, in the
// mock's state format; the zero State when the Proxy does not record.
func (p *Proxy) Recording() mockserver.State {
	if p.rec == nil {
		return mockserver.State{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.rec.state()
}

// readUpTo reads at most maxBody bytes of b; whole is false when more follow.
func readUpTo(b io.Reader) (data []byte, whole bool, err error) {
	if b == nil {
		return nil, true, nil
	}
	data, err = io.ReadAll(io.LimitReader(b, maxBody+1))
	return data, len(data) <= maxBody, err
}

// violations flattens a validation error into one Violation per broken
// rule, each at its field: a parameter, a JSON pointer into the body (a
// body's own shape is "body"), or the status.
func violations(op, in string, err error) []Violation {
	var field, rule string
	var inner error
	switch e := err.(type) {
	case nil:
		return nil
	case openapi3.MultiError:
		var out []Violation
		for _, e := range e {
			out = append(out, violations(op, in, e)...)
		}
		return out
	case *openapi3filter.RequestError:
		if e.Parameter != nil {
			field = e.Parameter.In + " parameter " + e.Parameter.Name
		}
		rule, inner = e.Reason, e.Err
	case *openapi3filter.ResponseError:
		if strings.Contains(e.Reason, "status") {
			field = "status"
		}
		rule, inner = e.Reason, e.Err
	case *openapi3.SchemaError:
		if me, ok := errors.AsType[openapi3.MultiError](e.Origin); ok { // a oneOf: why each branch failed
			return violations(op, in, me)
		}
		v := Violation{Operation: op, In: in, Field: "body", Rule: fakeapi.OneLine(e.Reason), Seen: e.Value}
		if p := e.JSONPointer(); len(p) > 0 {
			v.Field = "/" + strings.Join(p, "/")
		}
		return []Violation{v}
	}
	if inner != nil {
		subs := violations(op, in, inner)
		for i := range subs {
			if field != "" {
				subs[i].Field = field + strings.TrimPrefix(subs[i].Field, "body")
			}
		}
		return subs
	}
	return []Violation{{Operation: op, In: in, Field: cmp.Or(field, "body"), Rule: fakeapi.OneLine(cmp.Or(rule, err.Error()))}}
}

// specific drops a violation that a deeper one in the same body explains (a
// oneOf failed because of one field is reported at that field only).
func specific(vs []Violation) []Violation {
	return slices.DeleteFunc(slices.Clone(vs), func(v Violation) bool {
		return slices.ContainsFunc(vs, func(w Violation) bool {
			return w.In == v.In && strings.HasPrefix(w.Field, v.Field+"/")
		})
	})
}
