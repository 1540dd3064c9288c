package gameservertest

import (
	"fmt"
	"hash/fnv"
)

// hexID makes a 12-hex-digit id, like the live API's, from a sequence number
// and a kind, so that ids are the same from run to run.
func hexID(kind string, n int64) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d", kind, n)
	return fmt.Sprintf("%012x", h.Sum64()&(1<<48-1))
}

// versionID is the numeric id of an app version that was not given one.
func versionID(app, version string) int64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%s", app, version)
	return int64(h.Sum64()%900000) + 100000
}
