package gameserver

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// The one converter between the generated wire models and the exported
// types, so that a regeneration never changes the exported API. Absent and
// null read as zero; presence shows only where it counts: a linked
// deployment, a user's coordinates and the pagination's neighbour pages.

// sessionFromGen converts a decoded get-session (or webhook) body.
func sessionFromGen(w *ggen.SessionGet) Session {
	created, _ := parseCreateTime(w.CreateTime)
	users, ips := usersFromGen(w.SessionUsers, w.SessionIPs)
	return Session{
		ID:           w.SessionID,
		CustomID:     w.CustomID,
		Status:       w.Status,
		Ready:        w.Ready,
		Linked:       w.Linked,
		Kind:         w.Kind,
		UserCount:    w.UserCount,
		AppVersionID: w.AppVersion,
		CreateTime:   created,
		Elapsed:      time.Duration(w.Elapsed) * time.Second,
		Error:        w.Error,
		WebhookURL:   w.WebhookURL,
		Users:        users,
		IPs:          ips,
		Deployment:   deploymentFromGen(w.Deployment),
	}
}

// usersFromGen converts two user lists (a session's session_users and
// session_ips); an absent one stays nil. A user has a Location when the API
// gave either coordinate. The users of both lists share one allocation, and
// so do their locations; each list's capacity ends at its length.
func usersFromGen(a, b []ggen.SessionUser) (ua, ub []User) {
	both, located := [2][]ggen.SessionUser{a, b}, 0
	for _, l := range both {
		for _, w := range l {
			if w.Latitude != nil || w.Longitude != nil {
				located++
			}
		}
	}
	users, locs := make([]User, 0, len(a)+len(b)), make([]Location, 0, located)
	for _, l := range both {
		for _, w := range l {
			users = append(users, User{IP: w.IP})
			if w.Latitude != nil || w.Longitude != nil {
				locs = append(locs, Location{Latitude: deref(w.Latitude), Longitude: deref(w.Longitude)})
				users[len(users)-1].Location = &locs[len(locs)-1]
			}
		}
	}
	if a != nil {
		ua = users[:len(a):len(a)]
	}
	if b != nil {
		ub = users[len(a):]
	}
	return ua, ub
}

// deref returns *p, or 0 for a nil p.
func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

// deploymentFromGen converts a deployment; nil stays nil, and so does a
// location the API left out.
func deploymentFromGen(w *ggen.Deployment) *Deployment {
	if w == nil {
		return nil
	}
	// The deployment and its location share one allocation.
	both := new(struct {
		d Deployment
		l DeploymentLocation
	})
	d := &both.d
	*d = Deployment{
		RequestID:          w.RequestID,
		PublicIP:           w.PublicIP,
		Status:             w.Status,
		FQDN:               w.FQDN,
		Ready:              w.Ready,
		WhitelistingActive: w.WhitelistingActive,
		Tags:               w.Tags,
		Sockets:            w.Sockets,
		SocketsUsage:       w.SocketsUsage,
		JoinableBySession:  w.IsJoinableBySession,
	}
	if l := w.Location; l != (ggen.DeploymentLocation{}) {
		d.Location = &both.l
		*d.Location = DeploymentLocation{
			City: l.City, Country: l.Country, Continent: l.Continent, AdministrativeDivision: l.AdministrativeDivision,
			Timezone: l.Timezone, Latitude: l.Latitude, Longitude: l.Longitude,
		}
	}
	if w.Ports != nil {
		d.Ports = make(map[string]Port, len(w.Ports))
		for name, p := range w.Ports { // a null port is a port with nothing known
			d.Ports[name] = Port{External: p.External, Internal: p.Internal, Protocol: p.Protocol, Name: p.Name,
				Link: p.Link, TLSUpgrade: p.TLSUpgrade, Proxy: p.Proxy}
		}
	}
	return d
}

