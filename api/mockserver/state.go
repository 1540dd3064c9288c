package mockserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/sessionkit/sessions/api/gameservertest"
	"github.com/sessionkit/sessions/api/zendesktest"
)

// State is the JSON state of a mock: the seed file, and (one API at a time)
// what GET /__mock/state returns and PUT /__mock/state installs. Times are
// RFC 3339 ("2026-01-02T15:04:05Z"); optional fields may be left out.
//
//	{
//	  "zendesk": {
//	    "users": [{"id": 1, "email": "admin@example.com", "role": "admin", "api_token": "t"}],
//	    "sessions": [{"user_id": 1, "authenticated_at": "2026-01-02T15:04:05Z", "last_seen_at": "2026-01-03T09:00:00Z"}],
//	    "oauth_clients": [{"id": "ci", "secret": "s", "user_id": 1}]
//	  },
//	  "gameserver": {
//	    "api_tokens": ["k"],
//	    "apps": [{"name": "game", "versions": [{"name": "v1"}]}],
//	    "deployments": [{"request_id": "d1", "tags": ["eu"]}],
//	    "sessions": [{"app": "game", "users": [{"ip": "198.51.100.7"}], "ready": true}]
//	  }
//	}
type State struct {
	Zendesk    ZendeskState    `json:"zendesk"`
	Gameserver GameserverState `json:"gameserver"`
}

// ZendeskState is the Zendesk account of a mock.
type ZendeskState struct {
	Users        []ZendeskUser    `json:"users"`
	Sessions     []ZendeskSession `json:"sessions"`
	OAuthClients []OAuthClient    `json:"oauth_clients"`
	// OAuthTokens are tokens minted by POST /oauth/tokens; a dump lists
	// them so that a state put back keeps them valid.
	OAuthTokens []OAuthToken `json:"oauth_tokens,omitempty"`
}

// ZendeskUser is a user and the credentials the mock accepts for them:
// Basic "{email}/token:{api_token}", Basic "{email}:{password}" or
// "Bearer {oauth_token}". Role is "admin", "agent" or "end-user" (the
// default).
type ZendeskUser struct {
	ID         int64  `json:"id"`
	Email      string `json:"email"`
	Role       string `json:"role,omitempty"`
	APIToken   string `json:"api_token,omitempty"`
	Password   string `json:"password,omitempty"`
	OAuthToken string `json:"oauth_token,omitempty"`
}

// ZendeskSession is a log-in session. An id of 0 (or none) is assigned;
// authenticated_at defaults to now; last_seen_at left out is null.
type ZendeskSession struct {
	ID              int64     `json:"id,omitempty"`
	UserID          int64     `json:"user_id"`
	AuthenticatedAt time.Time `json:"authenticated_at,omitzero"`
	LastSeenAt      time.Time `json:"last_seen_at,omitzero"`
}

// OAuthClient is a client of the client-credentials grant; its tokens act
// as the user user_id.
type OAuthClient struct {
	ID     string `json:"id"`
	Secret string `json:"secret"`
	UserID int64  `json:"user_id"`
}

// OAuthToken is a minted token.
type OAuthToken struct {
	AccessToken string    `json:"access_token"`
	ClientID    string    `json:"client_id"`
	UserID      int64     `json:"user_id,omitempty"`
	Scope       string    `json:"scope,omitempty"`
	IssuedAt    time.Time `json:"issued_at,omitzero"`
	ExpiresAt   time.Time `json:"expires_at"`
	Revoked     bool      `json:"revoked,omitempty"`
}

// GameserverState is the game-server (Edgegap) side of a mock.
type GameserverState struct {
	// APITokens are the keys accepted as "authorization: token <key>".
	// They are fixed when the mock starts: PUT /__mock/state refuses other
	// keys.
	APITokens   []string            `json:"api_tokens,omitempty"`
	Apps        []App               `json:"apps"`
	Deployments []Deployment        `json:"deployments"`
	Sessions    []GameserverSession `json:"sessions"`
}

// App is an application and its versions.
type App struct {
	Name     string       `json:"name"`
	Versions []AppVersion `json:"versions,omitempty"`
}

// AppVersion is a version of an app; a disabled one refuses new sessions,
// one with a session_error makes its sessions fail.
type AppVersion struct {
	Name         string `json:"name"`
	ID           int64  `json:"id,omitempty"`
	Disabled     bool   `json:"disabled,omitempty"`
	SessionError string `json:"session_error,omitempty"`
}

// Deployment is a game server sessions are linked to; what is left out
// gets the fake's defaults.
type Deployment struct {
	RequestID  string              `json:"request_id,omitempty"`
	PublicIP   string              `json:"public_ip,omitempty"`
	FQDN       string              `json:"fqdn,omitempty"`
	Status     string              `json:"status,omitempty"`
	Ports      map[string]Port     `json:"ports,omitempty"`
	Location   *DeploymentLocation `json:"location,omitempty"`
	Tags       []string            `json:"tags,omitempty"`
	Sockets    int                 `json:"sockets,omitempty"`
	Terminated bool                `json:"terminated,omitempty"`
}

