package core

// ClientShell is what every wrapper's Client is beside its services:
// embedded through an unexported alias, it gives the Client BaseURL,
// CloseIdleConnections, String and GoString, written once. It holds only
// a pointer and a name, so a Client prints no secret with any verb even
// without String; String and GoString describe its settings, without
// credentials. A zero ClientShell (a Client not made by NewClient) is
// safe to use.
type ClientShell struct {
	engine *Engine
	name   string // "zendesk.Client"
}

// NewClientShell returns the shell of the wrapper client named name (such
// as "zendesk.Client") that sends through e.
func NewClientShell(e *Engine, name string) ClientShell { return ClientShell{e, name} }

// BaseURL returns the URL the client sends its requests to, without a
// trailing slash; "" for a client not made by NewClient.
func (s ClientShell) BaseURL() string { return s.engine.BaseURL() }

// CloseIdleConnections closes the idle connections of the client's HTTP
// client, when it has such a method (*http.Client does).
func (s ClientShell) CloseIdleConnections() { s.engine.CloseIdleConnections() }

// String describes the client's settings, without credentials.
func (s ClientShell) String() string {
	if s.name == "" {
		return "Client(nil)"
	}
	return s.engine.describe(s.name)
}

// GoString is String, so %#v never shows a credential either.
func (s ClientShell) GoString() string { return s.String() }
