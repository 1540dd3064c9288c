package contract_test

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sessionkit/sessions/internal/specvalidate"
	"github.com/sessionkit/sessions/openapi"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// The live contract run ("make contract-live") sends the contract cases to
// the real services, configured by these environment variables. Without
// any of the credentials it does nothing but say what to set. Anything
// that changes something on a service (a session, a token, a session's
// expiry) is sent only when liveWrites is "1".
const (
	liveZendeskSubdomain = "SESSIONKIT_LIVE_ZENDESK_SUBDOMAIN"
	liveZendeskBaseURL   = "SESSIONKIT_LIVE_ZENDESK_BASE_URL" // optional: another base URL than https://{subdomain}.zendesk.com
	liveZendeskEmail     = "SESSIONKIT_LIVE_ZENDESK_EMAIL"
	liveZendeskAPIToken  = "SESSIONKIT_LIVE_ZENDESK_API_TOKEN"
	liveZendeskOAuth     = "SESSIONKIT_LIVE_ZENDESK_OAUTH_TOKEN"  // instead of email and API token
	liveZendeskTestUser  = "SESSIONKIT_LIVE_ZENDESK_TEST_USER_ID" // writes: the dedicated user whose sessions are revoked
	liveZendeskClientID  = "SESSIONKIT_LIVE_ZENDESK_CLIENT_ID"    // optional: mint a client-credentials token
	liveZendeskSecret    = "SESSIONKIT_LIVE_ZENDESK_CLIENT_SECRET"
	liveEdgegapToken     = "SESSIONKIT_LIVE_EDGEGAP_API_TOKEN"
	liveEdgegapBaseURL   = "SESSIONKIT_LIVE_EDGEGAP_BASE_URL"    // optional: another base URL than https://api.edgegap.com
	liveEdgegapApp       = "SESSIONKIT_LIVE_EDGEGAP_APP"         // writes: the app to create sessions of
	liveEdgegapWebhook   = "SESSIONKIT_LIVE_EDGEGAP_WEBHOOK_URL" // optional: a webhook_url of yours for the sessions created; none by default
	liveWrites           = "SESSIONKIT_LIVE_WRITES"
)

// liveConfig is the live run's configuration, read from the environment.
type liveConfig struct {
	zendesk, game bool
	writes        bool
	getenv        func(string) string
}

func readLiveConfig(getenv func(string) string) liveConfig {
	return liveConfig{
		zendesk: getenv(liveZendeskSubdomain) != "" && (getenv(liveZendeskOAuth) != "" || getenv(liveZendeskEmail) != "" && getenv(liveZendeskAPIToken) != ""),
		game:    getenv(liveEdgegapToken) != "",
		writes:  getenv(liveWrites) == "1",
		getenv:  getenv,
	}
}

// exchange is one request and its answer as the recording transport saw
// them.
type exchange struct {
	method, path string
	status       int
	header       http.Header
	body         []byte
}

// recorder is the clients' transport in a live run: it keeps every
// answer's status, header and body for the report.
type recorder struct {
	next *http.Client
	mu   sync.Mutex
	seen []exchange
}

// Do sends req and records the answer, whose body it hands on unread.
func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.next.Do(req)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	r.mu.Lock()
	r.seen = append(r.seen, exchange{req.Method, req.URL.Path, resp.StatusCode, resp.Header.Clone(), body})
	r.mu.Unlock()
	return resp, err
}

// take returns the exchanges since the last take.
func (r *recorder) take() []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.seen
	r.seen = nil
	return out
}

// liveOrder is the order the live run sends each API's operations in: the
// reads first, then the writes, each on what an earlier one found or made.
var liveOrder = map[string][]string{
	zendeskSpec: {"ListSessions", "ListUserSessions", "ShowSession", "SearchUsers", "ShowCurrentlyAuthenticatedSession", "RenewCurrentSession",
		"CreateOAuthToken", "DeleteSession", "BulkDeleteSessionsByUserId", "DeleteAuthenticatedSession"},
	gameSpec: {"list-sessions", "get-session", "get-users-session", "session-post", "put-users-session", "delete-users-session",
		"session-delete", "sessions-bulk-stop"},
}

