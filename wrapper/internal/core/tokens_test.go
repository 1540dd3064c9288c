package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// staticMinter mints the same token, valid for an hour, every time.
type staticMinter string

func (m staticMinter) Mint(context.Context, *Call) (Token, error) {
	return NewToken(string(m), "Bearer", time.Hour)
}

// refusingAuth fails every request locally.
type refusingAuth struct{}

func (refusingAuth) Authenticate(context.Context, *http.Request) error {
	return invalid("token source", nil, "returned an access token with characters not allowed in a header")
}

// scriptedMinter mints with mint(n) for the n-th mint (1-based) and
// counts them.
type scriptedMinter struct {
	n    atomic.Int32
	mint func(ctx context.Context, n int) (Token, error)
}

func (m *scriptedMinter) Mint(ctx context.Context, _ *Call) (Token, error) {
	return m.mint(ctx, int(m.n.Add(1)))
}

// numbered mints "t1", "t2" ... for lifetime.
func numbered(lifetime time.Duration) *scriptedMinter {
	return &scriptedMinter{mint: func(_ context.Context, n int) (Token, error) {
		return NewToken(fmt.Sprintf("t%d", n), "Bearer", lifetime)
	}}
}

// okDoer answers every request 200 {} and records the Authorization
// values it saw.
type okDoer struct {
	mu   sync.Mutex
	seen []string
}

func (d *okDoer) Do(req *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.seen = append(d.seen, req.Header.Get("Authorization"))
	d.mu.Unlock()
	return fakeResponse(req, 200, nil, "{}"), nil
}

func (d *okDoer) requests() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.seen)
}

// get sends one GET through e under ctx.
func get(t *testing.T, e *Engine, ctx context.Context) error {
	t.Helper()
	return call(t, e, ctx, opFor("GET"), newRequest(t, e, "GET", "x", "", true), nil)
}

// TestMintedTokenIsCachedAndRefreshed: a minted token is used until the
// margin before its end, then replaced; a lifetime shorter than twice the
// margin is used for half of it (never a mint per call).
func TestMintedTokenIsCachedAndRefreshed(t *testing.T) {
	tests := []struct {
		name     string
		lifetime time.Duration
		before   time.Duration // still the first token this long after the mint
		after    time.Duration // a new one this long after
	}{
		{"long", time.Hour, 58 * time.Minute, 59*time.Minute + time.Second},
		{"shorter than twice the margin", 90 * time.Second, 44 * time.Second, 46 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				m, d := numbered(tt.lifetime), &okDoer{}
				e := testEngine(t, d, minted("WithTest", m, time.Minute, time.Second))
				for range 3 {
					if err := get(t, e, t.Context()); err != nil {
						t.Fatal(err)
					}
				}
				time.Sleep(tt.before)
				if err := get(t, e, t.Context()); err != nil {
					t.Fatal(err)
				}
				time.Sleep(tt.after - tt.before)
				if err := get(t, e, t.Context()); err != nil {
					t.Fatal(err)
				}
				want := []string{"Bearer t1", "Bearer t1", "Bearer t1", "Bearer t1", "Bearer t2"}
				if diff := cmp.Diff(want, d.seen); diff != "" {
					t.Errorf("Authorization sent (-want +got):\n%s", diff)
				}
			})
		})
	}
}

// TestMintIsShared: concurrent callers needing a token share one mint,
// and its failure.
func TestMintIsShared(t *testing.T) {
	for _, fail := range []bool{false, true} {
		t.Run(fmt.Sprintf("fail=%v", fail), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				release := make(chan struct{})
				m := &scriptedMinter{mint: func(ctx context.Context, n int) (Token, error) {
					<-release
					if fail {
						return Token{}, errors.New("endpoint down")
					}
					return NewToken("shared", "Bearer", time.Hour)
				}}
				d := &okDoer{}
				e := testEngine(t, d, minted("WithTest", m, time.Minute, time.Minute))
				errs := make(chan error, 20)
				for range 20 {
					go func() { errs <- get(t, e, t.Context()) }()
				}
				synctest.Wait()
				close(release)
				for range 20 {
					err := <-errs
					if fail != (err != nil) {
						t.Errorf("err = %v, want failure %v", err, fail)
					}
					if err != nil && !strings.Contains(err.Error(), "endpoint down") {
						t.Errorf("err = %v, want the mint's error", err)
					}
				}
				if n := m.n.Load(); n != 1 {
					t.Errorf("%d mints for 20 concurrent callers, want 1", n)
				}
			})
		})
	}
}

