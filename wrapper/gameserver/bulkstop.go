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
	StopBySessionID      StopField = "session_id"      // session ids
	StopByDeploymentTags StopField = "deployment_tags" // the tags of the sessions' deployments
	StopByRequestID      StopField = "request_id"      // the request ids of the sessions' deployments
)

// StopFilter selects sessions for BulkStop, e.g.
// StopFilter{Field: StopByDeploymentTags, Values: []string{"ranked", "eu"}, Type: FilterAll}.
type StopFilter struct {
	Field  StopField  // what to match: one of the StopBy constants
	Values []string   // the values to match; at least one
	Type   FilterType // FilterAny, FilterAll or FilterNot
}

// BulkStop deletes every session matching all of filters (POST
// /v1/sessions/bulk-stop, operation sessions-bulk-stop) and returns the ids
// of the sessions it will stop. A bulk stop is permanent, so filters must
// not be empty, and each needs a field, a type and at least one value. It
// is a POST harmless to repeat, retried as RetryPolicy says.
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
