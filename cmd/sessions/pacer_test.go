package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestPacerObserve checks what each response makes the pacer do.
func TestPacerObserve(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		header  http.Header
		hold    time.Duration
		tooMany int
	}{
		{"ok with budget", 200, http.Header{"X-Rate-Limit-Remaining": {"5"}}, 0, 0},
		{"budget spent, reset known", 200, http.Header{"Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"12"}}, 12 * time.Second, 0},
		{"budget spent, reset unknown", 200, http.Header{"X-Rate-Limit-Remaining": {"0"}}, 0, 0},
		{"429 with Retry-After", 429, http.Header{"Retry-After": {"7"}}, 7 * time.Second, 1},
		{"429 without Retry-After", 429, http.Header{}, time.Second, 1},
		{"503 with Retry-After", 503, http.Header{"Retry-After": {"3"}}, 3 * time.Second, 0},
		{"503 without", 503, http.Header{}, 0, 0},
		{"429 asking for a year", 429, http.Header{"Retry-After": {"31536000"}}, 365 * 24 * time.Hour, 1},
		{"429 without Retry-After, budget spent for a year", 429, http.Header{"Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"31536000"}}, 365 * 24 * time.Hour, 1},
		{"429: Retry-After wins over the reset", 429, http.Header{"Retry-After": {"4"}, "Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"40"}}, 4 * time.Second, 1},
		{"503 without Retry-After, budget spent", 503, http.Header{"X-Rate-Limit-Remaining": {"0"}, "Ratelimit-Reset": {"9"}}, 9 * time.Second, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p := newPacer(time.Now)
				p.observe(tt.status, tt.header)
				if got := p.waiting(); got != tt.hold {
					t.Errorf("holds %s, want %s", got, tt.hold)
				}
				if got := p.rateLimited(); got != tt.tooMany {
					t.Errorf("counted %d 429s, want %d", got, tt.tooMany)
				}
				start := time.Now()
				err := p.wait(context.Background(), time.Hour)
				if tt.hold > time.Hour {
					if _, ok := errors.AsType[*waitTooLongError](err); !ok {
						t.Errorf("wait = %v, want a *waitTooLongError", err)
					}
					if waited := time.Since(start); waited != 0 {
						t.Errorf("waited %s before refusing", waited)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if waited := time.Since(start); waited != tt.hold {
					t.Errorf("waited %s, want %s", waited, tt.hold)
				}
			})
		})
	}
}

// TestPacerWaitInterrupted checks that an interrupt ends a wait at once.
func TestPacerWaitInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := newPacer(time.Now)
		p.holdFor(time.Minute, "test")
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(time.Second, cancel)
		start := time.Now()
		if err := p.wait(ctx, time.Hour); !errors.Is(err, context.Canceled) {
			t.Errorf("wait = %v, want context.Canceled", err)
		}
		if waited := time.Since(start); waited != time.Second {
			t.Errorf("waited %s, want 1s", waited)
		}
	})
}

// TestPacerKeepsRedirectGuard checks that a client built over the pacer is
// still an *http.Client to the SDK, so a redirect to another origin is
// refused and the credentials never reach it.
func TestPacerKeepsRedirectGuard(t *testing.T) {
	var reached atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Add(1) }))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	p := newPacer(time.Now)
	zc, err := zendesk.NewClient("acme", zendesk.WithBaseURL(srv.URL), zendesk.WithOAuthToken("secret-token"),
		zendesk.WithHTTPClient(&http.Client{Transport: p.watch(nil, zendesk.ParseRateLimit)}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = zc.Sessions.Current(t.Context())
	if _, ok := errors.AsType[*zendesk.RedirectError](err); !ok {
		t.Fatalf("err = %v, want a *zendesk.RedirectError", err)
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("the other origin got %d requests, want none", n)
	}
	if p.responses != 1 {
		t.Errorf("the pacer saw %d responses, want the redirect", p.responses)
	}
}
