package gameservertest

import (
	"net/http"
	"strconv"
	"time"

	ggen "github.com/sessionkit/sessions/gen/gameserver"

	"github.com/sessionkit/sessions/api/internal/fakeapi"
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
	case s.Error != "":
		return "Unprocessable"
	case s.Ready:
		return "Ready"
	}
	return "Waiting"
}

// wireUsers is users as the API lists them.
func wireUsers(users []User) []ggen.SessionUser {
	out := []ggen.SessionUser{}
	for _, u := range users {
		w := ggen.SessionUser{IP: u.IP}
		if l := u.Location; l != nil {
			w.Latitude, w.Longitude = &l.Latitude, &l.Longitude
		}
		out = append(out, w)
	}
	return out
}

func usersReply(s *session) *fakeapi.Reply {
	return fakeapi.JSON(http.StatusOK, ggen.SessionUserContext{SessionUsers: wireUsers(s.Users)})
}

func (st *store) wireGet(s *session, now time.Time) ggen.SessionGet {
	users := wireUsers(s.Users)
	w := ggen.SessionGet{
		SessionID:    s.ID,
		CustomID:     s.CustomID,
		Status:       s.status(),
		Ready:        s.Ready,
		Linked:       s.Ready,
		Kind:         s.Kind,
		UserCount:    len(s.Users),
		WebhookURL:   s.WebhookURL,
		AppVersion:   s.versionID,
		CreateTime:   pyTime(s.CreateTime),
		Elapsed:      int(max(0, now.Sub(s.CreateTime)) / time.Second),
		Error:        s.Error,
		SessionIPs:   users,
		SessionUsers: users,
	}
	if s.Ready {
		w.Deployment = st.wireDeployment(s.dep)
	}
	return w
}

func wireContext(s *session) ggen.SessionContext {
	w := ggen.SessionContext{
		SessionID:  s.ID,
		CustomID:   s.CustomID,
		Status:     s.status(),
		Ready:      s.Ready,
		Linked:     s.Ready,
		Kind:       s.Kind,
		UserCount:  len(s.Users),
		WebhookURL: s.WebhookURL,
	}
	if s.Ready {
		w.DeploymentRequestID = s.dep.RequestID
	}
	return w
}

func (st *store) wireDeployment(d *deployment) *ggen.Deployment {
	w := &ggen.Deployment{
		RequestID:           d.RequestID,
		PublicIP:            d.PublicIP,
		Status:              d.Status,
		Ready:               !d.Terminated,
		IsJoinableBySession: !d.Terminated,
		FQDN:                d.FQDN,
		Ports:               make(map[string]ggen.PortMapping, len(d.Ports)),
		Tags:                d.Tags,
	}
	for name, p := range d.Ports {
		m := ggen.PortMapping{Name: name, Protocol: p.Protocol, TLSUpgrade: p.TLSUpgrade,
			External: p.External, Internal: p.Internal, Proxy: p.Proxy}
		if p.External != 0 {
			m.Link = d.FQDN + ":" + strconv.Itoa(p.External)
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
	return w
}