// Port is a port of a deployment.
type Port struct {
	External   int    `json:"external,omitempty"`
	Internal   int    `json:"internal,omitempty"`
	Protocol   string `json:"protocol,omitempty"`
	TLSUpgrade bool   `json:"tls_upgrade,omitempty"`
	Proxy      int    `json:"proxy,omitempty"`
}

// DeploymentLocation is where a deployment runs.
type DeploymentLocation struct {
	City                   string  `json:"city,omitempty"`
	Country                string  `json:"country,omitempty"`
	Continent              string  `json:"continent,omitempty"`
	AdministrativeDivision string  `json:"administrative_division,omitempty"`
	Timezone               string  `json:"timezone,omitempty"`
	Latitude               float64 `json:"latitude,omitempty"`
	Longitude              float64 `json:"longitude,omitempty"`
}

// GameserverUser is a player of a session.
type GameserverUser struct {
	IP       string    `json:"ip"`
	Location *Location `json:"location,omitempty"`
}

// Location is a point in decimal degrees.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// GameserverSession is a matchmaking session; create_time defaults to now.
// The create_time is kept to the microsecond, as the API sends it, so that
// the state shows the time a client reads.
type GameserverSession struct {
	ID                  string           `json:"id,omitempty"`
	CustomID            string           `json:"custom_id,omitempty"`
	App                 string           `json:"app"`
	Version             string           `json:"version,omitempty"`
	Kind                string           `json:"kind,omitempty"`
	Users               []GameserverUser `json:"users,omitempty"`
	DeploymentRequestID string           `json:"deployment_request_id,omitempty"`
	Ready               bool             `json:"ready,omitempty"`
	Error               string           `json:"error,omitempty"`
	Terminated          bool             `json:"terminated,omitempty"`
	WebhookURL          string           `json:"webhook_url,omitempty"`
	CreateTime          time.Time        `json:"create_time,omitzero"`
}

// ParseState reads a State from JSON. Unknown fields, values of the wrong
// type, bad times and trailing data are errors naming the field.
func ParseState(r io.Reader) (State, error) {
	var s State
	if err := decodeStrict(r, &s); err != nil {
		return State{}, fmt.Errorf("mockserver: state: %w", err)
	}
	return s, nil
}

// decodeStrict decodes one JSON value into v, refusing unknown fields and
// anything after the value, with errors that name the field.
func decodeStrict(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("reading the JSON: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("the body is empty: want a JSON object")
		}
		if e, ok := errors.AsType[*json.UnmarshalTypeError](err); ok && e.Field != "" {
			// The path holds the Go names of embedded structs (upper case)
			// beside the JSON names; keep the JSON ones.
			path := slices.DeleteFunc(strings.Split(e.Field, "."), func(p string) bool { return p != "" && unicode.IsUpper(rune(p[0])) })
			return fmt.Errorf("field %q: %s is not a %s", strings.Join(path, "."), e.Value, e.Type)
		}
		if _, ok := errors.AsType[*time.ParseError](err); ok {
			return fmt.Errorf("%s: want an RFC 3339 time such as \"2026-01-02T15:04:05Z\": %w", where(b, dec.InputOffset()), err)
		}
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// jsonKey matches an object key of a JSON text.
var jsonKey = regexp.MustCompile(`"([^"\\]+)"\s*:`)

// where names the place of a decoding error that encoding/json does not:
// the field being read and its line.
func where(b []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(b)))
	before := b[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	if keys := jsonKey.FindAllSubmatch(before, -1); keys != nil {
		return fmt.Sprintf("field %q (line %d)", keys[len(keys)-1][1], line)
	}
	return fmt.Sprintf("line %d", line)
}

// zendesk converts to the fake's state.
func (z ZendeskState) zendesk() zendesktest.State {
	var out zendesktest.State
	for _, u := range z.Users {
		out.Users = append(out.Users, zendesktest.User{ID: u.ID, Email: u.Email, Role: zendesktest.Role(u.Role),
			APIToken: u.APIToken, Password: u.Password, OAuthToken: u.OAuthToken})
	}
	for _, s := range z.Sessions {
		out.Sessions = append(out.Sessions, zendesktest.Session{ID: s.ID, UserID: s.UserID,
			AuthenticatedAt: s.AuthenticatedAt, LastSeenAt: s.LastSeenAt})
	}
	for _, c := range z.OAuthClients {
		out.OAuthClients = append(out.OAuthClients, zendesktest.OAuthClient(c))
	}
	for _, t := range z.OAuthTokens {
		out.OAuthTokens = append(out.OAuthTokens, zendesktest.OAuthToken{AccessToken: t.AccessToken, ClientID: t.ClientID,
			UserID: t.UserID, Scope: t.Scope, IssuedAt: t.IssuedAt, ExpiresAt: t.ExpiresAt, Revoked: t.Revoked})
	}
	return out
}

