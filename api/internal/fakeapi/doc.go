// Package fakeapi is the one server shell of the in-memory API servers of
// api/zendesktest and api/gameservertest: start, options, validation both
// ways, faults (in the mock's JSON format too: [FaultJSON]), the request
// log, the state lock, and the helpers their tests share.
//
// A vendor package describes its API with an [API]; [New] turns it into a
// [Server], which the vendor's own Server embeds, whose handler, for every
// request:
//
//  1. logs it as it arrives (credentials left out), in arrival order; each
//     answer records its status there before it is sent;
//  2. finds the operation with a kin-openapi router built once per server
//     (an unknown path gets a 404, another method on a known path a 405);
//  3. has the vendor authenticate it (a refusal is the vendor's own 401);
//  4. validates it against the spec (a 400 naming the violation, in the
//     vendor's error shape);
//  5. applies the first pending [Fault] of the operation: its delay, then
//     its dropped connection or its status;
//  6. calls the generated handler (the vendor's code answers with [Send]),
//     capturing its response;
//  7. validates the response: one that breaks the spec is a bug of the
//     server (or of a seed or fault the test supplied), reported with
//     testing.TB.Errorf and replaced by a 500, so nothing passes silently.
//
// A server listens on loopback like net/http/httptest or, without network,
// answers through an in-process http.RoundTripper that spawns no goroutine,
// so code using it can run under testing/synctest.
package fakeapi
