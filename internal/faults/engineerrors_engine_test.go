package faults

import (
	"errors"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// connectionError reports whether err is the API's *ConnectionError,
// matched by errors.Is(err, ErrConnection) too, and its Attempts.
func connectionError(api string, err error) (attempts int, ok bool) {
	if api == apiZendesk {
		e, ok := errors.AsType[*zendesk.ConnectionError](err)
		if !ok || !errors.Is(err, zendesk.ErrConnection) {
			return 0, false
		}
		return e.Attempts, true
	}
	e, ok := errors.AsType[*gameserver.ConnectionError](err)
	if !ok || !errors.Is(err, gameserver.ErrConnection) {
		return 0, false
	}
	return e.Attempts, true
}

// redirectError reports whether err is the API's *RedirectError, with its
// StatusCode and Location.
func redirectError(api string, err error) (status int, location string, ok bool) {
	if api == apiZendesk {
		e, ok := errors.AsType[*zendesk.RedirectError](err)
		if !ok {
			return 0, "", false
		}
		return e.StatusCode, e.Location, true
	}
	e, ok := errors.AsType[*gameserver.RedirectError](err)
	if !ok {
		return 0, "", false
	}
	return e.StatusCode, e.Location, true
}