// The live run's time limits: the whole run, then the clean-up after it,
// which has a deadline of its own (the run's may be what ended it).
const (
	liveRunTimeout     = 10 * time.Minute
	liveCleanupTimeout = 2 * time.Minute
)

// liveRun runs the contract cases against the services cfg names, with
// transport under the recorder, and writes one report line per operation
// to out: what was sent, the status, what was decoded and checked, the
// headers, and the fields the answer carried that the spec does not know.
// It returns the failed checks, one line each.
//
// It stops early when ctx ends (a timeout, Ctrl-C), and on every way out —
// that, a failed step, a panic — deletes the game-server sessions it
// created and did not see deleted or stopped (see cleanup).
func liveRun(ctx context.Context, cfg liveConfig, transport *http.Client, out io.Writer) (failures []string) {
	lr := &liveRunner{cfg: cfg, out: out, rec: &recorder{next: transport}}
	defer func() {
		lr.cleanup(ctx)
		failures = lr.failures
	}()
	if err := lr.connect(); err != nil {
		lr.fail("%v", err)
		return
	}
	cases := map[string]contractCase{}
	for _, c := range allCases() {
		cases[c.spec+" "+c.op] = c
	}
	docs := map[string]func() []byte{zendeskSpec: openapi.Zendesk, gameSpec: openapi.Gameserver}
	for _, spec := range []string{zendeskSpec, gameSpec} {
		if spec == zendeskSpec && !cfg.zendesk || spec == gameSpec && !cfg.game {
			fmt.Fprintf(out, "%s: not configured, skipped\n", apiName(spec))
			continue
		}
		doc, err := specvalidate.LoadData(ctx, spec, docs[spec]())
		if err != nil {
			lr.fail("%v", err)
			return
		}
		lr.doc = doc
		for _, op := range liveOrder[spec] {
			if err := context.Cause(ctx); err != nil {
				lr.fail("stopped before %s %s: %v", apiName(spec), op, err)
				return
			}
			lr.run(ctx, cases[spec+" "+op])
		}
	}
	return
}

// connect builds the clients of the APIs lr.cfg names, sending through the
// recorder.
func (lr *liveRunner) connect() error {
	cfg := lr.cfg
	if cfg.zendesk {
		newZendesk := func(opts ...zendesk.Option) (*zendesk.Client, error) {
			base := []zendesk.Option{zendesk.WithHTTPClient(lr.rec)}
			if u := cfg.getenv(liveZendeskBaseURL); u != "" {
				base = append(base, zendesk.WithBaseURL(u))
			}
			return zendesk.NewClient(cfg.getenv(liveZendeskSubdomain), append(base, opts...)...)
		}
		auth := zendesk.WithAPIToken(cfg.getenv(liveZendeskEmail), cfg.getenv(liveZendeskAPIToken))
		if tok := cfg.getenv(liveZendeskOAuth); tok != "" {
			auth = zendesk.WithOAuthToken(tok)
		}
		zc, err := newZendesk(auth)
		if err != nil {
			return fmt.Errorf("zendesk client: %w", err)
		}
		lr.cl.zendesk, lr.cl.newZendesk = zc, newZendesk
	}
	if cfg.game {
		opts := []gameserver.Option{gameserver.WithAPIToken(cfg.getenv(liveEdgegapToken)), gameserver.WithHTTPClient(lr.rec)}
		if u := cfg.getenv(liveEdgegapBaseURL); u != "" {
			opts = append(opts, gameserver.WithBaseURL(u))
		}
		gc, err := gameserver.NewClient(opts...)
		if err != nil {
			return fmt.Errorf("gameserver client: %w", err)
		}
		lr.cl.game = gc
	}
	return nil
}

// liveRunner carries a live run's state from one operation to the next.
type liveRunner struct {
	cfg      liveConfig
	out      io.Writer
	rec      *recorder
	cl       clients
	doc      *openapi3.T
	fx       fixture
	failures []string
	// zSeen is whether a Zendesk session was found to show; gCreated the
	// session session-post created, gBulk the one created to bulk-stop.
	zSeen    bool
	gCreated string
	gBulk    string
	// gLeft are the game-server sessions the run created and has not seen
	// deleted or stopped: what cleanup deletes.
	gLeft []string
}

// fail records a failed check.
func (lr *liveRunner) fail(format string, args ...any) {
	lr.failures = append(lr.failures, fmt.Sprintf(format, args...))
}

