package gameserver

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/api/gameservertest"
)

// pageBody is a list-sessions page holding one session named after the
// page, with the given pagination JSON ("" for none).
func pageBody(n int, pagination string) string {
	body := fmt.Sprintf(`{"data": [{"session_id": "s%d", "status": "Ready", "ready": true, "linked": true, "kind": "Seat", "user_count": 1}], "total_count": 3`, n)
	if pagination != "" {
		body += `, "pagination": ` + pagination
	}
	return body + "}"
}

// checkListing compares the ids of the sessions a listing got, and the
// request targets fake saw, with the wanted ones.
func checkListing(t *testing.T, fake *fakeAPI, got []SessionSummary, wantIDs, wantURIs []string) {
	t.Helper()
	ids := []string{}
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	var uris []string
	for _, c := range fake.Calls() {
		uris = append(uris, c.URI)
	}
	if diff := cmp.Diff(wantURIs, uris); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestListPagination(t *testing.T) {
	tests := []struct {
		name     string
		opts     *ListOptions
		replies  []reply
		wantURIs []string
		wantIDs  []string
		wantErr  error
	}{
		{
			name: "three pages, last one has_next false and a null next page",
			opts: &ListOptions{Limit: 1},
			replies: []reply{
				ok(pageBody(1, `{"number": 1, "next_page_number": 2, "previous_page_number": null, "has_next": true, "has_previous": false, "paginator": {"num_pages": 3}}`)),
				ok(pageBody(2, `{"number": 2, "next_page_number": 3, "previous_page_number": 1, "has_next": true, "has_previous": true}`)),
				ok(pageBody(3, `{"number": 3, "next_page_number": null, "previous_page_number": 2, "has_next": false, "has_previous": true}`)),
			},
			wantURIs: []string{"/v1/sessions?limit=1", "/v1/sessions?page=2&limit=1", "/v1/sessions?page=3&limit=1"},
			wantIDs:  []string{"s1", "s2", "s3"},
		},
		{
			name: "has_next false stops although a next page number is given",
			replies: []reply{
				ok(pageBody(1, `{"number": 1, "next_page_number": 2, "has_next": false}`)),
			},
			wantURIs: []string{"/v1/sessions"},
			wantIDs:  []string{"s1"},
		},
		{
			name: "a null next page number stops although has_next is true",
			replies: []reply{
				ok(pageBody(1, `{"number": 1, "next_page_number": null, "has_next": true}`)),
			},
			wantURIs: []string{"/v1/sessions"},
			wantIDs:  []string{"s1"},
		},
		{
			name: "missing has_next follows the next page number",
			replies: []reply{
				ok(pageBody(1, `{"next_page_number": 2}`)),
				ok(pageBody(2, `{"next_page_number": null}`)),
			},
			wantURIs: []string{"/v1/sessions", "/v1/sessions?page=2"},
			wantIDs:  []string{"s1", "s2"},
		},
		{
			name:     "no pagination object is one page",
			replies:  []reply{ok(pageBody(1, ""))},
			wantURIs: []string{"/v1/sessions"},
			wantIDs:  []string{"s1"},
		},
		{
			name:     "empty list",
			replies:  []reply{ok(`{"data": [], "total_count": 0, "pagination": {"number": 1, "next_page_number": null, "has_next": false}}`)},
			wantURIs: []string{"/v1/sessions"},
			wantIDs:  []string{},
		},
		{
			name:     "bare object",
			replies:  []reply{ok(`{}`)},
			wantURIs: []string{"/v1/sessions"},
			wantIDs:  []string{},
		},
		{
			name: "starting page",
			opts: &ListOptions{Page: 3, Limit: 50},
			replies: []reply{
				ok(pageBody(3, `{"number": 3, "next_page_number": null, "has_next": false}`)),
			},
			wantURIs: []string{"/v1/sessions?page=3&limit=50"},
			wantIDs:  []string{"s3"},
		},
		{
			name: "page 1 is the first page, asked for without a page number",
			opts: &ListOptions{Page: 1},
			replies: []reply{
				ok(pageBody(1, `{"number": 1, "next_page_number": null, "has_next": false}`)),
			},
			wantURIs: []string{"/v1/sessions"},
			wantIDs:  []string{"s1"},
		},
		{
			name: "numbers that make no sense go on to the page after the one asked for while the page count says so",
			replies: []reply{
				ok(pageBody(1, `{"number": 0, "next_page_number": 0, "has_next": true, "paginator": {"num_pages": 3}}`)),
				ok(pageBody(2, `{"number": 7, "next_page_number": 1, "has_next": true, "paginator": {"num_pages": 3}}`)),
				ok(pageBody(3, `{"number": 3, "next_page_number": null, "has_next": false}`)),
			},
			wantURIs: []string{"/v1/sessions", "/v1/sessions?page=2", "/v1/sessions?page=3"},
			wantIDs:  []string{"s1", "s2", "s3"},
		},
		{
			name: "a nonsensical previous page number is not an error",
			replies: []reply{
				ok(pageBody(1, `{"number": 1, "next_page_number": null, "previous_page_number": 0, "has_previous": true}`)),
			},
			wantURIs: []string{"/v1/sessions"},
			wantIDs:  []string{"s1"},
		},
		{
			name: "an error on the second page keeps the first",
			replies: []reply{
				ok(pageBody(1, `{"next_page_number": 2, "has_next": true}`)),
				fail(http.StatusNotFound, "Invalid page."),
			},
			wantURIs: []string{"/v1/sessions", "/v1/sessions?page=2"},
			wantIDs:  []string{"s1"},
			wantErr:  ErrNotFound,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFake(t, tc.replies...)
			gc := fake.serve(t, WithoutRetries())
			var before ListOptions
			if tc.opts != nil {
				before = *tc.opts
			}
			got, err := gc.Sessions.List(tc.opts).Collect(t.Context())
			if !errors.Is(err, tc.wantErr) || (err == nil) != (tc.wantErr == nil) {
				t.Errorf("Collect error %v, want %v", err, tc.wantErr)
			}
			checkListing(t, fake, got, tc.wantIDs, tc.wantURIs)
			if tc.opts != nil && *tc.opts != before {
				t.Errorf("List modified the options: %+v, was %+v", *tc.opts, before)
			}
		})
	}
}

