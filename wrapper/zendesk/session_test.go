package zendesk_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// TestDecodeSession serves the shapes a SessionResponse takes on the wire
// to Get and Current.
func TestDecodeSession(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    zendesk.Session
		wantErr string // substring of a *DecodeError's message
	}{
		{name: "object", body: bodySessionObject, want: recorded()},
		{name: "array", body: bodySessionArray, want: recorded()},
		{name: "array of two takes the first", body: `{"session":[{"id":1},{"id":2}]}`, want: zendesk.Session{ID: 1}},
		{name: "only id", body: `{"session":{"id":7}}`, want: zendesk.Session{ID: 7}},
		{
			name: "nulls",
			body: `{"session":{"id":7,"user_id":null,"authenticated_at":null,"last_seen_at":null,"url":null}}`,
			want: zendesk.Session{ID: 7},
		},
		{
			name: "empty timestamps",
			body: `{"session":{"id":7,"authenticated_at":"","last_seen_at":""}}`,
			want: zendesk.Session{ID: 7},
		},
		{name: "unknown fields", body: `{"session":{"id":7,"ip":"10.0.0.1"},"extra":true}`, want: zendesk.Session{ID: 7}},
		{
			name: "fractional seconds and offsets",
			body: `{"session":{"id":7,"authenticated_at":"2014-11-18T18:24:29.5+01:00","last_seen_at":"2014-11-18T17:30:52+0000"}}`,
			want: zendesk.Session{ID: 7, AuthenticatedAt: mustTime("2014-11-18T17:24:29.5Z"), LastSeenAt: mustTime("2014-11-18T17:30:52Z"),
				RawAuthenticatedAt: "2014-11-18T18:24:29.5+01:00", RawLastSeenAt: "2014-11-18T17:30:52+0000"},
		},
		// An unreadable timestamp no longer fails the call: the time is
		// zero and the raw text is kept (issue 9).
		{
			name: "unreadable authenticated_at is kept raw",
			body: `{"session":{"id":7,"authenticated_at":"yesterday","last_seen_at":"2014-11-18T17:30:52Z"}}`,
			want: zendesk.Session{ID: 7, RawAuthenticatedAt: "yesterday", LastSeenAt: mustTime("2014-11-18T17:30:52Z"), RawLastSeenAt: "2014-11-18T17:30:52Z"},
		},
		{
			name: "space-separated last_seen_at without a zone is UTC",
			body: `{"session":[{"id":7,"last_seen_at":"2014-11-18 17:30:52"}]}`,
			want: zendesk.Session{ID: 7, LastSeenAt: mustTime("2014-11-18T17:30:52Z"), RawLastSeenAt: "2014-11-18 17:30:52"},
		},
		{name: "timestamp not a string", body: `{"session":{"id":7,"authenticated_at":12}}`, wantErr: "authenticated_at"},
		{name: "id as string", body: `{"session":{"id":"7"}}`, wantErr: "id"},
		{name: "no session", body: `{}`, wantErr: `the response has no "session"`},
		{name: "null session", body: `{"session":null}`, wantErr: `the response has no "session"`},
		{name: "empty array", body: `{"session":[]}`, wantErr: `the response has no "session"`},
		{name: "array of null", body: `{"session":[null]}`, wantErr: `the response has no "session"`},
		{name: "session not an object", body: `{"session":"x"}`, wantErr: "cannot unmarshal"},
		{name: "not json", body: `<html>ok</html>`, wantErr: "<html>ok</html>"},
		{name: "empty body", body: ``, wantErr: "zendesk: cannot decode 200 response"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, reply{status: 200, body: tc.body})
			zc := f.client(t)
			for _, call := range []func() (zendesk.Session, error){
				func() (zendesk.Session, error) { return zc.Sessions.Get(t.Context(), 1, 7) },
				func() (zendesk.Session, error) { return zc.Sessions.Current(t.Context()) },
			} {
				got, err := call()
				if tc.wantErr != "" {
					de, ok := errors.AsType[*zendesk.DecodeError](err)
					if !ok || de.StatusCode != 200 || !strings.Contains(err.Error(), tc.wantErr) {
						t.Fatalf("err = %v (%T), want a *DecodeError containing %q", err, err, tc.wantErr)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("session (-want +got):\n%s", diff)
				}
				if got.AuthenticatedAt.Location() != time.UTC {
					t.Errorf("AuthenticatedAt %v is not in UTC", got.AuthenticatedAt)
				}
			}
		})
	}
}

