package gameservertest

import (
	"github.com/sessionkit/sessions/api/internal/fakeapi"

	"fmt"
	"net/http"
	"slices"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
)

// SessionsBulkStop stops every live session that matches all the filters and
// lists them. A stopped session is terminated: gone from listings and
// lookups, and deleting it answers 410. Repeating a bulk stop is safe: the
// second one finds nothing left to stop.
//
// A filter looks at one field of a session: its id (session_id), its
// deployment's request id (request_id) or its deployment's tags
// (deployment_tags). filter_type any matches when the field has one of the
// values, all when it has every one of them, not when it has none.
func (h *handlers) SessionsBulkStop(w http.ResponseWriter, r *http.Request) {
	var b ggen.SessionsBulkStopJSONRequestBody
	if fakeapi.Decode(w, r, &b) {
		fakeapi.Send(w, h.st.bulkStop(b.Filters))
	}
}

// bulkStop answers a bulk stop.
func (st *store) bulkStop(filters []ggen.SessionBulkStopFiltersPayload) *fakeapi.Reply {
	if len(filters) == 0 {
		return message(http.StatusBadRequest, "filters must hold at least one filter")
	}
	for _, f := range filters {
		if len(f.Values) == 0 {
			return message(http.StatusBadRequest, fmt.Sprintf("the %s filter has no values", f.Field))
		}
	}
	stopped := []ggen.SessionBulkStopProcessable{}
	for _, s := range st.activeByAge() {
		if matchesAll(s, filters) {
			s.terminated = true
			stopped = append(stopped, ggen.SessionBulkStopProcessable{SessionID: s.id})
		}
	}
	return fakeapi.JSON(http.StatusOK, ggen.SessionBulkStopResponse{Processable: stopped})
}

func matchesAll(s *session, filters []ggen.SessionBulkStopFiltersPayload) bool {
	for _, f := range filters {
		if !matches(s, f) {
			return false
		}
	}
	return true
}

func matches(s *session, f ggen.SessionBulkStopFiltersPayload) bool {
	var have []string
	switch f.Field {
	case ggen.BulkStopFieldSessionID:
		have = []string{s.id}
	case ggen.BulkStopFieldRequestID:
		have = []string{s.dep.RequestID}
	case ggen.BulkStopFieldDeploymentTags:
		have = s.dep.Tags
	}
	has := func(v string) bool { return slices.Contains(have, v) }
	switch f.FilterType {
	case ggen.BulkStopFilterAny:
		return slices.ContainsFunc(f.Values, has)
	case ggen.BulkStopFilterAll:
		return !slices.ContainsFunc(f.Values, func(v string) bool { return !has(v) })
	case ggen.BulkStopFilterNot:
		return !slices.ContainsFunc(f.Values, has)
	}
	return false
}
