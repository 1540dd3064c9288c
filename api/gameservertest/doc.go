// Package gameservertest runs an in-memory game-server Sessions API (Edgegap
// v1) for tests, in the spirit of net/http/httptest: NewServer(t) starts it
// on loopback (URL, Client, Close) and closes it when the test ends.
//
// The server implements the server interface generated from
// openapi/gameserver-sessions.yaml with real behaviour over in-memory state:
// apps and their versions, deployments with ports, location, tags and
// sockets, and sessions. A session created from a SessionModel starts
// "Waiting" (ready: false, no deployment) and becomes "Ready", linked to a
// deployment, after a number of get-session polls or a delay (Readiness),
// or fails ("Unprocessable") when its app version says so. Users are added
// and removed by IP (422 when the deployment has no free sockets).
// list-sessions pages with page and limit and the API's pagination object,
// whose neighbour page numbers are explicit nulls at the ends; a page past
// the last answers 404. Deleting an unknown session answers 404, one that is
// already terminated 410. A bulk stop terminates the sessions matching its
// filters on session_id, deployment_tags or request_id, with filter types
// any, all and not. The "authorization: token <key>" header is checked, and
// every error body is {"message": "..."}. Creation times are Python's
// str(datetime), like the live API's.
//
// Every request is validated against the spec (embedded by package
// github.com/sessionkit/sessions/openapi); one that breaks it
// is answered 400 with a message that names the violation ({"message":
// "request body at /app_name: property \"app_name\" is missing"}). Every
// response is validated too: a response that breaks the spec — from a bug,
// a seed (a port above 65535), or a fault whose body does not match — fails
// the test through t.Errorf and is replaced by a 500, so nothing off-spec
// passes silently.
//
// Options seed apps, deployments and sessions, set readiness, inject faults
// by operation (a status with the API's body or your own, Retry-After,
// latency, a dropped connection, N times and then the real behaviour again),
// set the clock, or run the server without network. Readiness delays use
// the server's clock and nothing else — no goroutine, no sleep — so with
// WithoutNetwork a test under testing/synctest controls them exactly. The
// request log (Requests) keeps method, path, query, headers without
// credentials, and body, for assertions. ErrorStatuses lists, for each
// operation, the error statuses the spec documents, which InjectFault can
// produce: the contract tests of a client ask for each of them that way.
//
// A server without an API key refuses every request; its 401 says so and
// names WithAPIToken, instead of a bare "Invalid authentication token".
//
// Names follow the client's (package
// github.com/sessionkit/sessions/wrapper/gameserver): a session's creation
// time is CreateTime, a user's position is a Location (a point: Latitude,
// Longitude) and a deployment's place is a DeploymentLocation, as in
// gameserver.Session. Every Add* method (AddDeployment, AddSession) returns
// the record as the server stored it, with ids, defaults and times filled in,
// and an error.
//
// A Server is safe for concurrent use.
package gameservertest
