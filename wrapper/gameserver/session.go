package gameserver

import "time"

// Session is a session as get-session describes it: its state, its users
// and, once linked, its deployment. Optional fields the API leaves out, or
// sends as null, are zero.
type Session struct {
	// ID is the session's opaque id, e.g. "950dd2eaff09-S".
	ID string
	// CustomID is the caller's own id for the session, when it has one.
	CustomID string
	// Status is a free string, not an enum: "Ready", "Waiting",
	// "Status.READY", "Unprocessable"... (see the Status constants). Decide
	// readiness from Ready and Error, not from Status.
	Status string
	// Ready is true once the session is linked to a ready deployment.
	Ready bool
	// Linked is true once the session is linked to a deployment.
	Linked bool
	// Kind is a free string, not an enum: "Seat", "DEFAULT", "MATCH"...
	// (see the Kind constants).
	Kind string
	// UserCount is the number of users in the session.
	UserCount int
	// AppVersionID is the numeric id of the session's app version (the
	// API's app_version).
	AppVersionID int64
	// CreateTime is when the session was created, in UTC. It is zero when
	// the API sent a time in neither Python's "2024-05-26 12:00:45.831041"
	// form nor RFC 3339.
	CreateTime time.Time
	// Elapsed is how long ago the session was created, as the API counted
	// it in whole seconds.
	Elapsed time.Duration
	// Error is why the session failed, when it did; it will then never be
	// ready.
	Error string
	// WebhookURL is the URL the API POSTs to when the session is linked,
	// unprocessable or in error.
	WebhookURL string
	// Users are the session's users (session_users).
	Users []User
	// IPs are the session's users as the API lists their IPs (session_ips);
	// usually the same as Users.
	IPs []User
	// Deployment is the deployment the session is linked to; nil until it
	// is.
	Deployment *Deployment
}

// User is a player of a session, known by IP and, when the API knows it, by
// position.
type User struct {
	// IP is the user's public IP address.
	IP string
	// Location is the user's position; nil when the API did not give one.
	Location *Location
}

// Location is a point on Earth, in decimal degrees.
type Location struct {
	// Latitude is from -90 to 90.
	Latitude float64
	// Longitude is from -180 to 180.
	Longitude float64
}

// Deployment is a running game server a session is linked to.
type Deployment struct {
	// RequestID is the deployment's id, e.g. "9f511e17a5a5".
	RequestID string
	// PublicIP is the deployment's public IP address.
	PublicIP string
	// Status is a free string, e.g. "Status.READY".
	Status string
	// FQDN is the deployment's host name, e.g. "9f511e17a5a5.pr.edgegap.net".
	FQDN string
	// Ready is true when the deployment accepts players.
	Ready bool
	// WhitelistingActive is true when the deployment only accepts the IPs
	// of its sessions' users.
	WhitelistingActive bool
	// Ports are the deployment's ports, by name (e.g. "gameport").
	Ports map[string]Port
	// Location is where the deployment runs; nil when not reported.
	Location *DeploymentLocation
	// Tags are the deployment's tags.
	Tags []string
	// Sockets is how many users the deployment holds; 0 when not reported.
	Sockets int
	// SocketsUsage is how many of them are in use; 0 when not reported.
	SocketsUsage int
	// JoinableBySession is true when sessions may still join the
	// deployment; false when not reported.
	JoinableBySession bool
}

// Port is one port of a deployment. Numbers the API leaves out are 0.
type Port struct {
	// External is the port players connect to, on PublicIP or FQDN.
	External int
	// Internal is the port the game server listens on in its container.
	Internal int
	// Protocol is e.g. "UDP", "TCP", "TCP/UDP", "WS".
	Protocol string
	// Name is the port's name, e.g. "gameport".
	Name string
	// Link is where to connect, e.g. "9f511e17a5a5.pr.edgegap.net:31504".
	Link string
	// TLSUpgrade is true when the port is upgraded to TLS.
	TLSUpgrade bool
	// Proxy is the proxy port when the port is proxied; 0 otherwise.
	Proxy int
}

// DeploymentLocation is where a deployment runs.
type DeploymentLocation struct {
	// City is e.g. "Montreal".
	City string
	// Country is e.g. "Canada".
	Country string
	// Continent is e.g. "North America".
	Continent string
	// AdministrativeDivision is a state or province, e.g. "Quebec".
	AdministrativeDivision string
	// Timezone is an IANA zone name, e.g. "America/Toronto".
	Timezone string
	// Latitude and Longitude are the deployment's position in decimal
	// degrees.
	Latitude  float64
	Longitude float64
}

// SessionSummary is a session as list-sessions describes it: its state
// without users or deployment details (Get has those).
type SessionSummary struct {
	// ID is the session's opaque id.
	ID string
	// CustomID is the caller's own id for the session, when it has one.
	CustomID string
	// Status is a free string (see Session.Status).
	Status string
	// Kind is a free string (see Session.Kind).
	Kind string
	// Ready is true once the session is linked to a ready deployment.
	Ready bool
	// Linked is true once the session is linked to a deployment.
	Linked bool
	// UserCount is the number of users in the session.
	UserCount int
	// DeploymentRequestID is the id of the session's deployment, when it
	// has one.
	DeploymentRequestID string
	// WebhookURL is the session's webhook URL, when it has one.
	WebhookURL string
}