// TestMintWaitFollowsTheCallersContext: callers waiting for a mint that
// hangs return at their own deadlines, each with an error matching
// context.DeadlineExceeded, while the mint is bounded by its timeout.
func TestMintWaitFollowsTheCallersContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mintCtxErr atomic.Value
		m := &scriptedMinter{mint: func(ctx context.Context, n int) (Token, error) {
			<-ctx.Done()
			mintCtxErr.Store(ctx.Err())
			return Token{}, fmt.Errorf("token request: %w", ctx.Err())
		}}
		e := testEngine(t, &okDoer{}, minted("WithTest", m, time.Minute, 30*time.Second))
		start := time.Now()
		var wg sync.WaitGroup
		for _, d := range []time.Duration{time.Second, 2 * time.Second} {
			wg.Go(func() {
				ctx, cancel := context.WithTimeout(t.Context(), d)
				defer cancel()
				err := get(t, e, ctx)
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("err = %v, want context.DeadlineExceeded", err)
				}
				if got := time.Since(start); got != d {
					t.Errorf("a caller with a %s deadline returned after %s", d, got)
				}
			})
		}
		wg.Wait()
		time.Sleep(30 * time.Second)
		synctest.Wait()
		if err, _ := mintCtxErr.Load().(error); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("the mint ended with %v, want its own timeout", err)
		}
		if n := m.n.Load(); n != 1 {
			t.Errorf("%d mints, want 1", n)
		}
	})
}

// TestMintFailureBackoff: a single failure is not remembered, so the next
// call mints again; after two in a row callers get the failure at once
// until the backoff has passed; a success forgets the failures.
func TestMintFailureBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var down atomic.Bool
		down.Store(true)
		m := &scriptedMinter{mint: func(ctx context.Context, n int) (Token, error) {
			if down.Load() {
				return Token{}, errors.New("endpoint down")
			}
			return NewToken("t", "Bearer", time.Hour)
		}}
		d := &okDoer{}
		e := testEngine(t, d, minted("WithTest", m, time.Minute, time.Minute))
		for range 10 {
			if err := get(t, e, t.Context()); err == nil {
				t.Fatal("call succeeded with the endpoint down")
			}
		}
		if n := m.n.Load(); n != 2 {
			t.Errorf("10 calls made %d mints, want 2 (then the remembered failure)", n)
		}
		time.Sleep(time.Second)
		_ = get(t, e, t.Context())
		if n := m.n.Load(); n != 3 {
			t.Errorf("after the backoff: %d mints, want 3", n)
		}
		down.Store(false)
		_ = get(t, e, t.Context()) // within the doubled backoff
		if n := m.n.Load(); n != 3 {
			t.Errorf("within the doubled backoff: %d mints, want 3", n)
		}
		time.Sleep(2 * time.Second)
		if err := get(t, e, t.Context()); err != nil {
			t.Fatalf("after the backoff with the endpoint up: %v", err)
		}
		if d.requests() != 1 {
			t.Errorf("%d API requests, want 1 (none while minting failed)", d.requests())
		}
	})
}

