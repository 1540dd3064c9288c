// Package gameservertest runs an in-memory game-server Sessions API (Edgegap
// v1) for tests, in the spirit of net/http/httptest: NewServer(t) starts it
// on loopback (URL, Client, Close) and closes it when the test ends; Start
// starts one outside a test.
//
// The server implements the server interface generated from
// openapi/gameserver-sessions.yaml over in-memory apps and their versions,
// deployments (ports, location, tags, sockets) and sessions. A new session
// starts "Waiting" (ready: false, no deployment) and becomes "Ready", linked
// to a deployment, as Readiness says, or "Unprocessable" when its app version
// says so; it posts its webhook_url then. Users are added and removed by IP
// (422 when the deployment has no free sockets). list-sessions pages with
// page and limit, its neighbour page numbers explicit nulls at the ends, and
// answers 404 past the last page. Deleting an unknown session answers 404,
// a terminated one 410. A bulk stop terminates the sessions its filters
// match (session_id, deployment_tags or request_id; any, all or not). The
// "authorization: token <key>" header is checked (a server without keys
// refuses everything with a 401 that names WithAPIToken), every error body
// is {"message": "..."}, and creation times are Python's str(datetime), like
// the live API's.
//
// Every request and response is validated against the spec: a bad request
// gets a 400 whose message names the violation ("request body at /app_name:
// property \"app_name\" is missing"); a response that breaks the spec (a bug,
// a seed such as a port above 65535, a fault's Body) fails the test through
// t.Errorf and is replaced by a 500. Options seed apps, deployments and
// sessions, set readiness, inject faults by operation, set the clock, or run
// the server without network: readiness delays use the server's clock and
// timers only, so a test under testing/synctest controls them exactly.
// Requests keeps the request log; ErrorStatuses lists the error statuses the
// spec documents for an operation, which InjectFault can produce.
//
// Names follow package github.com/sessionkit/sessions/wrapper/gameserver: a
// session's creation time is CreateTime, a user's position a Location, a
// deployment's place a DeploymentLocation. Every Add* method returns the
// record as stored, with ids, defaults and times filled in. A Server is safe
// for concurrent use.
package gameservertest
