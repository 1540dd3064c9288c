package gameserver

import "time"

// Session is a session as get-session describes it: its state, its users
// and, once linked, its deployment. Optional fields the API leaves out, or
// sends as null, are zero.
type Session struct {
	ID       string // the session's opaque id, e.g. "950dd2eaff09-S"
	CustomID string // the caller's own id for the session, when it has one
	// Status is a free string, not an enum: "Ready", "Waiting",
	// "Status.READY", "Unprocessable"... (see the Status constants). Decide
	// readiness from Ready and Error, not from Status.
	Status       string
	Ready        bool   // true once the session is linked to a ready deployment
	Linked       bool   // true once the session is linked to a deployment
	Kind         string // a free string: "Seat", "DEFAULT", "MATCH"... (see the Kind constants)
	UserCount    int    // the number of users in the session
	AppVersionID int64  // the numeric id of the session's app version (the API's app_version)
	// CreateTime is when the session was created, in UTC; zero when the API
	// sent a time in neither Python's "2024-05-26 12:00:45.831041" form nor
	// RFC 3339.
	CreateTime time.Time
	Elapsed    time.Duration // how long ago the session was created, in the API's whole seconds
	Error      string        // why the session failed, when it did; it will then never be ready
	WebhookURL string        // the URL the API POSTs to when the session is linked, unprocessable or in error
	Users      []User        // the session's users (session_users)
	IPs        []User        // the session's users as the API lists their IPs (session_ips); usually Users
	Deployment *Deployment   // the deployment the session is linked to; nil until it is
}

// User is a player of a session, known by IP and, when the API knows it, by
// position.
type User struct {
	IP       string    // the user's public IP address
	Location *Location // the user's position; nil when the API did not give one
}

// Location is a point on Earth, in decimal degrees.
type Location struct {
	Latitude  float64 // from -90 to 90
	Longitude float64 // from -180 to 180
}

// Deployment is a running game server a session is linked to. Numbers and
// flags the API does not report are zero.
type Deployment struct {
	RequestID          string              // the deployment's id, e.g. "9f511e17a5a5"
	PublicIP           string              // the deployment's public IP address
	Status             string              // a free string, e.g. "Status.READY"
	FQDN               string              // the deployment's host name, e.g. "9f511e17a5a5.pr.edgegap.net"
	Ready              bool                // true when the deployment accepts players
	WhitelistingActive bool                // true when it only accepts the IPs of its sessions' users
	Ports              map[string]Port     // by name, e.g. "gameport"
	Location           *DeploymentLocation // where the deployment runs; nil when not reported
	Tags               []string            // the deployment's tags
	Sockets            int                 // how many users the deployment holds
	SocketsUsage       int                 // how many of them are in use
	JoinableBySession  bool                // true when sessions may still join the deployment
}

// Port is one port of a deployment. Numbers the API leaves out are 0.
type Port struct {
	External   int    // the port players connect to, on PublicIP or FQDN
	Internal   int    // the port the game server listens on in its container
	Protocol   string // e.g. "UDP", "TCP", "TCP/UDP", "WS"
	Name       string // e.g. "gameport"
	Link       string // where to connect, e.g. "9f511e17a5a5.pr.edgegap.net:31504"
	TLSUpgrade bool   // true when the port is upgraded to TLS
	Proxy      int    // the proxy port when the port is proxied; 0 otherwise
}

// DeploymentLocation is where a deployment runs, e.g. City "Montreal",
// Country "Canada", Continent "North America", AdministrativeDivision (a
// state or province) "Quebec", Timezone (an IANA name) "America/Toronto".
type DeploymentLocation struct {
	City                   string
	Country                string
	Continent              string
	AdministrativeDivision string
	Timezone               string
	Latitude               float64 // in decimal degrees
	Longitude              float64
}

// SessionSummary is a session as list-sessions describes it: its state
// without users or deployment details (Get has those). The fields mean what
// Session's do.
type SessionSummary struct {
	ID                  string
	CustomID            string
	Status              string
	Kind                string
	Ready               bool
	Linked              bool
	UserCount           int
	DeploymentRequestID string // the id of the session's deployment, when it has one
	WebhookURL          string
}

// Known values of Session.Status and SessionSummary.Status. The field is a
// free string: the live API and its documentation spell the same state
// differently, and new values may appear, so decide readiness from
// Session.Ready and Session.Error instead.
const (
	StatusWaiting         = "Waiting"       // waiting for a deployment
	StatusReady           = "Ready"         // ready, as live traffic spells it
	StatusReadyDocumented = "Status.READY"  // ready, as the vendor's examples spell it
	StatusLinked          = "Linked"        // linked to a deployment
	StatusUnprocessable   = "Unprocessable" // no deployment could be matched; Session.Error says why
	StatusError           = "Error"         // failed; Session.Error says why
)

// Known values of Session.Kind and SessionSummary.Kind, a free string.
const (
	KindSeat    = "Seat"    // players join seats of a deployment; the vendor's examples say "SEAT"
	KindDefault = "DEFAULT" // a default session, as the vendor's examples spell it
	KindMatch   = "MATCH"   // a group of players deployed together, as the vendor's examples spell it
)
