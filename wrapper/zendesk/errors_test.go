package zendesk_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions/api/zendesktest"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestAPIErrors serves Zendesk's error bodies and checks the *APIError
// built from each.
func TestAPIErrors(t *testing.T) {
	rl := zendesk.RateLimit{Limit: 700, Remaining: 699, Present: true}
	tests := []struct {
		name     string
		reply    reply
		want     zendesk.APIError // compared without Header and Body
		sentinel error
	}{
		{
			name:     "classic 404",
			reply:    reply{status: 404, body: errClassic404},
			want:     zendesk.APIError{StatusCode: 404, Code: "RecordNotFound", Message: "Not found"},
			sentinel: zendesk.ErrNotFound,
		},
		{
			name:     "classic 401 sentence",
			reply:    reply{status: 401, body: errClassic401},
			want:     zendesk.APIError{StatusCode: 401, Message: "Couldn't authenticate you"},
			sentinel: zendesk.ErrUnauthorized,
		},
		{
			name:     "OAuth 401",
			reply:    reply{status: 401, body: errOAuth401},
			want:     zendesk.APIError{StatusCode: 401, Code: "invalid_token", Message: "The access token provided is expired, revoked, malformed or invalid for other reasons."},
			sentinel: zendesk.ErrUnauthorized,
		},
		{
			name:     "classic 422 with details",
			reply:    reply{status: 422, body: errClassic422},
			want:     zendesk.APIError{StatusCode: 422, Code: "RecordInvalid", Message: "Record validation errors: base: invalid"},
			sentinel: zendesk.ErrUnprocessable,
		},
		{
			name: "JSON:API 429 with endpoint rate limit",
			reply: reply{status: 429, body: errJSONAPI429, header: http.Header{
				"Retry-After": {"93"}, "Ratelimit-Limit": {"100"}, "Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"93"},
			}},
			want: zendesk.APIError{StatusCode: 429, Code: "TooManyRequests", Message: "Number of allowed API requests per minute exceeded",
				RetryAfter: 93 * time.Second, RateLimit: zendesk.RateLimit{Limit: 100, Remaining: 0, Reset: 93 * time.Second, Present: true}},
			sentinel: zendesk.ErrRateLimited,
		},
		{
			name:     "text/plain 503",
			reply:    reply{status: 503, body: errTextPlain},
			want:     zendesk.APIError{StatusCode: 503, Message: errTextPlain},
			sentinel: zendesk.ErrServer,
		},
		{
			name:     "HTML 502",
			reply:    reply{status: 502, body: errHTMLGateway, header: http.Header{"Content-Type": {"text/html"}}},
			want:     zendesk.APIError{StatusCode: 502, Message: "502 Bad Gateway"},
			sentinel: zendesk.ErrServer,
		},
		{
			name:     "409",
			reply:    reply{status: 409, body: `{"error":"Conflict","description":"modified"}`},
			want:     zendesk.APIError{StatusCode: 409, Code: "Conflict", Message: "modified"},
			sentinel: zendesk.ErrConflict,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, tc.reply)
			_, err := f.client(t).Sessions.Get(t.Context(), 12, 34)
			e, ok := errors.AsType[*zendesk.APIError](err)
			if !ok {
				t.Fatalf("err = %v (%T), want *APIError", err, err)
			}
			want := tc.want
			want.API, want.Method, want.URL, want.Attempts, want.RequestID = "zendesk", "GET", f.URL+"/api/v2/users/12/sessions/34", 1, "8e7c5d3a5c4b1e2f-IAD"
			if !want.RateLimit.Present {
				want.RateLimit = rl
			}
			if diff := cmp.Diff(&want, e, cmpopts.IgnoreFields(zendesk.APIError{}, "Header", "Body")); diff != "" {
				t.Errorf("APIError (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.sentinel)
			}
			if string(e.Body) != tc.reply.body || e.Header.Get("X-Zendesk-Request-Id") == "" {
				t.Errorf("Body %q, Header %v", e.Body, e.Header)
			}
			if strings.Contains(err.Error(), testAPIToken) || strings.Contains(err.Error(), apiTokenAuth()[6:]) {
				t.Errorf("error shows a credential: %v", err)
			}
		})
	}
}