// cleanup deletes every game-server session the run created and has not
// seen deleted or stopped, whatever ended the run, on a context of its own
// (the run's may have been cancelled or run out of time): a 404 or 410 means
// it is gone already. A session it cannot delete is a failure naming it.
func (lr *liveRunner) cleanup(ctx context.Context) {
	if len(lr.gLeft) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), liveCleanupTimeout)
	defer cancel()
	for _, id := range lr.gLeft {
		_, err := lr.cl.game.Sessions.Delete(ctx, id)
		switch {
		case err == nil:
			fmt.Fprintf(lr.out, "cleanup: deleted gameserver session %s\n", id)
		case errors.Is(err, gameserver.ErrNotFound) || errors.Is(err, gameserver.ErrGone):
			fmt.Fprintf(lr.out, "cleanup: gameserver session %s is gone already\n", id)
		default:
			lr.fail("cleanup: gameserver session %s, which this run created, is still on the account (delete it yourself): %v", id, err)
			fmt.Fprintf(lr.out, "cleanup: FAILED to delete gameserver session %s: %v\n", id, err)
		}
	}
	lr.gLeft = nil
}

// created notes a game-server session the run made, for cleanup.
func (lr *liveRunner) created(id string) {
	if id != "" {
		lr.gLeft = append(lr.gLeft, id)
	}
}

// gone drops the sessions the service reported deleted or stopped from
// what cleanup deletes.
func (lr *liveRunner) gone(ids ...string) {
	lr.gLeft = slices.DeleteFunc(lr.gLeft, func(id string) bool { return slices.Contains(ids, id) })
}

func apiName(spec string) string {
	if spec == zendeskSpec {
		return "zendesk"
	}
	return "gameserver"
}

// run sends one case, unless it cannot or may not be sent, and reports it.
func (lr *liveRunner) run(ctx context.Context, c contractCase) {
	name := apiName(c.spec) + " " + c.op
	if reason := lr.prepare(ctx, c); reason != "" {
		fmt.Fprintf(lr.out, "%s: skipped: %s\n", name, reason)
		return
	}
	lr.rec.take()
	got, err := c.call(ctx, lr.cl, lr.fx, callOpts{tokenLifetime: zendesk.MinTokenLifetime})
	seen := lr.rec.take()
	var parts []string
	for _, ex := range seen {
		parts = append(parts, fmt.Sprintf("%s %s -> %d", ex.method, ex.path, ex.status))
	}
	line := name + ": " + strings.Join(parts, ", ")
	if err != nil {
		if lr.tolerated(c, err) {
			fmt.Fprintf(lr.out, "%s; answered as documented for these credentials: %v\n", line, err)
			return
		}
		lr.fail("%s: %v", name, err)
		fmt.Fprintf(lr.out, "%s; FAILED: %v\n", line, err)
		return
	}
	checks := []string{"decoded " + describe(got)}
	if msg := lr.check(c, got); msg != "" {
		lr.fail("%s: %s", name, msg)
		checks = append(checks, "FAILED: "+msg)
	}
	lr.learn(c, got)
	for _, ex := range seen {
		checks = append(checks, lr.headers(c.spec, ex))
		if unknown := lr.unknown(ex); len(unknown) > 0 {
			checks = append(checks, "fields the spec does not know: "+strings.Join(unknown, ", "))
		}
	}
	fmt.Fprintf(lr.out, "%s; %s\n", line, strings.Join(checks, "; "))
}

