package faults

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// forms returns every form in which cred's secrets could leak: the secrets
// themselves and the Basic credentials built from them, base64-encoded.
func forms(cred credential) []string {
	out := append([]string{secretHeaderValue}, cred.secrets...)
	switch cred.name {
	case "zendesk-api-token":
		out = append(out, base64.StdEncoding.EncodeToString([]byte(zendeskEmail+"/token:"+secretZendeskToken)))
	case "zendesk-basic":
		out = append(out, base64.StdEncoding.EncodeToString([]byte(zendeskEmail+":"+secretPassword)))
	}
	return out
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// sweepScenarios are the scenarios the security sweep drives every
// credential through: retries, failures of every kind, and redirects.
func sweepScenarios() []scenario {
	keep := map[string]bool{
		"429-retry-after-seconds": false, // timing group; its retries are covered by 503-burst-2
		"503-burst-2":             true, "503-burst-3": true, "reset-every-attempt": true,
		"reset-mid-body": true, "invalid-json": true, "html-page": true,
		"redirect-307-same-origin": true, "redirect-307-other-port": true, "redirect-302-other-host": true,
		"redirect-308-https-to-http": true,
	}
	var out []scenario
	for _, sc := range scenarios() {
		if keep[sc.name] {
			out = append(out, sc)
		}
	}
	return out
}

// TestSecretsNeverShow drives every credential of both wrappers (and a
// WithHeader secret) through failing, retried and redirected calls and
// looks for each secret, and its Basic encoding, in every error string,
// every %v/%+v/%#v of the client, its options and the error, every debug
// log line, and everything another origin received.
func TestSecretsNeverShow(t *testing.T) {
	t.Parallel()
	for _, cred := range credentials() {
		for _, sc := range sweepScenarios() {
			for _, op := range operations() {
				if op.api != cred.api || (sc.applies != nil && !sc.applies(op)) {
					continue
				}
				t.Run(cred.name+"/"+sc.name+"/"+op.name, func(t *testing.T) {
					t.Parallel()
					sweepOne(t, cred, sc, op)
				})
			}
		}
	}
}

func sweepOne(t *testing.T, cred credential, sc scenario, op operation) {
	e := newEnv(t, op, sc.env)
	e.script = Sequence(sc.steps(e)...)
	var logs syncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg := clientConfig{api: op.api, baseURL: e.main.URL, httpClient: e.tlsClient, logger: logger, cred: cred}
	c, err := newClients(cfg)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() {
		c.closeIdle()
		if e.tlsClient != nil {
			e.tlsClient.CloseIdleConnections()
		}
	})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	callErr := op.call(ctx, c)

	seen := map[string]string{"debug log": logs.String()}
	if callErr != nil {
		seen["error"] = fmt.Sprintf("%s\n%v\n%+v\n%#v", callErr.Error(), callErr, callErr, callErr)
		for i, u := 0, callErr; u != nil && i < 10; i, u = i+1, errors.Unwrap(u) {
			seen[fmt.Sprintf("wrapped error %d", i)] = fmt.Sprintf("%v %+v %#v", u, u, u)
		}
	}
	var client any = c.z
	if c.g != nil {
		client = c.g
	}
	seen["client"] = fmt.Sprintf("%v\n%+v\n%#v\n%s", client, client, client, client)
	for i, o := range optionValues(cred) {
		seen[fmt.Sprintf("option %d", i)] = fmt.Sprintf("%v\n%+v\n%#v", o, o, o)
	}
	for where, text := range seen {
		for _, s := range forms(cred) {
			if strings.Contains(text, s) {
				t.Errorf("%s shows the secret %.6s…:\n%s", where, s, text)
			}
		}
	}
	if e.other != nil {
		for _, r := range e.redirected() {
			if leaked := credentialIn(r); leaked != "" {
				t.Errorf("the other origin received %s on %s %s", leaked, r.Method, r.Target)
			}
		}
	}
	if logs.String() == "" {
		t.Errorf("no debug log line for %s: the log sweep would prove nothing", sc.name)
	}
}

// optionValues returns the options of cred and the WithHeader secret, for
// formatting.
func optionValues(cred credential) []any {
	if cred.api == apiZendesk {
		return []any{cred.zendesk(), zendesk.WithHeader(secretHeaderName, secretHeaderValue)}
	}
	return []any{cred.game(), gameserver.WithHeader(secretHeaderName, secretHeaderValue)}
}

