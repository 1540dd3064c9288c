package gameserver

import (
	"net/http"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// The operations, as the engine sees them.
var (
	opCreate      = &core.Op{Name: "session-post", Method: http.MethodPost}
	opGet         = &core.Op{Name: "get-session", Method: http.MethodGet}
	opDelete      = &core.Op{Name: "session-delete", Method: http.MethodDelete}
	opUsers       = &core.Op{Name: "get-users-session", Method: http.MethodGet}
	opAddUsers    = &core.Op{Name: "put-users-session", Method: http.MethodPut}
	opRemoveUsers = &core.Op{Name: "delete-users-session", Method: http.MethodDelete}
	opList        = &core.Op{Name: "list-sessions", Method: http.MethodGet}
	opBulkStop    = &core.Op{Name: "sessions-bulk-stop", Method: http.MethodPost, RetrySafe: true}
)
