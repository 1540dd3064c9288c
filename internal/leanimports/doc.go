// Package leanimports holds a test that keeps the wrappers lean: a program
// that imports only wrapper/zendesk, or only wrapper/gameserver, must not
// link kin-openapi, gorilla/mux, any YAML library or OpenTelemetry (which
// only wrapper/otelsessions imports); and one importing only
// wrapper/gameserver must not link golang.org/x/oauth2 (only Zendesk takes a
// token source).
//
// Those modules are what the test servers and the contract suite use to load
// and validate the OpenAPI documents; they would reach every user's binary if
// a generated client package embedded the spec again, or if a wrapper
// imported package openapi or one of the test servers. The test builds one
// tiny program per wrapper with the go command, reads the modules linked into
// it (what "go version -m" prints) and fails naming every module that should
// not be there and the package that pulled it in.
//
// The package has no API; it exists for its test.
package leanimports
