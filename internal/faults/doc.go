// Package faults holds a misbehaving HTTP/1.1 server on real loopback
// sockets and, in its tests, the fault suite and the security sweep of both
// wrappers (zendesk and gameserver).
//
// The in-memory transports of the wrappers' unit tests prove the retry
// policy exactly, under testing/synctest, but they cannot see what real
// sockets do: a connection reset halfway through a body, a server that
// stalls, a body of 100 MiB, a redirect to another port or host, a
// kept-alive connection that dies. A Server speaks raw HTTP/1.1 over
// net.Listen, so each of those can be produced byte for byte: it counts the
// connections it accepted, logs every request with its raw request target,
// and answers each request with a Step chosen by the test.
//
// The tests of this package drive every operation of both clients through
// every scenario (429 with Retry-After, bursts of 5xx, resets, truncated and
// foreign bodies, oversized streams, stalls, redirects) and assert what the
// engine must do: whether the call is retried and how many attempts it
// made, the typed error it returns, that a create is never repeated, that
// the connection is reused afterwards, that the heap stays bounded and that
// waits and deadlines are honoured to the millisecond. The security sweep
// checks that no credential ever shows in an error, a formatted value or a
// log line, or reaches another origin, and that no id can leave its route.
//
// The package is internal: it is test equipment, not part of the SDK.
package faults
