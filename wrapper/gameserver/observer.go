package gameserver

import (
	"github.com/sessionkit/sessions/wrapper/internal/core"
	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Observer watches a client's calls, for tracing and metrics; see
// sessionkit.Observer for what it is told and when. Package otelsessions
// implements it with OpenTelemetry.
type Observer = sessionkit.Observer

// WithObserver makes the client report every call to o: the operation
// (its OpenAPI operationId), each HTTP attempt and each wait before a
// retry, never a credential, header or body. A program that installs none
// pays one nil check per call. nil is an error. It is a client option.
//
// With OpenTelemetry (package otelsessions):
//
//	obs, err := otelsessions.NewObserver()
//	if err != nil {
//		return err
//	}
//	client, err := gameserver.NewClient(gameserver.WithAPIToken(key), gameserver.WithObserver(obs))
func WithObserver(o Observer) Option { return client(core.Observe(o)) }
