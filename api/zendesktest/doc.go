// Package zendesktest runs an in-memory Zendesk Support Sessions API for
// tests, in the spirit of net/http/httptest: NewServer(t) starts it on
// loopback (URL, Client, Close) and closes it when the test ends; Start
// starts one outside a test.
//
// The server implements openapi/zendesk-sessions.yaml over in-memory users
// (with roles and credentials) and their sessions. Admins see every session
// of the account, others only their own. ListSessions pages with opaque
// cursors (page[size] 1 to 100, page[after], page[before], has_more, links);
// ListUserSessions also by offset (page, per_page, next_page, count), and
// answers 400 past page 100 as Zendesk has since 2023. Renewing the current
// session gives a new authenticity token each time; logging out under token
// auth answers 204 and does nothing, as on the live API. Authorization is
// checked as Zendesk does — Basic "{email}/token" with an API token, Basic
// with a password, Bearer with an OAuth token — and refused with Zendesk's
// 401 bodies; a server without users refuses everything with a 401 that
// names WithUsers. Every response has X-Zendesk-Request-Id and the
// X-Rate-Limit headers; every path also answers with ".json" appended.
//
// Every request and response is validated against the spec: a bad request
// gets a 400 whose classic body names the violation ({"error":
// "InvalidParameter", "description": "query parameter \"page[size]\": number
// must be at most 100"}); a response that breaks the spec (a bug, a seed, a
// fault's Body) fails the test through t.Errorf and is replaced by a 500.
// Options seed the account, inject faults by operation, set the clock, or
// run the server without network for testing/synctest.
//
// Names follow package github.com/sessionkit/sessions/wrapper/zendesk. A
// Server is safe for concurrent use.
package zendesktest