// TestListPages walks the spec-validating gameservertest server's listing
// a session a page: each page's sessions are the server's, in its order,
// with the cursors, total and headers of the answer it came in.
func TestListPages(t *testing.T) {
	seed := []gameservertest.Session{
		{ID: "s1", App: "my-game", Ready: true, Users: []gameservertest.User{{IP: "198.51.100.1"}}},
		{ID: "s2", App: "my-game", Kind: "Match", Users: []gameservertest.User{{IP: "198.51.100.2"}, {IP: "198.51.100.3"}}, CustomID: "c2", WebhookURL: "https://example.com/h"},
		{ID: "s3", App: "my-game", Ready: true, Users: []gameservertest.User{{IP: "198.51.100.4"}}},
	}
	srv := gameservertest.NewServer(t, gameservertest.WithAPIToken(testKey), gameservertest.WithApps(gameservertest.App{Name: "my-game"}),
		gameservertest.WithSessions(seed...))
	gc, err := NewClient(WithAPIToken(testKey), WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	type pageInfo struct {
		Items                          []SessionSummary
		Cursor, NextCursor, PrevCursor string
		HasMore                        bool
		Total                          int
		ContentType                    string
	}
	var got []pageInfo
	for page, err := range gc.Sessions.List(&ListOptions{Limit: 1}).Pages(t.Context()) {
		if err != nil {
			t.Fatalf("Pages: %v", err)
		}
		got = append(got, pageInfo{page.Items, page.Cursor, page.NextCursor, page.PrevCursor, page.HasMore, page.Total, page.Header.Get("Content-Type")})
	}
	var want []pageInfo
	cursors := []string{"", "2", "3", ""}
	for i, s := range srv.Sessions() {
		sum := SessionSummary{ID: s.ID, CustomID: s.CustomID, Status: StatusWaiting, Kind: s.Kind, Ready: s.Ready, Linked: s.Ready,
			UserCount: len(s.Users), WebhookURL: s.WebhookURL}
		if s.Ready {
			sum.Status, sum.DeploymentRequestID = StatusReady, s.DeploymentRequestID
		}
		prev := ""
		if i > 0 {
			prev = strconv.Itoa(i)
		}
		want = append(want, pageInfo{[]SessionSummary{sum}, cursors[i], cursors[i+1], prev, i < 2, 3, "application/json"})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
}

// TestListIsLazy checks that List does no I/O and that breaking out of the
// loop stops fetching.
func TestListIsLazy(t *testing.T) {
	fake := newFake(t,
		ok(pageBody(1, `{"next_page_number": 2, "has_next": true}`)),
		ok(pageBody(2, `{"next_page_number": 3, "has_next": true}`)),
	)
	replies := fake.replies
	fake.replies = nil
	fake.route = func(r *http.Request) reply {
		if got := r.Header.Get("X-Trace"); got != "t1" {
			t.Errorf("X-Trace = %q: the per-call option was lost", got)
		}
		rep := replies[0]
		replies = replies[1:]
		return rep
	}
	gc := fake.serve(t)
	pager := gc.Sessions.List(&ListOptions{Limit: 1}, WithHeader("X-Trace", "t1"))
	if n := len(fake.Calls()); n != 0 {
		t.Fatalf("List sent %d requests, want none", n)
	}
	for s, err := range pager.All(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		if s.ID == "s1" {
			break
		}
	}
	if n := len(fake.Calls()); n != 1 {
		t.Errorf("%d requests after break, want 1", n)
	}
}

// TestListBadPageNumberIsDecodeError: a next page number that is not the
// page after the one asked for, without a page count to go by, is the
// server's fault: the page's sessions are kept, and the listing ends with a
// *DecodeError naming the page and the field, never the caller's
// *InvalidArgumentError, naming the API once. It never asks for another
// page: not the one named (a loop, or a skip), not one the server may not
// have.
func TestListBadPageNumberIsDecodeError(t *testing.T) {
	tests := []struct {
		name, pagination, field string
		start                   int
		wantIDs                 []string
		wantURIs                []string
	}{
		{"next page 0", `{"number": 1, "next_page_number": 0, "has_next": true}`, "next_page_number is 0 after page 1", 0,
			[]string{"s1"}, []string{"/v1/sessions"}},
		{"next page -3", `{"next_page_number": -3}`, "next_page_number is -3 after page 1", 0,
			[]string{"s1"}, []string{"/v1/sessions"}},
		{"next page 1 after page 1", `{"next_page_number": 1, "has_next": true}`, "next_page_number is 1 after page 1", 0,
			[]string{"s1"}, []string{"/v1/sessions"}},
		{"the same page again", `{"number": 2, "next_page_number": 2, "has_next": true}`, "next_page_number is 2 after page 2", 2,
			[]string{"s1"}, []string{"/v1/sessions?page=2"}},
		{"a skip ahead", `{"number": 2, "next_page_number": 9, "has_next": true, "paginator": {"num_pages": 2}}`, "next_page_number is 9 after page 2, and paginator.num_pages (2)", 2,
			[]string{"s1"}, []string{"/v1/sessions?page=2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(t, ok(pageBody(1, tt.pagination)))
			gc := fake.serve(t)
			got, err := gc.Sessions.List(&ListOptions{Page: tt.start}).Collect(t.Context())
			de, ok := errors.AsType[*DecodeError](err)
			if !ok || de.StatusCode != 200 || de.API != "gameserver" {
				t.Fatalf("err = %v (%T), want a *DecodeError of gameserver for the 200", err, err)
			}
			if _, bad := errors.AsType[*InvalidArgumentError](err); bad {
				t.Errorf("err = %v is an *InvalidArgumentError: the server's value is not the caller's argument", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "gameserver: Sessions.List page 1: cannot decode 200 response") || strings.Count(msg, "gameserver:") != 1 || !strings.Contains(msg, tt.field) {
				t.Errorf("err = %q, want it to start %q, name %q and the API once", msg, "gameserver: Sessions.List page 1: cannot decode 200 response", tt.field)
			}
			checkListing(t, fake, got, tt.wantIDs, tt.wantURIs)
		})
	}
}

// vendorExample is the vendor's own documented example answer of
// list-sessions (the spec's example vendorDocs), placeholders and all.
const vendorExample = `{
  "data": [{"session_id": "string", "custom_id": "string", "status": "string", "ready": true, "linked": true,
            "kind": "string", "user_count": 0, "deployment_request_id": "string", "webhook_url": "string"}],
  "total_count": 0,
  "pagination": {"number": 0, "next_page_number": 0, "previous_page_number": 0, "paginator": {"num_pages": 0},
                 "has_next": true, "has_previous": true}
}`

// TestListVendorExample: the vendor's documented example answer decodes
// into the page it holds, with the page after the one asked for as the
// next cursor, and ends the listing with an error naming the page; nothing
// else is asked for.
func TestListVendorExample(t *testing.T) {
	fake := newFake(t, ok(vendorExample))
	gc := fake.serve(t)
	var pages []*Page[SessionSummary]
	var errs []error
	for p, err := range gc.Sessions.List(nil).Pages(t.Context()) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.Header, p.RateLimit = nil, RateLimit{}
		pages = append(pages, p)
	}
	want := []*Page[SessionSummary]{{
		Items: []SessionSummary{{ID: "string", CustomID: "string", Status: "string", Kind: "string", Ready: true, Linked: true,
			UserCount: 0, DeploymentRequestID: "string", WebhookURL: "string"}},
		NextCursor: "2",
		HasMore:    true,
	}}
	if diff := cmp.Diff(want, pages); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "Sessions.List page 1: ") || !strings.Contains(errs[0].Error(), "next_page_number is 0 after page 1") {
		t.Errorf("errors %v, want one naming page 1 and its next page number", errs)
	}
	if calls := fake.Calls(); len(calls) != 1 {
		t.Errorf("%d requests, want 1", len(calls))
	}
}
