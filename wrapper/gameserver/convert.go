package gameserver

import (
	"time"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
)

// This file converts the generated wire types into the package's own, at
// the boundary, so that a regeneration never changes the exported API.
// Absent and null optional fields become zero values.

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

// sessionFromWire converts a decoded get-session body.
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
		Users:        usersFromGen(w.SessionUsers),
		IPs:          usersFromGen(w.SessionIPs),
		Deployment:   w.Deployment,
	}
}

// usersFromGen converts a user list; an absent one stays nil.
func usersFromGen(gs []ggen.SessionUser) []User {
	if gs == nil {
		return nil
	}
	users := make([]User, len(gs))
	for i, g := range gs {
		users[i] = User{IP: g.IP}
		if g.Latitude != nil || g.Longitude != nil {
			users[i].Location = &Location{Latitude: deref(g.Latitude), Longitude: deref(g.Longitude)}
		}
	}
	return users
}

func summaryFromGen(g ggen.SessionContext) SessionSummary {
	return SessionSummary{
		ID:                  g.SessionID,
		CustomID:            deref(g.CustomID),
		Status:              g.Status,
		Kind:                g.Kind,
		Ready:               g.Ready,
		Linked:              g.Linked,
		UserCount:           g.UserCount,
		DeploymentRequestID: deref(g.DeploymentRequestID),
		WebhookURL:          deref(g.WebhookURL),
	}
}

func createdFromGen(g ggen.SessionRequest) CreatedSession {
	c := CreatedSession{
		ID:                  g.SessionID,
		CustomID:            deref(g.CustomID),
		App:                 g.App,
		Version:             g.Version,
		DeploymentRequestID: deref(g.DeploymentRequestID),
		WebhookURL:          deref(g.WebhookURL),
	}
	if g.Selectors != nil {
		c.Selectors = make([]Selector, len(g.Selectors))
		for i, s := range g.Selectors {
			c.Selectors[i] = Selector{Tag: s.Tag, TagOnly: deref(s.TagOnly)}
			if s.Env != nil {
				c.Selectors[i].Env = &SelectorEnv{Key: s.Env.Key, Value: s.Env.Value}
			}
		}
	}
	return c
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