// createdFromGen converts a decoded session-post body.
func createdFromGen(w *ggen.SessionRequest) *CreatedSession {
	c := &CreatedSession{
		ID:                  w.SessionID,
		CustomID:            w.CustomID,
		App:                 w.App,
		Version:             w.Version,
		DeploymentRequestID: w.DeploymentRequestID,
		WebhookURL:          w.WebhookURL,
	}
	if w.Selectors != nil {
		c.Selectors = make([]Selector, len(w.Selectors))
		for i, s := range w.Selectors {
			c.Selectors[i] = Selector{Tag: s.Tag, TagOnly: s.TagOnly, Env: (*SelectorEnv)(s.Env)}
		}
	}
	return c
}

// pageFromGen converts a list-sessions answer to page asked (1 for the
// first). Its sessions are kept whatever its pagination says. More pages
// follow when has_next (true or absent) and a next_page_number are given;
// the next page is always asked+1, so the listing neither loops nor skips.
// When next_page_number is not asked+1 (the vendor's own example says 0),
// the listing goes on only while paginator.num_pages says there are more
// pages; otherwise the page comes with an error that ends the listing.
func pageFromGen(p *sessionkit.Page[SessionSummary], w *ggen.Sessions, asked int) error {
	p.Items = make([]SessionSummary, len(w.Data))
	for i, s := range w.Data {
		p.Items[i] = SessionSummary{ID: s.SessionID, CustomID: s.CustomID, Status: s.Status, Kind: s.Kind,
			Ready: s.Ready, Linked: s.Linked, UserCount: s.UserCount,
			DeploymentRequestID: s.DeploymentRequestID, WebhookURL: s.WebhookURL}
	}
	p.Total = w.TotalCount
	pg := w.Pagination
	if asked > 1 && (pg.HasPrevious || pg.PreviousPageNumber != nil) {
		p.PrevCursor = strconv.Itoa(asked - 1)
	}
	if pg.NextPageNumber == nil || (pg.HasNext != nil && !*pg.HasNext) {
		return nil
	}
	p.NextCursor, p.HasMore = strconv.Itoa(asked+1), true
	if next := *pg.NextPageNumber; next != asked+1 && pg.Paginator.NumPages <= asked {
		return fmt.Errorf("pagination.next_page_number is %d after page %d, and paginator.num_pages (%d) does not say page %d exists: the listing stops here (ListOptions.Page %d resumes it)",
			next, asked, pg.Paginator.NumPages, asked+1, asked+1)
	}
	return nil
}

// createToGen converts a validated create request.
func createToGen(r *CreateRequest) ggen.SessionModel {
	m := ggen.SessionModel{
		AppName:                r.AppName,
		VersionName:            r.VersionName,
		IPList:                 r.IPList,
		DeploymentRequestID:    r.DeploymentRequestID,
		City:                   r.City,
		Country:                r.Country,
		Continent:              r.Continent,
		AdministrativeDivision: r.AdministrativeDivision,
		Region:                 r.Region,
		WebhookURL:             r.WebhookURL,
		SkipTelemetry:          r.SkipTelemetry,
	}
	for _, g := range r.GeoIPList {
		m.GeoIPList = append(m.GeoIPList, ggen.GeoIPListModel(g))
	}
	m.Location = (*ggen.LocationModel)(r.Location)
	for _, s := range r.Selectors {
		m.Selectors = append(m.Selectors, ggen.SelectorModel{Tag: s.Tag, TagOnly: s.TagOnly, Env: (*ggen.SelectorEnvModel)(s.Env)})
	}
	for _, f := range r.Filters {
		m.Filters = append(m.Filters, ggen.SessionFilterModel{
			Field: f.Field, Values: f.Values, FilterType: ggen.SessionFilterModelFilterType(f.Type),
		})
	}
	return m
}

// parseCreateTime parses a session's create_time into a UTC time; ok is
// false when it is in none of the known forms: Python's str(datetime)
// ("2024-05-26 12:00:45.831041": space separator, microseconds left out when
// zero, no zone meaning UTC, or an offset for an aware datetime),
// isoformat() with a "T", and RFC 3339. time.Parse accepts a fractional
// second after the seconds even when the layout has none.
func parseCreateTime(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	layouts := [...]string{
		"2006-01-02 15:04:05",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05Z0700",
		"2006-01-02T15:04:05",
		time.RFC3339Nano,
		"2006-01-02T15:04:05Z0700",
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
