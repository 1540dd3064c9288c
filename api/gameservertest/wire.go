package gameservertest

import (
	"time"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
)

// The response bodies as the live API sends them. The generated models omit
// absent values; the wire carries explicit nulls (custom_id, error,
// deployment, the pagination's neighbour pages), which clients must handle,
// so the server sends them.

// wireSessionRequest is the answer to session-post.
type wireSessionRequest struct {
	SessionID           string               `json:"session_id"`
	CustomID            *string              `json:"custom_id"`
	App                 string               `json:"app"`
	Version             string               `json:"version"`
	DeploymentRequestID *string              `json:"deployment_request_id"`
	WebhookURL          *string              `json:"webhook_url"`
	Selectors           []ggen.SelectorModel `json:"selectors"`
}

// wireSessionHead holds the fields a session has in get-session and in
// list-sessions alike.
type wireSessionHead struct {
	SessionID  string  `json:"session_id"`
	CustomID   *string `json:"custom_id"`
	Status     string  `json:"status"`
	Ready      bool    `json:"ready"`
	Linked     bool    `json:"linked"`
	Kind       string  `json:"kind"`
	UserCount  int     `json:"user_count"`
	WebhookURL *string `json:"webhook_url"`
}

// wireSessionGet is the answer to get-session.
type wireSessionGet struct {
	wireSessionHead
	AppVersion   int64              `json:"app_version"`
	CreateTime   string             `json:"create_time"`
	Elapsed      int                `json:"elapsed"`
	Error        *string            `json:"error"`
	SessionIPs   []ggen.SessionUser `json:"session_ips"`
	SessionUsers []ggen.SessionUser `json:"session_users"`
	Deployment   *ggen.Deployment   `json:"deployment"`
}

// wireSessionContext is a session in list-sessions.
type wireSessionContext struct {
	wireSessionHead
	DeploymentRequestID *string `json:"deployment_request_id"`
}

// wireSessions is the answer to list-sessions.
type wireSessions struct {
	Data       []wireSessionContext `json:"data"`
	TotalCount int                  `json:"total_count"`
	Pagination wirePagination       `json:"pagination"`
}

type wirePagination struct {
	Number             int            `json:"number"`
	NextPageNumber     *int           `json:"next_page_number"`
	PreviousPageNumber *int           `json:"previous_page_number"`
	Paginator          ggen.Paginator `json:"paginator"`
	HasNext            bool           `json:"has_next"`
	HasPrevious        bool           `json:"has_previous"`
}

// pyTime formats a time as Python's str(datetime) in UTC, the way the API
// does: "2024-05-26 12:00:45.831041", or without the fraction when it is
// zero, as Python leaves it out then.
func pyTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/1000 == 0 {
		return t.Format(time.DateTime)
	}
	return t.Format("2006-01-02 15:04:05.000000")
}

// orNull maps "" to a JSON null.
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// status is a session's free-string status.
func (s *session) status() string {
	switch {
	case s.failure != "":
		return "Unprocessable"
	case s.ready:
		return "Ready"
	}
	return "Waiting"
}

func (s *session) linkedDeployment() string {
	if s.ready {
		return s.dep.RequestID
	}
	return ""
}

func (s *session) head() wireSessionHead {
	return wireSessionHead{
		SessionID:  s.id,
		CustomID:   orNull(s.customID),
		Status:     s.status(),
		Ready:      s.ready,
		Linked:     s.ready,
		Kind:       s.kind,
		UserCount:  len(s.users),
		WebhookURL: orNull(s.webhook),
	}
}

func (st *store) wireGet(s *session, now time.Time) wireSessionGet {
	users := append([]ggen.SessionUser{}, s.users...)
	w := wireSessionGet{
		wireSessionHead: s.head(),
		AppVersion:      s.versionID,
		CreateTime:      pyTime(s.created),
		Elapsed:         int(max(0, now.Sub(s.created)) / time.Second),
		Error:           orNull(s.failure),
		SessionIPs:      users,
		SessionUsers:    users,
	}
	if s.ready {
		w.Deployment = st.wireDeployment(s.dep)
	}
	return w
}

func wireContext(s *session) wireSessionContext {
	return wireSessionContext{wireSessionHead: s.head(), DeploymentRequestID: orNull(s.linkedDeployment())}
}

func (st *store) wireDeployment(d *deployment) *ggen.Deployment {
	w := &ggen.Deployment{
		RequestID:          d.RequestID,
		PublicIP:           d.PublicIP,
		Status:             d.Status,
		Ready:              !d.Terminated,
		WhitelistingActive: false,
		FQDN:               d.FQDN,
		Ports:              make(map[string]ggen.PortMapping, len(d.Ports)),
		Tags:               d.Tags,
	}
	for name, p := range d.Ports {
		m := ggen.PortMapping{Name: name, Protocol: p.Protocol, TLSUpgrade: p.TLSUpgrade,
			External: p.External, Internal: p.Internal, Proxy: p.Proxy}
		if p.External != 0 {
			m.Link = d.FQDN + ":" + itoa(p.External)
		}
		w.Ports[name] = m
	}
	if l := d.Location; l != nil {
		w.Location = ggen.DeploymentLocation{
			City: l.City, Country: l.Country, Continent: l.Continent,
			AdministrativeDivision: l.AdministrativeDivision, Timezone: l.Timezone,
			Latitude: l.Latitude, Longitude: l.Longitude,
		}
	}
	if d.Sockets > 0 {
		w.Sockets, w.SocketsUsage = d.Sockets, st.usage(d)
	}
	w.IsJoinableBySession = !d.Terminated
	return w
}