// prepare sets the fixture for c from what earlier operations found, and
// says why c cannot be sent when it cannot.
func (lr *liveRunner) prepare(ctx context.Context, c contractCase) string {
	getenv := lr.cfg.getenv
	if c.write && !lr.cfg.writes {
		return "a write; set " + liveWrites + "=1 to send it"
	}
	switch c.op {
	case "ShowSession", "ListUserSessions":
		if !lr.zSeen {
			return "the account listed no session"
		}
	case "SearchUsers":
		if lr.fx.zEmail = getenv(liveZendeskEmail); lr.fx.zEmail == "" {
			return "set " + liveZendeskEmail + " to look a user up by email"
		}
	case "CreateOAuthToken":
		if getenv(liveZendeskClientID) == "" || getenv(liveZendeskSecret) == "" {
			return "set " + liveZendeskClientID + " and " + liveZendeskSecret + " to mint a client-credentials token"
		}
		lr.fx.zClientID, lr.fx.zClientSecret = getenv(liveZendeskClientID), getenv(liveZendeskSecret)
	case "DeleteSession", "BulkDeleteSessionsByUserId":
		id, err := strconv.ParseInt(getenv(liveZendeskTestUser), 10, 64)
		if err != nil || id <= 0 {
			return "set " + liveZendeskTestUser + " to the id of a dedicated test user whose sessions may be revoked"
		}
		lr.fx.zUserID = id
		if c.op == "DeleteSession" {
			for s, err := range lr.cl.zendesk.Sessions.ListByUser(id, nil).All(ctx) {
				if err != nil {
					return fmt.Sprintf("listing the test user's sessions failed: %v", err)
				}
				lr.fx.zSessionID = s.ID
				return ""
			}
			return "the test user has no session to revoke (log them in first)"
		}
	case "get-session", "get-users-session":
		if lr.fx.gSessionID == "" {
			return "the account listed no session"
		}
	case "session-post":
		if getenv(liveEdgegapApp) == "" {
			return "set " + liveEdgegapApp + " to an app whose sessions may be created"
		}
		lr.fx.gApp, lr.fx.gWebhookURL = getenv(liveEdgegapApp), getenv(liveEdgegapWebhook)
	case "put-users-session", "delete-users-session", "session-delete":
		if lr.gCreated == "" {
			return "no session was created"
		}
		lr.fx.gSessionID, lr.fx.gUserIP = lr.gCreated, "198.51.100.1"
	case "sessions-bulk-stop":
		if lr.fx.gApp == "" {
			return "no app to create a session of"
		}
		created, err := lr.cl.game.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: lr.fx.gApp, IPList: []string{"198.51.100.3"}, WebhookURL: lr.fx.gWebhookURL})
		if err != nil {
			return fmt.Sprintf("creating a session to stop failed: %v", err)
		}
		lr.created(created.ID)
		lr.fx.gSessionID, lr.gBulk = created.ID, created.ID
	}
	return ""
}

// tolerated reports an error the live service documents for these
// credentials: a 404 for the current session under token authentication,
// which has no session.
func (lr *liveRunner) tolerated(c contractCase, err error) bool {
	switch c.op {
	case "ShowCurrentlyAuthenticatedSession", "RenewCurrentSession":
		return errors.Is(err, zendesk.ErrNotFound) || errors.Is(err, zendesk.ErrUnauthorized) || errors.Is(err, zendesk.ErrForbidden)
	}
	return false
}

// check holds a decoded value to what the request asked for.
func (lr *liveRunner) check(c contractCase, got any) string {
	switch v := got.(type) {
	case zendesk.Session:
		if v.ID == 0 || c.op == "ShowSession" && (v.ID != lr.fx.zSessionID || v.UserID != lr.fx.zUserID) {
			return fmt.Sprintf("the session is %d of user %d, want %d of %d", v.ID, v.UserID, lr.fx.zSessionID, lr.fx.zUserID)
		}
	case zendesk.User:
		if v.ID == 0 || !strings.EqualFold(v.Email, lr.fx.zEmail) {
			return fmt.Sprintf("found user %d with email %q, want the one of %q", v.ID, v.Email, lr.fx.zEmail)
		}
	case page[zendesk.Session]:
		for _, s := range v.Items {
			if s.ID == 0 || c.op == "ListUserSessions" && s.UserID != lr.fx.zUserID {
				return fmt.Sprintf("listed session %d of user %d", s.ID, s.UserID)
			}
		}
	case *gameserver.Session:
		if v.ID != lr.fx.gSessionID {
			return fmt.Sprintf("the session is %q, want %q", v.ID, lr.fx.gSessionID)
		}
	case *gameserver.CreatedSession:
		if v.ID == "" || v.App != lr.fx.gApp {
			return fmt.Sprintf("created %q of app %q, want an id and app %q", v.ID, v.App, lr.fx.gApp)
		}
	case *gameserver.DeletedSession:
		if v.ID != lr.fx.gSessionID {
			return fmt.Sprintf("deleted %q, want %q", v.ID, lr.fx.gSessionID)
		}
	case page[gameserver.SessionSummary]:
		for _, s := range v.Items {
			if s.ID == "" {
				return "a listed session has no id"
			}
		}
	}
	return ""
}

