package main

import (
	"context"
	"os"
	"strings"
)

// The players of a session of the demo data, as a table.
func Example_gameserverUsers() {
	run(context.Background(), []string{"gameserver", "users", "--demo", "000000dea001-S"}, strings.NewReader(""), os.Stdout, os.Stderr)
	// Output:
	// IP            LATITUDE  LONGITUDE
	// 198.51.100.1  -         -
}

// A bulk stop, with --json: one line per session stopped, the summary on
// stderr.
func Example_bulkStop() {
	run(context.Background(), []string{"gs", "bulk-stop", "--demo", "--json", "--field", "session_id", "--type", "any", "000000dea003-S"},
		strings.NewReader(""), os.Stdout, os.Stderr)
	// Output:
	// {"id":"000000dea003-S","ok":true}
}