// TestMintedTokenIsChecked: a token that cannot go in a header is never
// cached: the call fails before sending, and the next call, given a good
// token, succeeds.
func TestMintedTokenIsChecked(t *testing.T) {
	for _, bad := range []string{"", "abc\r\nX-Evil: 1", "two words", strings.Repeat("x", 9<<10)} {
		t.Run(fmt.Sprintf("%.12q", bad), func(t *testing.T) {
			m := &scriptedMinter{mint: func(_ context.Context, n int) (Token, error) {
				if n == 1 {
					return NewToken(bad, "Bearer", time.Hour)
				}
				return NewToken("good", "Bearer", time.Hour)
			}}
			d := &okDoer{}
			e := testEngine(t, d, minted("WithTest", m, time.Minute, time.Second))
			err := get(t, e, t.Context())
			if err == nil || d.requests() != 0 {
				t.Fatalf("err = %v after %d requests, want a failure before sending", err, d.requests())
			}
			if strings.Contains(err.Error(), "X-Evil") || (len(bad) > 100 && strings.Contains(err.Error(), bad[:100])) {
				t.Errorf("the error quotes the token: %v", err)
			}
			if err := get(t, e, t.Context()); err != nil {
				t.Fatalf("second call: %v", err)
			}
			if diff := cmp.Diff([]string{"Bearer good"}, d.seen); diff != "" {
				t.Errorf("Authorization sent (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := NewToken("t", "two words", time.Hour); err == nil {
		t.Error("a token type of two words was accepted")
	}
	if _, err := NewToken("t", "Bearer", 0); err == nil {
		t.Error("a zero lifetime was accepted")
	}
	m := &scriptedMinter{mint: func(context.Context, int) (Token, error) { return Token{}, nil }}
	if err := get(t, testEngine(t, &okDoer{}, minted("WithTest", m, time.Minute, time.Second)), t.Context()); err == nil {
		t.Error("a zero Token was accepted")
	}
}

// TestRefusedTokenIsReplacedOnce sends a create (a POST with a body, never
// retried on a 5xx) whose first token the server refuses: the token is
// dropped, the call goes again with the body rewound and a fresh token,
// and a second refusal is final. The fresh try does not count against the
// policy.
func TestRefusedTokenIsReplacedOnce(t *testing.T) {
	tests := []struct {
		name      string
		accept    string // the token the server accepts; "" accepts none
		wantReqs  int32
		wantOK    bool
		wantMints int32
	}{
		{"fresh token accepted", "Bearer t2", 2, true, 2},
		{"fresh token refused too", "", 2, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				body, _ := io.ReadAll(r.Body)
				if string(body) != `{"app_name":"x"}` {
					t.Errorf("request %d body = %q, want it rewound", n.Load(), body)
				}
				if tt.accept == "" || r.Header.Get("Authorization") != tt.accept {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(401)
					_, _ = io.WriteString(w, `{"error":"invalid_token"}`)
					return
				}
				_, _ = io.WriteString(w, `{"ok":true}`)
			}))
			defer srv.Close()
			m := numbered(time.Hour)
			e := newTestEngine(t, srv.URL, NoRetries(), minted("WithTest", m, time.Minute, time.Second))
			out, err := send(t, e, &Op{Method: http.MethodPost}, "/v1/session")
			if got := n.Load(); got != tt.wantReqs {
				t.Errorf("requests = %d, want %d", got, tt.wantReqs)
			}
			if got := m.n.Load(); got != tt.wantMints {
				t.Errorf("mints = %d, want %d", got, tt.wantMints)
			}
			if tt.wantOK {
				if err != nil || out["ok"] != true {
					t.Fatalf("got %v, %v; want success with the fresh token", out, err)
				}
				return
			}
			if !errors.Is(err, sessionkit.ErrUnauthorized) || !strings.Contains(err.Error(), "invalid_token") {
				t.Fatalf("err = %v, want the second 401", err)
			}
		})
	}
}

// TestRefusedOldTokenKeepsTheNewOne: a 401 to a request that carried an
// older token than the current one does not drop the current one.
func TestRefusedOldTokenKeepsTheNewOne(t *testing.T) {
	c := &tokenCache{spec: minterSpec{m: numbered(time.Hour), margin: time.Minute, timeout: time.Second}}
	h, err := c.token(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	c.invalidate("Bearer t0")
	if got, _ := c.token(t.Context()); got[0] != h[0] {
		t.Errorf("after an old token was refused the token is %q, want %q kept", got[0], h[0])
	}
	c.invalidate(h[0])
	if got, _ := c.token(t.Context()); got[0] != "Bearer t2" {
		t.Errorf("after the current token was refused the token is %q, want a fresh one", got[0])
	}
}

func TestMintBackoff(t *testing.T) {
	want := []time.Duration{0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	for n, w := range want {
		if got := mintBackoff(n); got != w {
			t.Errorf("mintBackoff(%d) = %s, want %s", n, got, w)
		}
	}
	if got := mintBackoff(1 << 40); got != 30*time.Second {
		t.Errorf("mintBackoff(huge) = %s", got)
	}
}
