package zendesk_test

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// Credentials used by the tests; they must never show up in any output.
const (
	testEmail    = "agent@acme.example"
	testAPIToken = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv"
	testPassword = "Tr0ub4dor&3-horse-battery"
	testOAuth    = "ya29.a0AfH6SMBxq-oauth-access-9f8e7d6c"
)

// apiTokenAuth is the Authorization header WithAPIToken(testEmail, testAPIToken) sends.
func apiTokenAuth() string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(testEmail+"/token:"+testAPIToken))
}

// Bodies as the live API and Zendesk's API reference show them (the
// spec's descriptions record the quirks: a session as an object or a
// one-element array, the classic, OAuth and JSON:API error shapes).
const (
	bodySessionObject = `{"session":{"id":8589934592,"user_id":12884901888,"authenticated_at":"2014-11-18T17:24:29Z","last_seen_at":"2014-11-18T17:30:52Z","url":"https://acme.zendesk.com/api/v2/users/12884901888/sessions/8589934592.json"}}`
	bodySessionArray  = `{"session":[{"id":8589934592,"user_id":12884901888,"authenticated_at":"2014-11-18T17:24:29Z","last_seen_at":"2014-11-18T17:30:52Z","url":"https://acme.zendesk.com/api/v2/users/12884901888/sessions/8589934592.json"}]}`
	bodyRenew         = `{"authenticity_token":"huU1eXsF/VdCDSmSHk4wxpbYvU0kJt8VNSCuZMa3tdg="}`

	errClassic404  = `{"error":"RecordNotFound","description":"Not found"}`
	errClassic401  = `{"error":"Couldn't authenticate you"}`
	errOAuth401    = `{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}`
	errJSONAPI429  = `{"errors":[{"code":"TooManyRequests","title":"Too many requests","detail":"Number of allowed API requests per minute exceeded","status":"429"}]}`
	errClassic422  = `{"error":"RecordInvalid","description":"Record validation errors","details":{"base":[{"description":"invalid"}]}}`
	errTextPlain   = "Service Unavailable: back soon"
	errHTMLGateway = "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"
)

// recorded is the session of the recorded bodies.
func recorded() zendesk.Session {
	return zendesk.Session{
		ID: 8589934592, UserID: 12884901888,
		AuthenticatedAt:    mustTime("2014-11-18T17:24:29Z"),
		LastSeenAt:         mustTime("2014-11-18T17:30:52Z"),
		URL:                "https://acme.zendesk.com/api/v2/users/12884901888/sessions/8589934592.json",
		RawAuthenticatedAt: "2014-11-18T17:24:29Z",
		RawLastSeenAt:      "2014-11-18T17:30:52Z",
	}
}

// reply is a canned response.
type reply struct {
	status int
	header http.Header
	body   string
}

// seen is what a fake server saw of one request.
type seen struct {
	Method, Path, Query, Auth string
}

// fake is an httptest server that records every request and answers with
// the canned replies in order, repeating the last.
type fake struct {
	*httptest.Server
	mu      sync.Mutex
	replies []reply
	reqs    []seen
	hdrs    []http.Header
}

func newFake(t *testing.T, replies ...reply) *fake {
	t.Helper()
	f := &fake{replies: replies}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		n := len(f.reqs)
		f.reqs = append(f.reqs, seen{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization")})
		f.hdrs = append(f.hdrs, r.Header.Clone())
		rp := reply{status: http.StatusNoContent}
		if len(f.replies) > 0 {
			rp = f.replies[min(n, len(f.replies)-1)]
		}
		f.mu.Unlock()
		serve(w, rp)
	}))
	t.Cleanup(f.Close)
	return f
}

func serve(w http.ResponseWriter, rp reply) {
	for k, vs := range rp.header {
		w.Header()[k] = vs
	}
	if w.Header().Get("Content-Type") == "" && rp.body != "" {
		ct := "application/json; charset=utf-8"
		if !strings.HasPrefix(rp.body, "{") {
			ct = "text/plain; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("X-Zendesk-Request-Id", "8e7c5d3a5c4b1e2f-IAD")
	if w.Header().Get("X-Rate-Limit") == "" {
		w.Header().Set("X-Rate-Limit", "700")
		w.Header().Set("X-Rate-Limit-Remaining", "699")
	}
	w.WriteHeader(rp.status)
	_, _ = io.WriteString(w, rp.body)
}

func (f *fake) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

func (f *fake) headers() []http.Header {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]http.Header(nil), f.hdrs...)
}

// client returns a client of f with an API token and no retries, plus opts.
func (f *fake) client(t *testing.T, opts ...zendesk.Option) *zendesk.Client {
	t.Helper()
	base := []zendesk.Option{
		zendesk.WithBaseURL(f.URL), zendesk.WithHTTPClient(f.Client()),
		zendesk.WithAPIToken(testEmail, testAPIToken), zendesk.WithoutRetries(),
	}
	zc, err := zendesk.NewClient("acme", append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return zc
}

// doerFunc adapts a function to zendesk.Doer: an in-memory transport.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// respond builds an in-memory response to r, with its ContentLength set
// as net/http sets it.
func respond(r *http.Request, status int, body string) *http.Response {
	return &http.Response{
		StatusCode: status, Status: http.StatusText(status), Request: r, ContentLength: int64(len(body)),
		Header: http.Header{"Content-Type": {"application/json"}, "X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"42"}},
		Body:   io.NopCloser(strings.NewReader(body)),
	}
}

// noIO is a Doer that fails the test when anything is sent.
func noIO(t *testing.T) zendesk.Doer {
	return doerFunc(func(r *http.Request) (*http.Response, error) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
		return respond(r, http.StatusTeapot, ""), nil
	})
}

// offlineClient returns a client whose HTTP client fails the test if
// anything is sent.
func offlineClient(t *testing.T) *zendesk.Client {
	t.Helper()
	zc, err := zendesk.NewClient("acme", zendesk.WithHTTPClient(noIO(t)), zendesk.WithOAuthToken(testOAuth))
	if err != nil {
		t.Fatal(err)
	}
	return zc
}

// Zendesk test server users.
const (
	adminID   int64 = 12884901888
	endUserID int64 = 12884901999
)

// newZendesk starts a zendesktest server (without network when offline, for
// synctest) with an admin and an end user, and a client authenticated as
// the admin with OAuth.
func newZendesk(t *testing.T, offline bool, opts []zendesktest.Option, clientOpts ...zendesk.Option) (*zendesktest.Server, *zendesk.Client) {
	t.Helper()
	all := []zendesktest.Option{zendesktest.WithUsers(
		zendesktest.User{ID: adminID, Email: "admin@acme.example", Role: zendesktest.RoleAdmin, OAuthToken: testOAuth},
		zendesktest.User{ID: endUserID, Email: testEmail, APIToken: testAPIToken, Password: testPassword},
	)}
	if offline {
		all = append(all, zendesktest.WithoutNetwork())
	}
	srv := zendesktest.NewServer(t, append(all, opts...)...)
	base := []zendesk.Option{zendesk.WithBaseURL(srv.URL), zendesk.WithHTTPClient(srv.Client()), zendesk.WithOAuthToken(testOAuth)}
	zc, err := zendesk.NewClient("acme", append(base, clientOpts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, zc
}

func mustTime(v string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		panic(err)
	}
	return t
}