// TestRetryAfter checks, under synctest with the in-memory server, that a
// 429 or 503 with Retry-After is retried after exactly that long, and that
// a Retry-After above the policy's cap is returned instead of slept.
func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name     string
		faults   []zendesktest.Fault
		policy   zendesk.RetryPolicy
		wantWait time.Duration
		wantErr  *zendesk.APIError // nil: success
		retries  []zendesk.RetryEvent
	}{
		{
			name:     "429 Retry-After 7",
			faults:   []zendesktest.Fault{{Status: 429, RetryAfter: "7", Times: 1}},
			wantWait: 7 * time.Second,
			retries:  []zendesk.RetryEvent{{Attempt: 1, Wait: 7 * time.Second, StatusCode: 429, RetryAfter: 7 * time.Second}},
		},
		{
			name:     "503 Retry-After 2 then 429 Retry-After 1",
			faults:   []zendesktest.Fault{{Status: 503, RetryAfter: "2", Times: 1}, {Status: 429, RetryAfter: "1", Times: 1}},
			wantWait: 3 * time.Second,
			retries: []zendesk.RetryEvent{
				{Attempt: 1, Wait: 2 * time.Second, StatusCode: 503, RetryAfter: 2 * time.Second},
				{Attempt: 2, Wait: time.Second, StatusCode: 429, RetryAfter: time.Second},
			},
		},
		{
			name:     "Retry-After is a floor over the backoff",
			faults:   []zendesktest.Fault{{Status: 429, RetryAfter: "1", Times: 1}},
			policy:   zendesk.RetryPolicy{InitialBackoff: 4 * time.Second, Jitter: -1},
			wantWait: 4 * time.Second,
			retries:  []zendesk.RetryEvent{{Attempt: 1, Wait: 4 * time.Second, StatusCode: 429, RetryAfter: time.Second}},
		},
		{
			name:    "Retry-After 93 above the cap is not slept",
			faults:  []zendesktest.Fault{{Status: 429, RetryAfter: "93"}},
			wantErr: &zendesk.APIError{StatusCode: 429, Attempts: 1, RetryAfter: 93 * time.Second, Code: "TooManyRequests"},
		},
		{
			name:     "gives up after the attempts",
			faults:   []zendesktest.Fault{{Status: 429, RetryAfter: "1"}},
			wantWait: 2 * time.Second,
			wantErr:  &zendesk.APIError{StatusCode: 429, Attempts: 3, RetryAfter: time.Second, Code: "TooManyRequests"},
			retries: []zendesk.RetryEvent{
				{Attempt: 1, Wait: time.Second, StatusCode: 429, RetryAfter: time.Second},
				{Attempt: 2, Wait: time.Second, StatusCode: 429, RetryAfter: time.Second},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var events []zendesk.RetryEvent
				policy := tc.policy
				policy.OnRetry = func(e zendesk.RetryEvent) { events = append(events, e) }
				srv, zc := newZendesk(t, true, nil, zendesk.WithRetry(policy))
				if _, err := srv.AddSession(zendesktest.Session{ID: 9, UserID: endUserID}); err != nil {
					t.Fatal(err)
				}
				for _, f := range tc.faults {
					srv.InjectFault(zendesktest.OpShowSession, f)
				}
				start := time.Now()
				s, err := zc.Sessions.Get(t.Context(), endUserID, 9)
				if waited := time.Since(start); waited != tc.wantWait {
					t.Errorf("waited %v, want %v", waited, tc.wantWait)
				}
				if tc.wantErr == nil {
					if err != nil || s.ID != 9 {
						t.Errorf("Get = %v, %v; want session 9", s, err)
					}
				} else {
					e, ok := errors.AsType[*zendesk.APIError](err)
					if !ok || !errors.Is(err, zendesk.ErrRateLimited) {
						t.Fatalf("err = %v, want a rate-limited *APIError", err)
					}
					got := zendesk.APIError{StatusCode: e.StatusCode, Attempts: e.Attempts, RetryAfter: e.RetryAfter, Code: e.Code}
					if diff := cmp.Diff(tc.wantErr, &got); diff != "" {
						t.Errorf("APIError (-want +got):\n%s", diff)
					}
				}
				if diff := cmp.Diff(tc.retries, events, cmpopts.IgnoreFields(zendesk.RetryEvent{}, "Method", "URL")); diff != "" {
					t.Errorf("retries (-want +got):\n%s", diff)
				}
			})
		})
	}
}

// TestRetryListPage checks that a page that hits the rate limit is retried
// and the listing goes on.
func TestRetryListPage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, zc := newZendesk(t, true, []zendesktest.Option{zendesktest.WithSessions(
			zendesktest.Session{ID: 1, UserID: endUserID}, zendesktest.Session{ID: 2, UserID: endUserID})})
		var pages []*zendesk.Page[zendesk.Session]
		start := time.Now()
		for page, err := range zc.Sessions.List(&zendesk.ListOptions{PageSize: 1}).Pages(t.Context()) {
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, page)
			if len(pages) == 1 {
				srv.InjectFault(zendesktest.OpListSessions, zendesktest.Fault{Status: 429, RetryAfter: "5", Times: 1})
			}
		}
		if len(pages) != 2 || pages[1].Items[0].ID != 2 {
			t.Fatalf("got %d pages", len(pages))
		}
		if waited := time.Since(start); waited != 5*time.Second {
			t.Errorf("waited %v, want 5s", waited)
		}
		if rl := pages[1].RateLimit; rl.Limit != 700 || !rl.Present {
			t.Errorf("RateLimit = %+v", rl)
		}
	})
}
