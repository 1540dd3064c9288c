package core

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// reminting is a credential that hands out token 1, then, once
// invalidated, token 2.
type reminting struct {
	invalidated atomic.Int32
}

func (r *reminting) Authenticate(_ context.Context, req *http.Request) error {
	tok := "Bearer t1"
	if r.invalidated.Load() > 0 {
		tok = "Bearer t2"
	}
	req.Header.Set("Authorization", tok)
	return nil
}

func (r *reminting) Invalidate(_ *http.Request, err error) bool {
	if ae, ok := errors.AsType[*APIError](err); !ok || ae.StatusCode != 401 {
		return false
	}
	r.invalidated.Add(1)
	return true
}

// TestInvalidatedCredentialsAreRetriedOnce sends a create (a POST with a
// body, never retried on a 5xx) whose first token the server refuses: the
// credential is invalidated once, the call goes again with the body
// rewound, and a second refusal is final.
func TestInvalidatedCredentialsAreRetriedOnce(t *testing.T) {
	tests := []struct {
		name      string
		accept    string // the token the server accepts; "" accepts none
		wantReqs  int32
		wantOK    bool
		wantInval int32
	}{
		{"fresh token accepted", "Bearer t2", 2, true, 1},
		{"fresh token refused too", "", 2, false, 1},
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
			cred := &reminting{}
			e := newTestEngine(t, srv.URL, fastRetry, Auth("WithAuth", cred))
			out, err := send(t, e, &Op{Method: http.MethodPost}, "/v1/session")
			if got := n.Load(); got != tt.wantReqs {
				t.Errorf("requests = %d, want %d", got, tt.wantReqs)
			}
			if got := cred.invalidated.Load(); got != tt.wantInval {
				t.Errorf("Invalidate called %d times, want %d", got, tt.wantInval)
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
