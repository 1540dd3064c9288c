package zendesk_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// hostileToken is the access token the hostile token endpoints hand out;
// it must never show in an error.
const hostileToken = "tok-HOSTILE-5f1e2d3c4b5a69788796a5b4"

// tokenServer is a real loopback server whose token endpoint answers with
// token and whose API answers every other request 204 when it carries a
// token token accepts, 401 otherwise. It counts both.
type tokenServer struct {
	*httptest.Server
	mints, calls atomic.Int32
}

func newTokenServer(t *testing.T, token func(n int, w http.ResponseWriter, r *http.Request), accept func(auth string) bool) *tokenServer {
	t.Helper()
	ts := &tokenServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/tokens" {
			token(int(ts.mints.Add(1)), w, r)
			return
		}
		ts.calls.Add(1)
		if !accept(r.Header.Get("Authorization")) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid."}`))
			return
		}
		w.WriteHeader(204)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// client is a client of the server with client credentials.
func (ts *tokenServer) client(t *testing.T, opts ...zendesk.Option) *zendesk.Client {
	t.Helper()
	zc, err := zendesk.NewClient("acme", append([]zendesk.Option{
		zendesk.WithBaseURL(ts.URL), zendesk.WithClientCredentials(ccID, ccSecret),
		zendesk.WithRetry(zendesk.RetryPolicy{InitialBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond}),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(zc.CloseIdleConnections)
	return zc
}

// grant answers a token request with token and expires_in (a raw JSON
// number, or "" for none).
func grant(token, expiresIn string) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(201)
		body := fmt.Sprintf(`{"access_token":%q,"token_type":"bearer","scope":"read write"`, token)
		if expiresIn != "" {
			body += `,"expires_in":` + expiresIn
		}
		_, _ = w.Write([]byte(body + "}"))
	}
}

func acceptBearer(tok string) func(string) bool {
	return func(auth string) bool { return auth == "Bearer "+tok }
}

// deleteOne is one API call.
func deleteOne(ctx context.Context, zc *zendesk.Client) error {
	return zc.Sessions.Delete(ctx, 1, 2)
}

// TestMintHangingEndpointCallersKeepTheirDeadlines: behind a token
// endpoint that never answers, two concurrent callers with 1 s deadlines
// each return within 2 s, matching context.DeadlineExceeded.
func TestMintHangingEndpointCallersKeepTheirDeadlines(t *testing.T) {
	release := make(chan struct{})
	ts := newTokenServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}, acceptBearer(hostileToken))
	defer close(release) // before the server closes: the handler returns
	zc := ts.client(t)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			defer cancel()
			start := time.Now()
			err := deleteOne(ctx, zc)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("a caller with a 1 s deadline returned after %s", took)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v, want context.DeadlineExceeded", err)
			}
		})
	}
	wg.Wait()
	if n := ts.mints.Load(); n != 1 {
		t.Errorf("%d token requests, want 1 shared by both callers", n)
	}
}

// TestMintFailureStormIsBounded: 50 concurrent calls against a token
// endpoint answering 503 make at most 6 token requests (a shared mint
// and its retries, then the remembered failure), each failing with a
// *CredentialsError matching ErrServer, and no API request.
func TestMintFailureStormIsBounded(t *testing.T) {
	ts := newTokenServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(503)
	}, acceptBearer(hostileToken))
	zc := ts.client(t)
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			err := deleteOne(t.Context(), zc)
			if _, ok := errors.AsType[*zendesk.CredentialsError](err); !ok || !errors.Is(err, zendesk.ErrServer) {
				t.Errorf("err = %v, want a *CredentialsError matching ErrServer", err)
			}
		})
	}
	wg.Wait()
	if n := ts.mints.Load(); n > 6 {
		t.Errorf("50 concurrent calls made %d token requests, want at most 6", n)
	}
	if n := ts.calls.Load(); n != 0 {
		t.Errorf("%d API requests without a token, want 0", n)
	}
	t.Logf("token requests: %d", ts.mints.Load())
}

// TestMintExpiresInBounds: an expires_in outside what Zendesk grants never
// costs a mint per call nor overflows: 10 sequential calls make at most 2
// token requests, or fail with a *CredentialsError before any API request.
func TestMintExpiresInBounds(t *testing.T) {
	tests := []struct {
		expiresIn string
		wantOK    bool // the token is used (the lifetime clamped), or refused
	}{
		{"1", false},
		{"59", false},
		{"300", false},
		{"-5", false},
		{"0", true}, // no lifetime given: the one asked for
		{"", true},
		{"301", true},
		{"10000000000", true},                    // 10^10 s: taken as the lifetime asked for
		{fmt.Sprint(int64(math.MaxInt64)), true}, // no overflow
		{"1e10", false},                          // not an integer
		{"99999999999999999999999", false},       // overflows any integer
		{`"1800"`, false},
	}
	for _, tt := range tests {
		t.Run("expires_in="+tt.expiresIn, func(t *testing.T) {
			ts := newTokenServer(t, grant(hostileToken, tt.expiresIn), acceptBearer(hostileToken))
			zc := ts.client(t)
			for i := range 10 {
				err := deleteOne(t.Context(), zc)
				switch {
				case tt.wantOK && err != nil:
					t.Fatalf("call %d: %v", i+1, err)
				case !tt.wantOK:
					if _, ok := errors.AsType[*zendesk.CredentialsError](err); !ok {
						t.Fatalf("call %d: err = %v, want a *CredentialsError", i+1, err)
					}
					if strings.Contains(err.Error(), hostileToken) {
						t.Fatalf("the error quotes the token: %v", err)
					}
				}
			}
			if n := ts.mints.Load(); n > 2 {
				t.Errorf("10 calls made %d token requests, want at most 2", n)
			}
			if !tt.wantOK && ts.calls.Load() != 0 {
				t.Errorf("%d API requests with a refused token, want 0", ts.calls.Load())
			}
		})
	}
}

