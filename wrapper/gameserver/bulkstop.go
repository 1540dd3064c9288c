package gameserver

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// StopField is the session attribute a StopFilter matches.
type StopField string

// The fields a bulk stop can filter on.
const (
	// StopBySessionID matches session ids.
	StopBySessionID StopField = "session_id"
	// StopByDeploymentTags matches the tags of the sessions' deployments.
	StopByDeploymentTags StopField = "deployment_tags"
	// StopByRequestID matches the request ids of the sessions' deployments.
	StopByRequestID StopField = "request_id"
)

// StopFilter selects sessions for BulkStop, e.g.
// StopFilter{Field: StopByDeploymentTags, Values: []string{"ranked", "eu"}, Type: FilterAll}.
type StopFilter struct {
	// Field is what to match: StopBySessionID, StopByDeploymentTags or
	// StopByRequestID.
	Field StopField
	// Values are the values to match; at least one.
	Values []string
	// Type is FilterAny, FilterAll or FilterNot.
	Type FilterType
}

// BulkStop deletes every session matching all of filters (POST
// /v1/sessions/bulk-stop, operation sessions-bulk-stop) and returns the ids
// of the sessions it will stop. filters must not be empty, and each filter
// needs a field, a type and at least one value: a bulk stop is permanent.
//
// It is a POST that is harmless to repeat (stopping the same sessions
// twice), retried as RetryPolicy says.
func (s *SessionsService) BulkStop(ctx context.Context, filters []StopFilter, opts ...Option) ([]string, error) {
	if len(filters) == 0 {
		return nil, invalid("filters", nil, "must hold at least one filter")
	}
	payload := ggen.SessionBulkStopPayload{Filters: make([]ggen.SessionBulkStopFiltersPayload, len(filters))}
	for i, f := range filters {
		if err := checkFilter(fmt.Sprintf("filters[%d]", i), string(f.Field), f.Values, f.Type); err != nil {
			return nil, err
		}
		payload.Filters[i] = ggen.SessionBulkStopFiltersPayload{
			Field:      ggen.SessionBulkStopFiltersPayloadField(f.Field),
			Values:     f.Values,
			FilterType: ggen.SessionBulkStopFiltersPayloadFilterType(f.Type),
		}
	}
	var ids []string
	err := s.do(ctx, opts, nil, opBulkStop, func(base string) (*http.Request, error) {
		return ggen.NewSessionsBulkStopRequest(base, payload)
	}, func(r core.Response) error {
		var body ggen.SessionBulkStopResponse
		if err := json.Unmarshal(r.Body, &body); err != nil {
			return err
		}
		ids = make([]string, len(body.Processable))
		for i, p := range body.Processable {
			ids[i] = p.SessionID
		}
		return nil
	})
	return ids, err
}
