package zendesk

import (
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// invalid is an *InvalidArgumentError of this package.
func invalid(name string, value any, reason string) error {
	return core.Invalid("zendesk", name, value, reason)
}
