package gameservertest

import "time"

// App is an application whose versions sessions can be created for.
type App struct {
	Name string `json:"name"`
	// Versions of the app; a session that names no version gets the first.
	// An app seeded without versions has one, "v1".
	Versions []AppVersion `json:"versions,omitempty"`
}

// AppVersion is a version of an App.
type AppVersion struct {
	Name string `json:"name"`
	// ID is the version's numeric id (a session's app_version); assigned
	// when 0.
	ID int64 `json:"id,omitempty"`
	// Disabled versions refuse new sessions with a 400.
	Disabled bool `json:"disabled,omitempty"`
	// SessionError, if set, makes the version's sessions fail instead of
	// becoming ready: status "Unprocessable", with this error.
	SessionError string `json:"session_error,omitempty"`
}

// Deployment is a running game server that sessions are linked to.
type Deployment struct {
	// RequestID identifies the deployment; assigned when empty.
	RequestID string `json:"request_id,omitempty"`
	// PublicIP and FQDN default to a TEST-NET address and
	// "{RequestID}.pr.edgegap.net".
	PublicIP string `json:"public_ip,omitempty"`
	FQDN     string `json:"fqdn,omitempty"`
	// Status is a free string; "Status.READY" by default.
	Status string `json:"status,omitempty"`
	// Ports by name; by default one, "gameport", UDP 7777.
	Ports map[string]Port `json:"ports,omitempty"`
	// Location is where the deployment runs; Montreal by default.
	Location *DeploymentLocation `json:"location,omitempty"`
	Tags     []string            `json:"tags,omitempty"`
	// Sockets is how many users the deployment holds: adding more to its
	// sessions answers 422. 0 means no limit (and none reported).
	Sockets int `json:"sockets,omitempty"`
	// Terminated deployments take no new sessions, and deleting a session
	// on one answers 410.
	Terminated bool `json:"terminated,omitempty"`
}

// Port is a port of a deployment. Zero numbers are left out of responses.
type Port struct {
	External   int    `json:"external,omitempty"`
	Internal   int    `json:"internal,omitempty"`
	Protocol   string `json:"protocol,omitempty"`
	TLSUpgrade bool   `json:"tls_upgrade,omitempty"`
	Proxy      int    `json:"proxy,omitempty"`
}

// DeploymentLocation is where a deployment runs: the fields of the client's
// gameserver.DeploymentLocation, in its order (tests convert one to the other).
type DeploymentLocation struct {
	City                   string  `json:"city,omitempty"`
	Country                string  `json:"country,omitempty"`
	Continent              string  `json:"continent,omitempty"`
	AdministrativeDivision string  `json:"administrative_division,omitempty"`
	Timezone               string  `json:"timezone,omitempty"`
	Latitude               float64 `json:"latitude,omitempty"`
	Longitude              float64 `json:"longitude,omitempty"`
}

// Location is a point on Earth in decimal degrees, as the client's
// gameserver.Location describes it.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// User is a player of a session, known by IP and perhaps by position, as the
// client's gameserver.User describes it.
type User struct {
	IP string `json:"ip"`
	// Location is the user's position; nil when unknown.
	Location *Location `json:"location,omitempty"`
}

// Session is a matchmaking session.
type Session struct {
	// ID is assigned when empty, like the live API's: "950dd2eaff09-S".
	ID       string `json:"id,omitempty"`
	CustomID string `json:"custom_id,omitempty"`
	// App and Version name the session's app version; when apps are
	// seeded they must name one.
	App     string `json:"app"`
	Version string `json:"version,omitempty"`
	// Kind is a free string; "Seat" by default.
	Kind  string `json:"kind,omitempty"`
	Users []User `json:"users,omitempty"`
	// DeploymentRequestID links the session to a seeded deployment; a new
	// deployment is made for it otherwise.
	DeploymentRequestID string `json:"deployment_request_id,omitempty"`
	// Ready sessions are linked to their deployment from the start; others
	// follow the server's Readiness.
	Ready bool `json:"ready,omitempty"`
	// Error makes the session a failed one ("Unprocessable").
	Error string `json:"error,omitempty"`
	// Terminated sessions are gone from listings; deleting one answers 410.
	Terminated bool   `json:"terminated,omitempty"`
	WebhookURL string `json:"webhook_url,omitempty"`
	// CreateTime is when the session was created (the client's
	// Session.CreateTime), kept to the microsecond as the API serves it;
	// the server's current time by default.
	CreateTime time.Time `json:"create_time,omitzero"`
}

// State is everything a Server holds: what [Server.State] returns and
// [Server.Reset] installs. Readiness and the webhook client are the
// server's configuration, not its state.
type State struct {
	// APITokens are the keys accepted as "authorization: token <key>"
	// (WithAPIToken). Given to Reset, nil keeps the server's keys; an
	// empty non-nil list leaves it none, so that it refuses every request.
	APITokens []string `json:"api_tokens,omitempty"`
	// Apps are the seeded apps, by name; none means any app name is
	// accepted.
	Apps []App `json:"apps"`
	// Deployments are every deployment, oldest first, including those
	// made for sessions.
	Deployments []Deployment `json:"deployments"`
	// Sessions are every session, terminated ones included, oldest first.
	Sessions []Session `json:"sessions"`
}

// Readiness says when a new session becomes ready (and linked to its
// deployment): once get-session has answered ready: false Polls times, and
// at least Delay has passed since its creation. The default is one poll and
// no delay: the first get-session says "Waiting", the next one "Ready".
type Readiness struct {
	Polls int
	Delay time.Duration
}

// Operation names, the spec's operationIds, for WithFault and InjectFault.
const (
	OpSessionPost        = "session-post"
	OpGetSession         = "get-session"
	OpSessionDelete      = "session-delete"
	OpGetUsersSession    = "get-users-session"
	OpPutUsersSession    = "put-users-session"
	OpDeleteUsersSession = "delete-users-session"
	OpListSessions       = "list-sessions"
	OpSessionsBulkStop   = "sessions-bulk-stop"
)
