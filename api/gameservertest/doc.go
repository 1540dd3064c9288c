// Package gameservertest runs an in-memory game-server Sessions API (Edgegap
// v1) for tests, in the spirit of net/http/httptest: NewServer(t) starts it
// on loopback (URL, Client, Close) and closes it when the test ends; Start
// starts one outside a test.
//
// The server implements openapi/gameserver-sessions.yaml over in-memory
// apps, deployments and sessions. A new session starts "Waiting" and becomes
// "Ready", linked to a deployment, as Readiness says, or "Unprocessable"
// when its app version says so, and then posts its webhook_url. Users are
// added and removed by IP (422 when the deployment has no free sockets).
// list-sessions pages with page and limit and answers 404 past the last
// page. Deleting an unknown session answers 404, a terminated one 410. A
// bulk stop terminates the sessions its filters match. The "authorization:
// token <key>" header is checked (a server without keys refuses everything
// with a 401 that names WithAPIToken); every error body is {"message":
// "..."}; creation times are Python's str(datetime), like the live API's.
//
// Every request and response is validated against the spec: a bad request
// gets a 400 whose message names the violation ("request body at /app_name:
// property \"app_name\" is missing"); a response that breaks the spec (a bug,
// a seed such as a port above 65535, a fault's Body) fails the test through
// t.Errorf and is replaced by a 500. Options seed the server, set readiness,
// inject faults by operation, set the clock, or run the server without
// network: readiness delays then use the server's clock and timers only, so
// a test under testing/synctest controls them exactly.
//
// Names follow package github.com/sessionkit/sessions/wrapper/gameserver. A
// Server is safe for concurrent use.
package gameservertest
