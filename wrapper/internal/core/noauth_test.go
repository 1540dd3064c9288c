package core

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// countingAuth sets a fixed header and counts its calls.
type countingAuth struct{ n atomic.Int32 }

func (a *countingAuth) Authenticate(_ context.Context, req *http.Request) error {
	a.n.Add(1)
	req.Header.Set("Authorization", "Bearer t")
	return nil
}

// TestNoAuth: a call with NoAuth sends no credentials and does not consult
// the client's; other calls still do.
func TestNoAuth(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("Authorization"))
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	cred := &countingAuth{}
	e := newTestEngine(t, srv.URL, Auth("WithAuth", cred))
	if _, err := send(t, e, &Op{Method: http.MethodPost, RetrySafe: true}, "/oauth/tokens", NoAuth()); err != nil {
		t.Fatal(err)
	}
	if _, err := send(t, e, &Op{Method: http.MethodGet}, "/x"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"", "Bearer t"}, got); diff != "" {
		t.Errorf("Authorization headers (-want +got):\n%s", diff)
	}
	if n := cred.n.Load(); n != 1 {
		t.Errorf("Authenticate called %d times, want 1 (not for the NoAuth call)", n)
	}
	if s := NoAuth().String(); s != "WithoutAuth()" {
		t.Errorf("NoAuth prints as %q", s)
	}
}

// requestReminting is reminting that records the token each refused
// request carried.
type requestReminting struct {
	reminting
	mu      sync.Mutex
	refused []string
}

func (r *requestReminting) Invalidate(req *http.Request, err error) bool {
	r.mu.Lock()
	r.refused = append(r.refused, req.Header.Get("Authorization"))
	r.mu.Unlock()
	return r.reminting.Invalidate(req, err)
}

// TestInvalidatorIsToldTheRefusedRequest: the engine hands Invalidate the
// refused request with its credentials and the *APIError; credentials
// without Invalidate get the 401 as the call's answer.
func TestInvalidatorIsToldTheRefusedRequest(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.Header.Get("Authorization") != "Bearer t2" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	cred := &requestReminting{}
	e := newTestEngine(t, srv.URL, Auth("WithAuth", cred))
	out, err := send(t, e, &Op{Method: http.MethodGet}, "/x")
	if err != nil || out["ok"] != true {
		t.Fatalf("got %v, %v; want success with the fresh token", out, err)
	}
	if diff := cmp.Diff([]string{"Bearer t1"}, cred.refused); diff != "" {
		t.Errorf("refused requests' tokens (-want +got):\n%s", diff)
	}

	n.Store(0)
	plain := newTestEngine(t, srv.URL, fastRetry, Auth("WithAuth", &countingAuth{}))
	if _, err := send(t, plain, &Op{Method: http.MethodGet}, "/x"); !errors.Is(err, sessionkit.ErrUnauthorized) || n.Load() != 1 {
		t.Errorf("without Invalidate: err = %v after %d requests, want the 401 after 1", err, n.Load())
	}
}
