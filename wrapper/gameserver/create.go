package gameserver

import (
	"cmp"
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
	AppName             string    // the name of the app; required
	VersionName         string    // the name of the app version; the API picks one when empty
	IPList              []string  // the public IPs of the users, IPv4 or IPv6
	GeoIPList           []GeoIP   // users whose position is known
	DeploymentRequestID string    // links the session to an existing deployment
	Location            *Location // a centroid to place the session's deployment near
	// City, Country, Continent, AdministrativeDivision and Region restrict
	// where the deployment runs.
	City                   string
	Country                string
	Continent              string
	AdministrativeDivision string
	Region                 string
	Selectors              []Selector // deployment tags (and environment variables) to match
	WebhookURL             string     // POSTed to when the session is linked, unprocessable or in error
	Filters                []Filter   // restrict the deployments the session may join
	SkipTelemetry          bool       // skips the network telemetry of the users
}

// GeoIP is a user with a known position.
type GeoIP struct {
	IP        string  // the user's public IP address
	Latitude  float64 // from -90 to 90
	Longitude float64 // from -180 to 180
}

// Selector matches a deployment tag, and optionally an environment
// variable.
type Selector struct {
	Tag     string       // the tag to match, 1 to 20 characters
	TagOnly bool         // matches the tag only, ignoring Env
	Env     *SelectorEnv // a variable injected into (or matched on) the deployment; nil for none
}

// SelectorEnv is an environment variable of a Selector.
type SelectorEnv struct {
	Key   string // 1 to 255 characters
	Value string // 1 to 1024 characters
}

// FilterType says how a filter's values are matched.
type FilterType string

// The filter types.
const (
	FilterAny FilterType = "any" // any of the values matches
	FilterAll FilterType = "all" // all of the values match
	FilterNot FilterType = "not" // none of the values matches
)

// Filter restricts the deployments a session may join, e.g.
// Filter{Field: "location.continent", Values: []string{"Europe"}, Type: FilterAny}.
type Filter struct {
	Field  string     // the deployment field to filter on
	Values []string   // the values to match; at least one
	Type   FilterType // FilterAny, FilterAll or FilterNot
}

// CreatedSession is the API's answer to a create (its SessionRequest). The
// session is not ready yet: WaitReady waits for it, or create with
// WithWaitReady.
type CreatedSession struct {
	ID                  string     // the new session's id
	CustomID            string     // the session's custom id, when it has one
	App                 string     // the session's app
	Version             string     // the session's app version
	DeploymentRequestID string     // the deployment linked at creation, when the request named one
	WebhookURL          string     // the session's webhook URL, when it has one
	Selectors           []Selector // the session's selectors
	Ready               *Session   // the session once ready, with WithWaitReady; nil otherwise
}

// validate checks the request before any I/O: the first error, in field
// order.
func (r *CreateRequest) validate() error {
	if r.AppName == "" {
		return invalid("CreateRequest.AppName", r.AppName, "must not be empty")
	}
	if len(r.IPList) == 0 && len(r.GeoIPList) == 0 {
		return invalid("CreateRequest.IPList", nil, "must hold at least one IP address (or give GeoIPList)")
	}
	var errs []error
	for i, ip := range r.IPList {
		errs = append(errs, checkIP(fmt.Sprintf("CreateRequest.IPList[%d]", i), ip))
	}
	for i, g := range r.GeoIPList {
		name := fmt.Sprintf("CreateRequest.GeoIPList[%d]", i)
		errs = append(errs, checkIP(name+".IP", g.IP), checkLatLng(name, g.Latitude, g.Longitude))
	}
	if r.Location != nil {
		errs = append(errs, checkLatLng("CreateRequest.Location", r.Location.Latitude, r.Location.Longitude))
	}
	for i, s := range r.Selectors {
		name := fmt.Sprintf("CreateRequest.Selectors[%d]", i)
		errs = append(errs, checkLength(name+".Tag", s.Tag, 1, 20))
		if s.Env != nil {
			errs = append(errs, checkLength(name+".Env.Key", s.Env.Key, 1, 255),
				checkLength(name+".Env.Value", s.Env.Value, 1, 1024))
		}
	}
	for i, f := range r.Filters {
		errs = append(errs, checkFilter(fmt.Sprintf("CreateRequest.Filters[%d]", i), f.Field, f.Values, f.Type))
	}
	return cmp.Or(errs...)
}

// Create creates a session (POST /v1/session, operation session-post) and
// returns the API's answer. The session is not ready yet: with
// WithWaitReady, Create also waits for it (see WaitReady) and sets
// CreatedSession.Ready; when that wait fails, Create returns both the
// CreatedSession (so that it can be deleted) and a *WaitError.
//
// It is a POST not harmless to repeat: see RetryPolicy and
// WithRetryNonIdempotent. A 400 may mean a disabled app version, a 404 no
// such app or version, a 409 that the same users are being matched.
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
