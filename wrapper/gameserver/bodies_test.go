package gameserver

import "time"

// Bodies as the live API sends them (its status strings, explicit nulls
// and optional fields, as the spec's descriptions record) and the spec's
// examples, served by the fake servers of the tests.

const sessionID = "950dd2eaff09-S"

// bodyReady is a ready session as live traffic reports it: status "Ready",
// explicit nulls, every optional field present.
const bodyReady = `{
  "session_id": "950dd2eaff09-S",
  "custom_id": null,
  "status": "Ready",
  "ready": true,
  "linked": true,
  "kind": "Seat",
  "user_count": 2,
  "app_version": 123456,
  "create_time": "2024-05-26 12:00:45.831041",
  "elapsed": 12,
  "error": null,
  "webhook_url": "https://example.com/hooks/sessions",
  "session_ips": [
    {"ip": "162.254.103.13", "latitude": 45.5019, "longitude": -73.5674},
    {"ip": "198.12.116.39", "latitude": 40.7128, "longitude": -74.006}
  ],
  "session_users": [
    {"ip": "162.254.103.13", "latitude": 45.5019, "longitude": -73.5674},
    {"ip": "198.12.116.39", "latitude": 40.7128, "longitude": -74.006}
  ],
  "deployment": {
    "request_id": "9f511e17a5a5",
    "public_ip": "162.254.141.66",
    "status": "Status.READY",
    "ready": true,
    "whitelisting_active": false,
    "fqdn": "9f511e17a5a5.pr.edgegap.net",
    "ports": {
      "gameport": {"external": 31504, "internal": 7777, "protocol": "UDP", "name": "gameport",
                   "tls_upgrade": false, "link": "9f511e17a5a5.pr.edgegap.net:31504", "proxy": 31505}
    },
    "location": {"city": "Montreal", "country": "Canada", "continent": "North America",
                 "administrative_division": "Quebec", "timezone": "America/Toronto",
                 "latitude": 45.5019, "longitude": -73.5674},
    "tags": ["ranked"],
    "sockets": 10,
    "sockets_usage": 2,
    "is_joinable_by_session": true
  }
}`

// bodyReadyVendor is a ready session as the vendor's examples spell it:
// "Status.READY", "SEAT", users without positions, a deployment without its
// optional fields.
const bodyReadyVendor = `{
  "session_id": "950dd2eaff09-S",
  "custom_id": "lobby-42",
  "status": "Status.READY",
  "ready": true,
  "linked": true,
  "kind": "SEAT",
  "user_count": 1,
  "app_version": 123456,
  "create_time": "2024-05-26T12:00:45.831041Z",
  "elapsed": 30,
  "session_ips": [{"ip": "162.254.103.13"}],
  "session_users": [{"ip": "162.254.103.13"}],
  "deployment": {"request_id": "9f511e17a5a5", "public_ip": "162.254.141.66", "status": "Status.READY",
                 "ready": true, "whitelisting_active": false, "fqdn": "9f511e17a5a5.pr.edgegap.net"}
}`

// bodyWaiting is a session waiting for a deployment, with only the
// required fields and a null deployment.
const bodyWaiting = `{"session_id": "950dd2eaff09-S", "status": "Waiting", "ready": false, "linked": false,
  "kind": "Seat", "user_count": 2, "app_version": 123456, "create_time": "2024-05-26 12:00:45.831041",
  "elapsed": 1, "deployment": null}`

// bodyFailed is a session that could not be linked.
const bodyFailed = `{"session_id": "950dd2eaff09-S", "status": "Unprocessable", "ready": false, "linked": false,
  "kind": "Seat", "user_count": 2, "app_version": 123456, "create_time": "2024-05-26 12:00:45.831041",
  "elapsed": 45, "error": "No deployment matches the session's selectors"}`

// bodyCreated answers a create.
const bodyCreated = `{"session_id": "950dd2eaff09-S", "custom_id": null, "app": "my-game", "version": "v1.2.0",
  "deployment_request_id": null, "webhook_url": "https://example.com/hooks/sessions",
  "selectors": [{"tag": "ranked", "tag_only": false, "env": {"key": "GAME_MODE", "value": "ranked"}}]}`

// bodyDeleted answers a delete.
const bodyDeleted = `{"message": "Session 950dd2eaff09-S deleted", "session_id": "950dd2eaff09-S", "custom_id": null}`

// bodyUsers answers the users operations.
const bodyUsers = `{"session_users": [
  {"ip": "162.254.103.13", "latitude": 45.5019, "longitude": -73.5674},
  {"ip": "203.0.113.7"}]}`

// bodyStopped answers a bulk stop.
const bodyStopped = `{"processable": [{"session_id": "950dd2eaff09-S"}, {"session_id": "4c3f1a9e2b7d-S"}]}`

// bodyListOnly is a single page with a null next page number.
const bodyListOnly = `{"data": [
  {"session_id": "950dd2eaff09-S", "custom_id": null, "status": "Ready", "ready": true, "linked": true,
   "kind": "Seat", "user_count": 2, "deployment_request_id": "9f511e17a5a5", "webhook_url": null},
  {"session_id": "4c3f1a9e2b7d-S", "status": "Waiting", "ready": false, "linked": false, "kind": "Seat", "user_count": 1}],
  "total_count": 2,
  "pagination": {"number": 1, "next_page_number": null, "previous_page_number": null,
                 "paginator": {"num_pages": 1}, "has_next": false, "has_previous": false}}`

// createTime is the create_time of the recorded sessions.
var createTime = time.Date(2024, 5, 26, 12, 0, 45, 831041000, time.UTC)

// wantReady is bodyReady decoded.
func wantReady() *Session {
	montreal, newYork := &Location{Latitude: 45.5019, Longitude: -73.5674}, &Location{Latitude: 40.7128, Longitude: -74.006}
	users := []User{{IP: "162.254.103.13", Location: montreal}, {IP: "198.12.116.39", Location: newYork}}
	return &Session{
		ID: sessionID, Status: StatusReady, Ready: true, Linked: true, Kind: KindSeat, UserCount: 2,
		AppVersionID: 123456, CreateTime: createTime, Elapsed: 12 * time.Second,
		WebhookURL: "https://example.com/hooks/sessions",
		Users:      users, IPs: users,
		Deployment: &Deployment{
			RequestID: "9f511e17a5a5", PublicIP: "162.254.141.66", Status: StatusReadyDocumented, Ready: true,
			FQDN: "9f511e17a5a5.pr.edgegap.net",
			Ports: map[string]Port{"gameport": {External: 31504, Internal: 7777, Protocol: "UDP", Name: "gameport",
				Link: "9f511e17a5a5.pr.edgegap.net:31504", Proxy: 31505}},
			Location: &DeploymentLocation{City: "Montreal", Country: "Canada", Continent: "North America",
				AdministrativeDivision: "Quebec", Timezone: "America/Toronto", Latitude: 45.5019, Longitude: -73.5674},
			Tags: []string{"ranked"}, Sockets: 10, SocketsUsage: 2, JoinableBySession: true,
		},
	}
}
