package gameserver

import (
	"cmp"
	"fmt"
	"math"
	"net/netip"
	"unicode/utf8"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Argument checks, run before any request. Each error names the argument.

// checkSessionID rejects the session ids that cannot name a session on its
// route: the empty id, and "." and "..", which URL resolution would remove
// from the path (GET /v1/session/.. is GET /v1/). Every other id is
// path-escaped by the generated client and stays on its route.
func checkSessionID(id string) error {
	switch id {
	case "":
		return invalid("sessionID", id, "must not be empty")
	case ".", "..":
		return invalid("sessionID", id, "must not be a dot segment")
	}
	return nil
}

// checkUsers checks the arguments of AddUsers and RemoveUsers: the first
// error, in order.
func checkUsers(sessionID string, ips []string) error {
	errs := []error{checkSessionID(sessionID)}
	if len(ips) == 0 {
		errs = append(errs, invalid("ips", nil, "must hold at least one IP address"))
	}
	for i, ip := range ips {
		errs = append(errs, checkIP(fmt.Sprintf("ips[%d]", i), ip))
	}
	return cmp.Or(errs...)
}

// checkIP requires an IPv4 or IPv6 address.
func checkIP(name, ip string) error {
	if _, err := netip.ParseAddr(ip); err != nil {
		return invalid(name, ip, "is not an IP address")
	}
	return nil
}

// checkLatLng requires a latitude within ±90 and a longitude within ±180.
func checkLatLng(name string, lat, lng float64) error {
	if math.IsNaN(lat) || lat < -90 || lat > 90 {
		return invalid(name+".Latitude", lat, "must be from -90 to 90")
	}
	if math.IsNaN(lng) || lng < -180 || lng > 180 {
		return invalid(name+".Longitude", lng, "must be from -180 to 180")
	}
	return nil
}

// checkFilter requires a field, at least one value and a filter type.
func checkFilter(name, field string, values []string, typ FilterType) error {
	if field == "" {
		return invalid(name+".Field", field, "must not be empty")
	}
	if len(values) == 0 {
		return invalid(name+".Values", nil, "must hold at least one value")
	}
	if typ != FilterAny && typ != FilterAll && typ != FilterNot {
		return invalid(name+".Type", string(typ), `must be "any", "all" or "not"`)
	}
	return nil
}

// checkLength requires a string of min to max characters (code points, as
// the API's schema counts them).
func checkLength(name, s string, min, max int) error {
	if n := utf8.RuneCountInString(s); n < min || n > max {
		return invalid(name, s, fmt.Sprintf("must be %d to %d characters long", min, max))
	}
	return nil
}

// invalid is an *InvalidArgumentError of this package.
func invalid(name string, value any, reason string) error {
	return core.Invalid("gameserver", name, value, reason)
}
