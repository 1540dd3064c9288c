package openapi_test

import (
	"bytes"
	"fmt"

	"github.com/sessionkit/sessions/openapi"
)

// Each document is the YAML file of its name, OpenAPI 3.0.
func Example() {
	for _, doc := range [][]byte{openapi.Zendesk(), openapi.Gameserver()} {
		first, _, _ := bytes.Cut(doc, []byte("\n"))
		fmt.Println(string(first))
	}
	// Output:
	// openapi: 3.0.3
	// openapi: 3.0.3
}
