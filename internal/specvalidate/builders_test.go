package specvalidate_test

import (
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	gsgen "github.com/sessionkit/sessions/gen/gameserver"
	zgen "github.com/sessionkit/sessions/gen/zendesk"
)

// resolved is the URL a builder must produce: the operation path (already
// escaped) resolved against the parsed server URL as a relative reference,
// the rule oapi-codegen's own builders follow and the wrappers rely on for a
// base URL's path prefix.
func resolved(t *testing.T, server, path string) string {
	t.Helper()
	base, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u, err := base.Parse("." + path)
	if err != nil {
		t.Fatal(err)
	}
	return u.String()
}

// servers are base URLs of every shape the generated builders take: the
// engine's (a trailing slash, with or without a path prefix) on the fast
// path, and the others, which are resolved.
var servers = []string{
	"https://acme.zendesk.com/",
	"http://127.0.0.1:8080/proxy/v/",
	"https://h.example/prefix",
	"https://h.example/a/../b/",
	"https://h.example/p/?keep=no",
	"https://h.example/p/#frag",
}

// TestBuildersResolveLikeReferences checks the URL, method, body and
// Content-Type of requests built by the generated builders (gen/templates/
// client.tmpl) for ids of every shape, against the reference resolution.
func TestBuildersResolveLikeReferences(t *testing.T) {
	ints := []int64{0, 1, -7, math.MaxInt64, math.MinInt64}
	strs := []string{"abc", "a/b", "a b", "ü", "%2e%2e", "a?b#c", "x;y=z", "..a"}
	for _, server := range servers {
		for _, uid := range ints {
			for _, sid := range ints[:3] {
				req, err := zgen.NewShowSessionRequest(server, uid, sid)
				check(t, req, err, http.MethodGet, resolved(t, server, "/api/v2/users/"+strconv.FormatInt(uid, 10)+"/sessions/"+strconv.FormatInt(sid, 10)), "", "")
			}
			req, err := zgen.NewBulkDeleteSessionsByUserIdRequest(server, uid)
			check(t, req, err, http.MethodDelete, resolved(t, server, "/api/v2/users/"+strconv.FormatInt(uid, 10)+"/sessions"), "", "")
		}
		for _, id := range strs {
			req, err := gsgen.NewGetSessionRequest(server, id)
			check(t, req, err, http.MethodGet, resolved(t, server, "/v1/session/"+url.PathEscape(id)), "", "")
			req, err = gsgen.NewPutUsersSessionRequest(server, id, gsgen.PutUsersSessionJSONRequestBody{})
			check(t, req, err, http.MethodPut, resolved(t, server, "/v1/session/"+url.PathEscape(id)+"/users"), "application/json", `{"ip_list":null}`)
		}
		size, after, sort := 50, "a b&c", "-id"
		req, err := zgen.NewListSessionsRequest(server, &zgen.ListSessionsParams{PageSize: &size, PageAfter: &after, Sort: &sort})
		check(t, req, err, http.MethodGet, resolved(t, server, "/api/v2/sessions")+"?page%5Bsize%5D=50&page%5Bafter%5D=a+b%26c&sort=-id", "", "")
		req, err = zgen.NewListSessionsRequest(server, &zgen.ListSessionsParams{})
		check(t, req, err, http.MethodGet, resolved(t, server, "/api/v2/sessions"), "", "")
		page, limit := 2, 100
		req, err = gsgen.NewListSessionsRequest(server, &gsgen.ListSessionsParams{Page: &page, Limit: &limit})
		check(t, req, err, http.MethodGet, resolved(t, server, "/v1/sessions")+"?page=2&limit=100", "", "")
	}
}

func check(t *testing.T, req *http.Request, err error, method, wantURL, contentType, body string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s %s: %v", method, wantURL, err)
	}
	type got struct{ Method, URL, ContentType, Body string }
	var b []byte
	if req.Body != nil {
		if b, err = io.ReadAll(req.Body); err != nil {
			t.Fatal(err)
		}
	}
	want := got{method, wantURL, contentType, body}
	if d := cmp.Diff(want, got{req.Method, req.URL.String(), req.Header.Get("Content-Type"), string(b)}); d != "" {
		t.Errorf("built request (-want +got):\n%s", d)
	}
}

// TestBuildersRefuseBadServers checks that a server URL that does not parse
// fails the build with an error instead of producing a request.
func TestBuildersRefuseBadServers(t *testing.T) {
	for _, server := range []string{"http://[::1", "://x/", "http://h/%zz/"} {
		if req, err := zgen.NewShowSessionRequest(server, 1, 2); err == nil {
			t.Errorf("NewShowSessionRequest(%q) = %v, want an error", server, req.URL)
		}
	}
}
