package gameserver

import (
	"fmt"
	"strconv"
	"time"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// This file is the one converter between the wire and the package's own
// types: decoded bodies (wire.go) into the exported types, and a create
// request into the generated model the request builder takes. A
// regeneration never changes the exported API. Absent and null optional
// fields become zero values.

// deref returns *p, or the zero value for a nil p.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// ptrIf returns &v, or nil when v is the zero value (an optional field left
// out of a request).
func ptrIf[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// sessionFromWire converts a decoded get-session (or webhook) body.
func sessionFromWire(w *wireSession) Session {
	created, _ := parseCreateTime(w.CreateTime)
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
		Users:        usersFromWire(w.SessionUsers),
		IPs:          usersFromWire(w.SessionIPs),
		Deployment:   deploymentFromWire(w.Deployment),
	}
}

// usersFromWire converts a user list; an absent one stays nil. The
// locations of all the users share one allocation.
func usersFromWire(ws []wireUser) []User {
	if ws == nil {
		return nil
	}
	located := 0
	for i := range ws {
		if ws[i].Latitude.set || ws[i].Longitude.set {
			located++
		}
	}
	users := make([]User, len(ws))
	locs := make([]Location, located)
	for i, w := range ws {
		users[i].IP = w.IP
		if w.Latitude.set || w.Longitude.set {
			loc := &locs[len(locs)-located]
			located--
			*loc = Location{Latitude: w.Latitude.v, Longitude: w.Longitude.v}
			users[i].Location = loc
		}
	}
	return users
}

// deploymentFromWire converts a deployment; nil stays nil.
func deploymentFromWire(w *wireDeployment) *Deployment {
	if w == nil {
		return nil
	}
	d := &Deployment{
		RequestID:          w.RequestID,
		PublicIP:           w.PublicIP,
		Status:             w.Status,
		FQDN:               w.FQDN,
		Ready:              w.Ready,
		WhitelistingActive: w.WhitelistingActive,
		Location:           (*DeploymentLocation)(w.Location),
		Tags:               w.Tags,
		Sockets:            w.Sockets,
		SocketsUsage:       w.SocketsUsage,
		JoinableBySession:  w.JoinableBySession,
	}
	if w.Ports != nil {
		d.Ports = make(map[string]Port, len(w.Ports))
		for name, p := range w.Ports {
			var port Port // a null port is a port with nothing known
			if p != nil {
				port = Port(*p)
			}
			d.Ports[name] = port
		}
	}
	return d
}

// createdFromWire converts a decoded session-post body.
func createdFromWire(w *wireCreated) *CreatedSession {
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

// summariesFromWire converts a list-sessions page's sessions; never nil.
func summariesFromWire(ws []wireContext) []SessionSummary {
	items := make([]SessionSummary, len(ws))
	for i, w := range ws {
		items[i] = SessionSummary(w)
	}
	return items
}

// pageFromWire sets a list-sessions page's cursors and total from the
// body's pagination: the next page when has_next (true or absent) and a
// next_page_number are given. A page number below 1 is the server's
// mistake: an error, which the engine reports as a *DecodeError.
func pageFromWire[T any](p *sessionkit.Page[T], w *wireSessions) error {
	p.Total = w.TotalCount
	pg := w.Pagination
	if pg == nil {
		return nil
	}
	if next := pg.NextPageNumber; next != nil && (pg.HasNext == nil || *pg.HasNext) {
		if *next < 1 {
			return fmt.Errorf("pagination.next_page_number is %d, want a page number >= 1", *next)
		}
		p.NextCursor, p.HasMore = strconv.Itoa(*next), true
	}
	if prev := pg.PreviousPageNumber; prev != nil {
		if *prev < 1 {
			return fmt.Errorf("pagination.previous_page_number is %d, want a page number >= 1", *prev)
		}
		p.PrevCursor = strconv.Itoa(*prev)
	}
	return nil
}

// deletedFromWire converts a decoded session-delete body.
func deletedFromWire(w *wireDeleted) *DeletedSession {
	return &DeletedSession{ID: w.SessionID, CustomID: w.CustomID, Message: w.Message}
}

// idsFromWire converts a decoded sessions-bulk-stop body; never nil.
func idsFromWire(w *wireBulkStop) []string {
	ids := make([]string, len(w.Processable))
	for i, p := range w.Processable {
		ids[i] = p.SessionID
	}
	return ids
}

// createToGen converts a validated create request.
func createToGen(r *CreateRequest) ggen.SessionModel {
	m := ggen.SessionModel{
		AppName:                r.AppName,
		VersionName:            ptrIf(r.VersionName),
		IPList:                 r.IPList,
		DeploymentRequestID:    ptrIf(r.DeploymentRequestID),
		City:                   ptrIf(r.City),
		Country:                ptrIf(r.Country),
		Continent:              ptrIf(r.Continent),
		AdministrativeDivision: ptrIf(r.AdministrativeDivision),
		Region:                 ptrIf(r.Region),
		WebhookURL:             ptrIf(r.WebhookURL),
		SkipTelemetry:          ptrIf(r.SkipTelemetry),
	}
	for _, g := range r.GeoIPList {
		m.GeoIPList = append(m.GeoIPList, ggen.GeoIPListModel{IP: g.IP, Latitude: g.Latitude, Longitude: g.Longitude})
	}
	if r.Location != nil {
		m.Location = &ggen.LocationModel{Latitude: r.Location.Latitude, Longitude: r.Location.Longitude}
	}
	for _, s := range r.Selectors {
		gs := ggen.SelectorModel{Tag: s.Tag, TagOnly: ptrIf(s.TagOnly)}
		if s.Env != nil {
			gs.Env = &ggen.SelectorEnvModel{Key: s.Env.Key, Value: s.Env.Value}
		}
		m.Selectors = append(m.Selectors, gs)
	}
	for _, f := range r.Filters {
		m.Filters = append(m.Filters, ggen.SessionFilterModel{
			Field: f.Field, Values: f.Values, FilterType: ggen.SessionFilterModelFilterType(f.Type),
		})
	}
	return m
}
