package zendesk_test

import (
	"errors"
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
			want: zendesk.Session{ID: 7, AuthenticatedAt: mustTime("2014-11-18T17:24:29.5Z"), LastSeenAt: mustTime("2014-11-18T17:30:52Z")},
		},
		{name: "bad authenticated_at", body: `{"session":{"id":7,"authenticated_at":"yesterday"}}`,
			wantErr: `session 7: authenticated_at "yesterday" is not an ISO-8601 timestamp`},
		{name: "bad last_seen_at", body: `{"session":[{"id":7,"last_seen_at":"2014-11-18 17:30:52"}]}`,
			wantErr: `session 7: last_seen_at "2014-11-18 17:30:52" is not an ISO-8601 timestamp`},
		{name: "id as string", body: `{"session":{"id":"7"}}`, wantErr: "id"},
		{name: "no session", body: `{}`, wantErr: `the response has no "session"`},
		{name: "null session", body: `{"session":null}`, wantErr: `the response has no "session"`},
		{name: "empty array", body: `{"session":[]}`, wantErr: `the response has no "session"`},
		{name: "array of null", body: `{"session":[null]}`, wantErr: `the response has no "session"`},
		{name: "session not an object", body: `{"session":"x"}`, wantErr: "cannot unmarshal"},
		{name: "not json", body: `<html>ok</html>`, wantErr: "<html>ok</html>"},
		{name: "empty body", body: ``, wantErr: "sessions:"},
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
