// Package zendesktest runs an in-memory Zendesk Support Sessions API for
// tests, in the spirit of net/http/httptest: NewServer(t) starts it on
// loopback (URL, Client, Close) and closes it when the test ends.
//
// The server implements the server interface generated from
// openapi/zendesk-sessions.yaml with real behaviour over in-memory state:
// users with roles and credentials, and their sessions. Admins list every
// session of the account, others only their own. ListSessions pages with
// opaque cursors (page[size] 1 to 100, page[after], page[before], has_more,
// links); ListUserSessions also pages by offset (page, per_page, next_page,
// count) and, like Zendesk since 2023, answers 400 past page 100. Show,
// delete and bulk delete check who may touch which user; the current
// session can be shown and renewed (a new authenticity token each time);
// logging out under token auth answers 204 and does nothing, as it does on
// the live API. The Authorization header is checked the way Zendesk does —
// Basic "{email}/token" with an API token, Basic with a password, or Bearer
// with an OAuth token — and refusals carry Zendesk's 401 bodies. Every
// response has X-Zendesk-Request-Id and the X-Rate-Limit headers. Like the
// live API, every path also answers with ".json" appended
// (/api/v2/users/3/sessions/8589934592.json is that session), which some
// clients in other languages always send; the request log keeps the path
// as sent.
//
// Every request is validated against the spec (embedded by package
// github.com/sessionkit/sessions/openapi); one that breaks it
// is answered 400 with a classic body whose description names the
// violation ({"error":"InvalidParameter","description":"query parameter
// \"page[size]\": number must be at most 100"}). Every response is validated
// too: a response that breaks the spec — from a bug, a seed, or a fault
// whose body does not match — fails the test through t.Errorf and is
// replaced by a 500, so nothing off-spec passes silently.
//
// Options seed users and sessions, inject faults by operation (a status with
// Zendesk's body or your own, Retry-After, latency, a dropped connection,
// N times and then the real behaviour again), set the clock, or run the
// server without network so that tests can use testing/synctest. The request
// log (Requests) keeps method, path, query, headers without credentials,
// and body, for assertions. ErrorStatuses lists, for each operation, the
// error statuses the spec documents, which InjectFault can produce: the
// contract tests of a client ask for each of them that way.
//
// A server without users refuses every request; its 401 (Zendesk's classic
// body) says so and names WithUsers, instead of a bare "Couldn't
// authenticate you".
//
// Names follow the client's (package
// github.com/sessionkit/sessions/wrapper/zendesk): Session has ID, UserID,
// AuthenticatedAt and LastSeenAt, as zendesk.Session does. Every Add*
// method (AddUser, AddSession) returns the record as the server stored it,
// with ids, defaults and times filled in, and an error.
//
// A Server is safe for concurrent use.
package zendesktest