// zendeskState converts from the fake's state.
func zendeskState(s zendesktest.State) ZendeskState {
	out := ZendeskState{Users: []ZendeskUser{}, Sessions: []ZendeskSession{}, OAuthClients: []OAuthClient{}}
	for _, u := range s.Users {
		out.Users = append(out.Users, ZendeskUser{ID: u.ID, Email: u.Email, Role: string(u.Role),
			APIToken: u.APIToken, Password: u.Password, OAuthToken: u.OAuthToken})
	}
	for _, x := range s.Sessions {
		out.Sessions = append(out.Sessions, ZendeskSession{ID: x.ID, UserID: x.UserID,
			AuthenticatedAt: x.AuthenticatedAt, LastSeenAt: x.LastSeenAt})
	}
	for _, c := range s.OAuthClients {
		out.OAuthClients = append(out.OAuthClients, OAuthClient(c))
	}
	for _, t := range s.OAuthTokens {
		out.OAuthTokens = append(out.OAuthTokens, OAuthToken{AccessToken: t.AccessToken, ClientID: t.ClientID,
			UserID: t.UserID, Scope: t.Scope, IssuedAt: t.IssuedAt, ExpiresAt: t.ExpiresAt, Revoked: t.Revoked})
	}
	return out
}

// gameserver converts to the fake's state.
func (g GameserverState) gameserver() gameservertest.State {
	var out gameservertest.State
	for _, a := range g.Apps {
		app := gameservertest.App{Name: a.Name}
		for _, v := range a.Versions {
			app.Versions = append(app.Versions, gameservertest.AppVersion(v))
		}
		out.Apps = append(out.Apps, app)
	}
	for _, d := range g.Deployments {
		dep := gameservertest.Deployment{RequestID: d.RequestID, PublicIP: d.PublicIP, FQDN: d.FQDN, Status: d.Status,
			Tags: d.Tags, Sockets: d.Sockets, Terminated: d.Terminated}
		if d.Ports != nil {
			dep.Ports = make(map[string]gameservertest.Port, len(d.Ports))
			for k, p := range d.Ports {
				dep.Ports[k] = gameservertest.Port(p)
			}
		}
		if d.Location != nil {
			l := gameservertest.DeploymentLocation(*d.Location)
			dep.Location = &l
		}
		out.Deployments = append(out.Deployments, dep)
	}
	for _, s := range g.Sessions {
		sess := gameservertest.Session{ID: s.ID, CustomID: s.CustomID, App: s.App, Version: s.Version, Kind: s.Kind,
			DeploymentRequestID: s.DeploymentRequestID, Ready: s.Ready, Error: s.Error, Terminated: s.Terminated,
			WebhookURL: s.WebhookURL, CreateTime: s.CreateTime.Truncate(time.Microsecond)}
		for _, u := range s.Users {
			user := gameservertest.User{IP: u.IP}
			if u.Location != nil {
				user.Location = &gameservertest.Location{Latitude: u.Location.Latitude, Longitude: u.Location.Longitude}
			}
			sess.Users = append(sess.Users, user)
		}
		out.Sessions = append(out.Sessions, sess)
	}
	return out
}

// gameserverState converts from the fake's state.
func gameserverState(s gameservertest.State, tokens []string) GameserverState {
	out := GameserverState{APITokens: tokens, Apps: []App{}, Deployments: []Deployment{}, Sessions: []GameserverSession{}}
	for _, a := range s.Apps {
		app := App{Name: a.Name}
		for _, v := range a.Versions {
			app.Versions = append(app.Versions, AppVersion(v))
		}
		out.Apps = append(out.Apps, app)
	}
	for _, d := range s.Deployments {
		dep := Deployment{RequestID: d.RequestID, PublicIP: d.PublicIP, FQDN: d.FQDN, Status: d.Status,
			Tags: d.Tags, Sockets: d.Sockets, Terminated: d.Terminated}
		if d.Ports != nil {
			dep.Ports = make(map[string]Port, len(d.Ports))
			for k, p := range d.Ports {
				dep.Ports[k] = Port(p)
			}
		}
		if d.Location != nil {
			l := DeploymentLocation(*d.Location)
			dep.Location = &l
		}
		out.Deployments = append(out.Deployments, dep)
	}
	for _, x := range s.Sessions {
		sess := GameserverSession{ID: x.ID, CustomID: x.CustomID, App: x.App, Version: x.Version, Kind: x.Kind,
			DeploymentRequestID: x.DeploymentRequestID, Ready: x.Ready, Error: x.Error, Terminated: x.Terminated,
			WebhookURL: x.WebhookURL, CreateTime: x.CreateTime.UTC().Truncate(time.Microsecond)}
		for _, u := range x.Users {
			user := GameserverUser{IP: u.IP}
			if u.Location != nil {
				user.Location = &Location{Latitude: u.Location.Latitude, Longitude: u.Location.Longitude}
			}
			sess.Users = append(sess.Users, user)
		}
		out.Sessions = append(out.Sessions, sess)
	}
	return out
}
