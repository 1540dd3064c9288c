package gameservertest

import (
	"time"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
)

// WholeSchemas names the objects the live API sends with every key, null
// or empty when it has no value (custom_id, error, deployment, the
// pagination's neighbour pages, an empty list, ...).
func (*store) WholeSchemas() []string {
	return []string{"SessionRequest", "SessionGet", "SessionContext", "SessionDelete", "Sessions", "Pagination"}
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

func (st *store) wireGet(s *session, now time.Time) ggen.SessionGet {
	users := append([]ggen.SessionUser{}, s.users...)
	w := ggen.SessionGet{
		SessionID:    s.id,
		CustomID:     s.customID,
		Status:       s.status(),
		Ready:        s.ready,
		Linked:       s.ready,
		Kind:         s.kind,
		UserCount:    len(s.users),
		WebhookURL:   s.webhook,
		AppVersion:   s.versionID,
		CreateTime:   pyTime(s.created),
		Elapsed:      int(max(0, now.Sub(s.created)) / time.Second),
		Error:        s.failure,
		SessionIPs:   users,
		SessionUsers: users,
	}
	if s.ready {
		w.Deployment = st.wireDeployment(s.dep)
	}
	return w
}

func wireContext(s *session) ggen.SessionContext {
	return ggen.SessionContext{
		SessionID:           s.id,
		CustomID:            s.customID,
		Status:              s.status(),
		Ready:               s.ready,
		Linked:              s.ready,
		Kind:                s.kind,
		UserCount:           len(s.users),
		WebhookURL:          s.webhook,
		DeploymentRequestID: s.linkedDeployment(),
	}
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