// learn keeps what later operations act on.
func (lr *liveRunner) learn(c contractCase, got any) {
	switch v := got.(type) {
	case page[zendesk.Session]:
		if c.op == "ListSessions" && len(v.Items) > 0 {
			lr.zSeen, lr.fx.zUserID, lr.fx.zSessionID = true, v.Items[0].UserID, v.Items[0].ID
		}
	case page[gameserver.SessionSummary]:
		if len(v.Items) > 0 && lr.fx.gSessionID == "" {
			lr.fx.gSessionID = v.Items[0].ID
		}
	case *gameserver.CreatedSession:
		lr.gCreated = v.ID
		lr.created(v.ID)
	case *gameserver.DeletedSession:
		lr.gone(v.ID)
	case []string: // the sessions bulk-stop stopped
		lr.gone(v...)
	}
}

// headers reports the request id and rate-limit headers of an answer, as
// the wrappers read them.
func (lr *liveRunner) headers(spec string, ex exchange) string {
	id, rl := ex.header.Get("X-Zendesk-Request-Id"), zendesk.ParseRateLimit(ex.header)
	if spec == gameSpec {
		id, rl = cmp.Or(ex.header.Get("X-Request-Id"), ex.header.Get("Request-Id")), gameserver.ParseRateLimit(ex.header)
	}
	parts := []string{"no request id"}
	if id != "" {
		parts[0] = "request id " + id
	}
	if rl.Present {
		parts = append(parts, fmt.Sprintf("rate limit %d of %d left", rl.Remaining, rl.Limit))
	} else {
		parts = append(parts, "no rate-limit headers")
	}
	if spec == zendeskSpec && (id == "" || !rl.Present) {
		lr.fail("%s %s: no X-Zendesk-Request-Id or X-Rate-Limit headers, which every Zendesk answer carries", ex.method, ex.path)
	}
	return "headers: " + strings.Join(parts, ", ")
}

// unknown lists the fields of an answer's body that the spec's schema for
// its operation and status does not declare.
func (lr *liveRunner) unknown(ex exchange) []string {
	for _, op := range specvalidate.Operations(lr.doc) {
		if op.Method == ex.method && matchPath(op.Path, ex.path) {
			return unknownFields(responseSchema(op.Operation, ex.status), ex.body)
		}
	}
	return nil
}

// describe summarises a decoded value for the report.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing, as documented"
	case renewed:
		return fmt.Sprintf("an authenticity token (set: %v)", v.TokenSet)
	case page[zendesk.Session]:
		return fmt.Sprintf("a page of %d sessions (has more: %v)", len(v.Items), v.HasMore)
	case page[gameserver.SessionSummary]:
		return fmt.Sprintf("a page of %d sessions of %d (has more: %v)", len(v.Items), v.Total, v.HasMore)
	case []string:
		return fmt.Sprintf("%d session ids", len(v))
	case []gameserver.User:
		return fmt.Sprintf("%d users", len(v))
	}
	set, all := fieldsSet(reflect.ValueOf(v))
	return fmt.Sprintf("%T with %d of %d fields set", v, set, all)
}

// fieldsSet counts the non-zero fields of a struct (through a pointer).
func fieldsSet(v reflect.Value) (set, all int) {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return 0, 0
	}
	for i := range v.NumField() {
		all++
		if !v.Field(i).IsZero() {
			set++
		}
	}
	return set, all
}

// TestLiveOrderCoversEveryCase: the live run sends every case of both APIs.
func TestLiveOrderCoversEveryCase(t *testing.T) {
	ordered := map[string]bool{}
	for spec, ops := range liveOrder {
		for _, op := range ops {
			ordered[spec+" "+op] = true
		}
	}
	for _, c := range allCases() {
		if !ordered[c.spec+" "+c.op] {
			t.Errorf("%s %s is not in the live run's order", c.spec, c.op)
		}
		delete(ordered, c.spec+" "+c.op)
	}
	for k := range ordered {
		t.Errorf("the live run's order names %s, which has no case", k)
	}
}
