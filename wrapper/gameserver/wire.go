package gameserver

import ggen "github.com/sessionkit/sessions/gen/gameserver"

// The get-session body as the client decodes it, in one pass: plain values
// where the API's absent, null and zero mean the same to the client, so
// that decoding allocates no pointer per optional field as the generated
// SessionGet and Deployment do. get-session is the hot path: WaitReady polls
// it. Presence matters only for the deployment (linked or not) and a user's
// coordinates, which stay pointers. The deployment, its ports and location
// decode straight into the package's own types (their JSON tags).
// TestWireMatchesGenerated keeps the field names and types in step with
// the spec's generated models.

// wireSession is a get-session body (the spec's SessionGet).
type wireSession struct {
	SessionID    string             `json:"session_id"`
	CustomID     string             `json:"custom_id"`
	Status       string             `json:"status"`
	Ready        bool               `json:"ready"`
	Linked       bool               `json:"linked"`
	Kind         string             `json:"kind"`
	UserCount    int                `json:"user_count"`
	AppVersion   int64              `json:"app_version"`
	CreateTime   string             `json:"create_time"`
	Elapsed      int                `json:"elapsed"`
	Error        string             `json:"error"`
	WebhookURL   string             `json:"webhook_url"`
	SessionUsers []ggen.SessionUser `json:"session_users"`
	SessionIPs   []ggen.SessionUser `json:"session_ips"`
	Deployment   *Deployment        `json:"deployment"`
}