// TestMintBadTokenThenGoodOne: a token that cannot go in a header is
// refused, not cached: the next call, given a good token, succeeds.
func TestMintBadTokenThenGoodOne(t *testing.T) {
	for _, bad := range []string{"", "two words", "tab\there", strings.Repeat("x", 10<<10), "ctl\u007f"} {
		t.Run(fmt.Sprintf("%.16q", bad), func(t *testing.T) {
			ts := newTokenServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					grant(bad, "1800")(n, w, r)
					return
				}
				grant(hostileToken, "1800")(n, w, r)
			}, acceptBearer(hostileToken))
			zc := ts.client(t)
			err := deleteOne(t.Context(), zc)
			if _, ok := errors.AsType[*zendesk.CredentialsError](err); !ok || ts.calls.Load() != 0 {
				t.Fatalf("first call: err = %v after %d API requests, want a *CredentialsError before any", err, ts.calls.Load())
			}
			if err := deleteOne(t.Context(), zc); err != nil {
				t.Fatalf("second call: %v", err)
			}
		})
	}
}

// TestUndecodableSecretBodiesAreNotQuoted: a 200 from the token endpoint
// or from Renew whose body does not decode never puts the token into
// err.Error() or %+v.
func TestUndecodableSecretBodiesAreNotQuoted(t *testing.T) {
	bodies := []string{
		`{"access_token":"` + hostileToken + `","expires_in":"soon"}`,
		`{"access_token":"` + hostileToken + `",`,
		`{"access_token":["` + hostileToken + `"]}`,
		`{"access_token":` + strings.Repeat("9", 30) + hostileToken + `}`,
		hostileToken,
		`{"authenticity_token":{"` + hostileToken + `":1}}`,
		`{"authenticity_token":"` + hostileToken + `"`,
	}
	for i, body := range bodies {
		for _, op := range []string{"token endpoint", "Renew"} {
			t.Run(fmt.Sprintf("%s/%d", op, i), func(t *testing.T) {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte(body))
				}))
				defer srv.Close()
				auth := zendesk.WithOAuthToken("static-oauth-token")
				if op == "token endpoint" {
					auth = zendesk.WithClientCredentials(ccID, ccSecret)
				}
				zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), auth)
				if err != nil {
					t.Fatal(err)
				}
				defer zc.CloseIdleConnections()
				_, err = zc.Sessions.Renew(t.Context())
				if err == nil {
					t.Fatal("undecodable body accepted")
				}
				if _, ok := errors.AsType[*zendesk.DecodeError](err); !ok {
					t.Errorf("err = %v, want a *DecodeError", err)
				}
				for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
					if strings.Contains(s, hostileToken) || strings.Contains(s, hostileToken[:12]) {
						t.Errorf("the error shows the token: %s", s)
					}
				}
			})
		}
	}
}

// FuzzTokenEndpointBody: whatever the token endpoint answers, a call ends
// in a success or a typed error, never a panic, and no error quotes the
// access token.
func FuzzTokenEndpointBody(f *testing.F) {
	f.Add(`{"access_token":"` + hostileToken + `","token_type":"bearer","expires_in":1800}`)
	f.Add(`{"access_token":"` + hostileToken + `","expires_in":1}`)
	f.Add(`{"access_token":"` + hostileToken + `","expires_in":1e400}`)
	f.Add(`{"access_token":"` + hostileToken + `\r\nX: y","expires_in":1800}`)
	f.Add(`{"access_token":"` + hostileToken + `"`)
	f.Add(`[]`)
	f.Add(`null`)
	f.Fuzz(func(t *testing.T, body string) {
		doer := doerFunc(func(r *http.Request) (*http.Response, error) {
			if r.URL.Path == "/oauth/tokens" {
				return respond(r, 200, body), nil
			}
			return respond(r, 204, ""), nil
		})
		zc, err := zendesk.NewClient("acme", zendesk.WithHTTPClient(doer), zendesk.WithClientCredentials(ccID, ccSecret), zendesk.WithoutRetries())
		if err != nil {
			t.Fatal(err)
		}
		err = deleteOne(t.Context(), zc)
		if err == nil {
			return
		}
		if _, ok := errors.AsType[*zendesk.CredentialsError](err); !ok {
			t.Fatalf("err = %v, want a *CredentialsError", err)
		}
		if strings.Contains(body, hostileToken) && strings.Contains(fmt.Sprintf("%v %+v", err, err), hostileToken) {
			t.Fatalf("the error quotes the token: %v", err)
		}
	})
}
