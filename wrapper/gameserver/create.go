package gameserver

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// CreateRequest is a request to create a session (the API's SessionModel).
// AppName and at least one user, in IPList or GeoIPList, are required; the
// other fields are optional and left out of the request when zero.
type CreateRequest struct {
	// AppName is the name of the app. Required.
	AppName string
	// VersionName is the name of the app version; the API picks one when
	// empty.
	VersionName string
	// IPList holds the public IPs of the users, IPv4 or IPv6.
	IPList []string
	// GeoIPList holds users whose position is known.
	GeoIPList []GeoIP
	// DeploymentRequestID links the session to an existing deployment.
	DeploymentRequestID string
	// Location is a centroid to place the session's deployment near.
	Location *Location
	// City, Country, Continent, AdministrativeDivision and Region restrict
	// where the deployment runs.
	City                   string
	Country                string
	Continent              string
	AdministrativeDivision string
	Region                 string
	// Selectors are deployment tags (and environment variables) to match.
	Selectors []Selector
	// WebhookURL is POSTed to when the session is linked, unprocessable or
	// in error.
	WebhookURL string
	// Filters restrict the deployments the session may join.
	Filters []Filter
	// SkipTelemetry skips the network telemetry of the users.
	SkipTelemetry bool
}

// GeoIP is a user with a known position.
type GeoIP struct {
	// IP is the user's public IP address.
	IP string
	// Latitude is from -90 to 90.
	Latitude float64
	// Longitude is from -180 to 180.
	Longitude float64
}

// Selector matches a deployment tag, and optionally an environment
// variable.
type Selector struct {
	// Tag is the tag to match, 1 to 20 characters.
	Tag string
	// TagOnly matches the tag only, ignoring Env.
	TagOnly bool
	// Env is an environment variable injected into (or matched on) the
	// deployment; nil for none.
	Env *SelectorEnv
}

// SelectorEnv is an environment variable of a Selector.
type SelectorEnv struct {
	// Key is 1 to 255 characters.
	Key string
	// Value is 1 to 1024 characters.
	Value string
}

// FilterType says how a filter's values are matched.
type FilterType string

// The filter types.
const (
	// FilterAny matches when any of the values matches.
	FilterAny FilterType = "any"
	// FilterAll matches when all of the values match.
	FilterAll FilterType = "all"
	// FilterNot matches when none of the values matches.
	FilterNot FilterType = "not"
)

// Filter restricts the deployments a session may join, e.g.
// Filter{Field: "location.continent", Values: []string{"Europe"}, Type: FilterAny}.
type Filter struct {
	// Field is the deployment field to filter on.
	Field string
	// Values are the values to match; at least one.
	Values []string
	// Type is FilterAny, FilterAll or FilterNot.
	Type FilterType
}

// CreatedSession is the API's answer to a create (its SessionRequest). The
// session is not ready yet: WaitReady waits for it, or create with
// WithWaitReady.
type CreatedSession struct {
	// ID is the new session's id.
	ID string
	// CustomID is the session's custom id, when it has one.
	CustomID string
	// App and Version name the session's app and app version.
	App     string
	Version string
	// DeploymentRequestID is the deployment the session was linked to at
	// creation, when the request named one.
	DeploymentRequestID string
	// WebhookURL is the session's webhook URL, when it has one.
	WebhookURL string
	// Selectors are the session's selectors.
	Selectors []Selector
	// Ready is the session once ready, when Create was called with
	// WithWaitReady; nil otherwise.
	Ready *Session
}

// validate checks the request before any I/O.
func (r *CreateRequest) validate() error {
	if r.AppName == "" {
		return invalid("CreateRequest.AppName", r.AppName, "must not be empty")
	}
	if len(r.IPList) == 0 && len(r.GeoIPList) == 0 {
		return invalid("CreateRequest.IPList", nil, "must hold at least one IP address (or give GeoIPList)")
	}
	for i, ip := range r.IPList {
		if err := checkIP(fmt.Sprintf("CreateRequest.IPList[%d]", i), ip); err != nil {
			return err
		}
	}
	for i, g := range r.GeoIPList {
		name := fmt.Sprintf("CreateRequest.GeoIPList[%d]", i)
		if err := checkIP(name+".IP", g.IP); err != nil {
			return err
		}
		if err := checkLatLng(name, g.Latitude, g.Longitude); err != nil {
			return err
		}
	}
	if r.Location != nil {
		if err := checkLatLng("CreateRequest.Location", r.Location.Latitude, r.Location.Longitude); err != nil {
			return err
		}
	}
	for i, s := range r.Selectors {
		name := fmt.Sprintf("CreateRequest.Selectors[%d]", i)
		if err := checkLength(name+".Tag", s.Tag, 1, 20); err != nil {
			return err
		}
		if s.Env != nil {
			if err := checkLength(name+".Env.Key", s.Env.Key, 1, 255); err != nil {
				return err
			}
			if err := checkLength(name+".Env.Value", s.Env.Value, 1, 1024); err != nil {
				return err
			}
		}
	}
	for i, f := range r.Filters {
		if err := checkFilter(fmt.Sprintf("CreateRequest.Filters[%d]", i), f.Field, f.Values, f.Type); err != nil {
			return err
		}
	}
	return nil
}

// Create creates a session (POST /v1/session, operation session-post) and
// returns the API's answer. The session is not ready yet: with
// WithWaitReady, Create also waits for it (see WaitReady) and sets
// CreatedSession.Ready.
//
// Create is a POST that is not harmless to repeat: RetryPolicy says when
// it is retried, and WithRetryNonIdempotent opts in to more. A 400 can
// mean the app version is disabled. The API's refusals are *APIErrors
// matching a sentinel: 400 ErrBadRequest, 401 ErrUnauthorized, 404
// ErrNotFound (no such app or app version), 409 ErrConflict (the same users
// are already being matched), 422 ErrUnprocessable (a request the API
// cannot carry out) and 500 ErrServer.
//
// When the session was created but the wait failed, Create returns both the
// CreatedSession (so that its ID can be deleted) and a *WaitError.
func (s *SessionsService) Create(ctx context.Context, req *CreateRequest, opts ...Option) (*CreatedSession, error) {
	var argErr error
	if req == nil {
		argErr = invalid("req", nil, "must not be nil")
	} else {
		argErr = req.validate()
	}
	c, l, err := s.call(forCreate, opts, argErr)
	if err != nil {
		return nil, err
	}
	var created *CreatedSession
	err = c.Do(ctx, opCreate, func(base string) (*http.Request, error) {
		return ggen.NewSessionPostRequest(base, createToGen(req))
	}, func(r core.Response) error {
		var body ggen.SessionRequest
		if err := json.Unmarshal(r.Body, &body); err != nil {
			return err
		}
		created = createdFromGen(&body)
		return nil
	})
	if err != nil || !l.wait {
		return created, err
	}
	ready, err := waitReady(ctx, c, created.ID, l.poll)
	if err != nil {
		return created, err
	}
	created.Ready = ready
	return created, nil
}