// TestIDsStayOnTheirRoute sends hostile session ids through every
// operation of the game server that takes one (Zendesk ids are integers)
// and checks on the raw request line the server logged that each stayed
// one path segment of its route, split no header, and that dot segments
// are refused before any request.
func TestIDsStayOnTheirRoute(t *testing.T) {
	t.Parallel()
	ids := []string{"a/b", "a?b=c", "a#frag", "a%2Fb", "100%", "../users", "..", ".", "a/../../v1/sessions",
		"a\r\nX-Injected: 1", "a\nb", "a b", "é-S"}
	for _, op := range operations() {
		if op.api != apiGameserver || !strings.HasPrefix(op.path, "/v1/session/") {
			continue
		}
		suffix := strings.TrimPrefix(op.path, "/v1/session/"+gameserverSessionID)
		for _, id := range ids {
			t.Run(op.name+"/"+url.PathEscape(id), func(t *testing.T) {
				t.Parallel()
				srv, err := Listen("127.0.0.1:0", func(c *Conn, r *Request) bool {
					return Respond(404, jsonHeader(), `{"message":"Session not found"}`)(c, r)
				})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = srv.Close() })
				c, err := newClients(clientConfig{api: apiGameserver, baseURL: srv.URL, maxRetries: 1})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(c.closeIdle)
				ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
				defer cancel()
				callErr := callWithID(ctx, c.g, op.name, id)
				reqs := srv.Requests()
				if id == "." || id == ".." {
					if !errors.Is(callErr, gameserver.ErrInvalidArgument) || len(reqs) != 0 {
						t.Fatalf("dot segment %q: err %v, %d requests; want ErrInvalidArgument and none", id, callErr, len(reqs))
					}
					return
				}
				if errors.Is(callErr, gameserver.ErrInvalidArgument) && len(reqs) == 0 {
					return // refused before sending: it reached nothing
				}
				if len(reqs) != 1 {
					t.Fatalf("%d requests, want 1 (err %v)", len(reqs), callErr)
				}
				r := reqs[0]
				if r.Header.Get("X-Injected") != "" {
					t.Errorf("the id split a header: %q", r.Header)
				}
				target := r.Target
				if strings.ContainsAny(target, "?#") {
					t.Errorf("request target %q has a query or fragment", target)
				}
				rest, ok := strings.CutPrefix(target, "/v1/session/")
				if !ok || !strings.HasSuffix(rest, suffix) {
					t.Fatalf("request target %q left the route /v1/session/{id}%s", target, suffix)
				}
				seg := strings.TrimSuffix(rest, suffix)
				if strings.Contains(seg, "/") {
					t.Errorf("id segment %q of %q holds a raw '/'", seg, target)
				}
				if got, err := url.PathUnescape(seg); err != nil || got != id {
					t.Errorf("id segment %q decodes to %q (%v), want %q", seg, got, err, id)
				}
			})
		}
	}
}

// callWithID calls the named game-server operation on id.
func callWithID(ctx context.Context, g *gameserver.Client, name, id string) error {
	var err error
	switch name {
	case "Get":
		_, err = g.Sessions.Get(ctx, id)
	case "Delete":
		_, err = g.Sessions.Delete(ctx, id)
	case "DeleteIfExists":
		_, err = g.Sessions.DeleteIfExists(ctx, id)
	case "Users":
		_, err = g.Sessions.Users(ctx, id)
	case "AddUsers":
		_, err = g.Sessions.AddUsers(ctx, id, []string{"198.51.100.7"})
	case "RemoveUsers":
		_, err = g.Sessions.RemoveUsers(ctx, id, []string{"198.51.100.7"})
	case "WaitReady":
		_, err = g.Sessions.WaitReady(ctx, id)
	default:
		err = fmt.Errorf("no operation %q", name)
	}
	return err
}

// TestQueryValuesStayValues checks that Zendesk list options with query
// syntax in them arrive as one escaped value each.
func TestQueryValuesStayValues(t *testing.T) {
	t.Parallel()
	srv, err := Listen("127.0.0.1:0", func(c *Conn, r *Request) bool {
		return Respond(http.StatusOK, jsonHeader(), `{"sessions":[],"meta":{"has_more":false}}`)(c, r)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c, err := newClients(clientConfig{api: apiZendesk, baseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.closeIdle)
	hostile := "id&page[size]=1#x\r\nX-Injected: 1"
	_, err = c.z.Sessions.List(&zendesk.ListOptions{Sort: hostile, After: hostile}).Collect(t.Context())
	reqs := srv.Requests()
	if errors.Is(err, zendesk.ErrInvalidArgument) && len(reqs) == 0 {
		return
	}
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1 (err %v)", len(reqs), err)
	}
	u, perr := url.ParseRequestURI(reqs[0].Target)
	if perr != nil {
		t.Fatalf("request target %q: %v", reqs[0].Target, perr)
	}
	q := u.Query()
	if q.Get("sort") != hostile || q.Get("page[after]") != hostile || len(q["page[size]"]) != 1 {
		t.Errorf("query %q: sort %q, page[after] %q, page[size] %q; want the values intact and one page size",
			u.RawQuery, q.Get("sort"), q.Get("page[after]"), q["page[size]"])
	}
	if reqs[0].Header.Get("X-Injected") != "" {
		t.Errorf("a list option split a header")
	}
}
