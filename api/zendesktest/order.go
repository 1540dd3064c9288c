package zendesktest

import (
	"cmp"
	"fmt"
	"strings"
)

// order is a sort order of sessions, as the sort parameter names it: a
// field, with a leading '-' for descending. Ties break on the id.
type order struct {
	spec  string // "id", "-authenticated_at", ...
	field string
	desc  bool
}

// sortKey is a session's position in an order: the field's value, then the id.
type sortKey [2]int64

func parseOrder(spec string) (order, error) {
	if spec == "" {
		spec = "id"
	}
	o := order{spec: spec, field: strings.TrimPrefix(spec, "-"), desc: strings.HasPrefix(spec, "-")}
	switch o.field {
	case "id", "authenticated_at":
		return o, nil
	}
	return order{}, fmt.Errorf("sort %q is not supported: use id or authenticated_at, with a leading - for descending", spec)
}

func (o order) key(s Session) sortKey {
	if o.field == "authenticated_at" {
		return sortKey{s.AuthenticatedAt.Unix(), s.ID}
	}
	return sortKey{s.ID, s.ID}
}

// compare orders two keys: negative when a comes first.
func (o order) compare(a, b sortKey) int {
	c := cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	if o.desc {
		return -c
	}
	return c
}