// TestRenewWithoutToken checks that a renewal without a token is an error,
// not an empty token.
func TestRenewWithoutToken(t *testing.T) {
	for _, body := range []string{`{}`, `{"authenticity_token":null}`, `{"authenticity_token":""}`} {
		f := newFake(t, reply{status: 200, body: body})
		tok, err := f.client(t).Sessions.Renew(t.Context())
		if _, ok := errors.AsType[*zendesk.DecodeError](err); !ok || tok != "" {
			t.Errorf("%s: Renew = %q, %v; want a *DecodeError", body, tok, err)
		}
	}
}

// TestLenientTimestamps serves each ISO-8601 form a Zendesk timestamp may
// take, and some that are not timestamps, to Get and to a page of List: a
// readable one is parsed (no zone means UTC; a date alone is midnight
// UTC), an unreadable one leaves the time zero with the raw text kept, and
// neither fails the call nor drops the rest of the page.
func TestLenientTimestamps(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want time.Time // zero: unreadable
	}{
		{"RFC 3339 Z", "2014-11-18T17:24:29Z", mustTime("2014-11-18T17:24:29Z")},
		{"RFC 3339 fraction", "2014-11-18T17:24:29.123456Z", mustTime("2014-11-18T17:24:29.123456Z")},
		{"RFC 3339 offset", "2014-11-18T19:24:29+02:00", mustTime("2014-11-18T17:24:29Z")},
		{"basic offset", "2014-11-18T12:24:29-0500", mustTime("2014-11-18T17:24:29Z")},
		{"no zone is UTC", "2014-11-18T17:24:29", mustTime("2014-11-18T17:24:29Z")},
		{"no zone with fraction", "2014-11-18T17:24:29.5", mustTime("2014-11-18T17:24:29.5Z")},
		{"space separator", "2014-11-18 17:24:29", mustTime("2014-11-18T17:24:29Z")},
		{"date only", "2014-11-18", mustTime("2014-11-18T00:00:00Z")},
		{"garbage", "yesterday", time.Time{}},
		{"month 13", "2014-13-18T17:24:29Z", time.Time{}},
		{"time without date", "17:24:29", time.Time{}},
		{"trailing text", "2014-11-18T17:24:29Z and more", time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			session := fmt.Sprintf(`{"id":2,"user_id":9,"authenticated_at":%q,"last_seen_at":%q}`, tc.raw, tc.raw)
			want := zendesk.Session{ID: 2, UserID: 9, AuthenticatedAt: tc.want, LastSeenAt: tc.want, RawAuthenticatedAt: tc.raw, RawLastSeenAt: tc.raw}
			page := `{"sessions":[{"id":1,"user_id":9,"authenticated_at":"2014-11-18T17:24:29Z"},` + session + `,{"id":3,"user_id":9}],"meta":{"has_more":false}}`
			f := newFake(t, reply{status: 200, body: `{"session":` + session + `}`}, reply{status: 200, body: page})
			zc := f.client(t)

			got, err := zc.Sessions.Get(t.Context(), 9, 2)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Get (-want +got):\n%s", diff)
			}
			if !got.AuthenticatedAt.IsZero() && got.AuthenticatedAt.Location() != time.UTC {
				t.Errorf("AuthenticatedAt %v is not in UTC", got.AuthenticatedAt)
			}

			all, err := zc.Sessions.List(nil).Collect(t.Context())
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			wantPage := []zendesk.Session{
				{ID: 1, UserID: 9, AuthenticatedAt: mustTime("2014-11-18T17:24:29Z"), RawAuthenticatedAt: "2014-11-18T17:24:29Z"},
				want,
				{ID: 3, UserID: 9},
			}
			if diff := cmp.Diff(wantPage, all); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
		})
	}
}
