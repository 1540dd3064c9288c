// Package openapi holds the hand-written OpenAPI 3.0 documents of the two
// APIs this module speaks: Zendesk Support sessions and Edgegap v1
// game-server sessions. They are the source of truth from which gen/ is
// generated, against which the in-memory test servers (api/zendesktest,
// api/gameservertest) validate every request and response, and which the
// contract suite checks the wrappers against.
//
// The documents are embedded here, in a package of their own, rather than in
// the generated client packages: a program that imports only a wrapper links
// neither the documents nor an OpenAPI or YAML library. Only code that asks
// for a document (the test servers, the contract suite) pays for it.
//
// Each function returns a fresh copy of the YAML bytes, so a caller may
// modify what it gets without affecting anyone else.
package openapi

import _ "embed"

// The documents are embedded as strings, which are immutable; the functions
// below hand out copies.
var (
	//go:embed zendesk-sessions.yaml
	zendeskYAML string

	//go:embed gameserver-sessions.yaml
	gameserverYAML string
)

// File names of the documents in this directory.
const (
	ZendeskFile    = "zendesk-sessions.yaml"
	GameserverFile = "gameserver-sessions.yaml"
)

// Zendesk returns the OpenAPI document (YAML) of the Zendesk Support
// sessions API, the file zendesk-sessions.yaml.
func Zendesk() []byte { return []byte(zendeskYAML) }

// Gameserver returns the OpenAPI document (YAML) of the Edgegap v1
// game-server sessions API, the file gameserver-sessions.yaml.
func Gameserver() []byte { return []byte(gameserverYAML) }
