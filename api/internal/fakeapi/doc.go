// Package fakeapi is the one server shell of the in-memory API servers of
// api/zendesktest and api/gameservertest: start, options, validation both
// ways, faults (in the mock's JSON format too: [FaultJSON]), the request log,
// the state lock, and the helpers their tests share.
//
// A vendor package describes its API with an [API]: its OpenAPI document (from
// package github.com/sessionkit/sessions/openapi), the generated std-http
// handler over its implementation of the generated server interface, how to
// authenticate a request and how the vendor shapes its error bodies. [New]
// turns that into a [Server], which the vendor's own Server embeds, whose
// handler, for every request:
//
//  1. records the request in the request log as it arrives (credentials
//     left out), so the log is in arrival order;
//  2. finds the operation with a kin-openapi router built once per server
//     (unknown paths get a 404, known paths with another method a 405);
//  3. authenticates the request with the vendor's own check (a refusal is
//     the vendor's own 401);
//  4. validates the request against the spec (a violation is a 400 whose body
//     names it, in the vendor's error shape);
//  5. applies the first pending [Fault] injected for the operation, if any:
//     its latency, then its dropped connection or its status. Only a request
//     that got this far uses a fault up; one refused in steps 2 to 4 gets its
//     real answer at once and leaves the fault queued for the next;
//  6. calls the generated handler (which binds the parameters; the vendor's
//     code answers with [Send]), capturing its response;
//  7. validates the response against the spec. A response that breaks the
//     spec is a bug of the server (or of a seed or fault the test supplied):
//     it is reported with testing.TB.Errorf, so the test that caused it fails,
//     and a 500 is served instead, so nothing passes silently.
//
// Every answer records its status in the request log before it is sent, so
// once a client has its answer (or its dropped connection) the request is in
// the log, complete.
//
// A server listens on loopback like net/http/httptest, or, without network,
// answers through an in-process http.RoundTripper: that mode spawns no
// goroutine at all, so code using it can run under testing/synctest.
package fakeapi
