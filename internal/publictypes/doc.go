// Package publictypes holds, in its tests only, the rules the wrappers'
// exported types follow: none carries a JSON tag (the wrappers decode the
// wire into the generated models of gen/ and convert them), and each one
// survives a json.Marshal and json.Unmarshal round trip with every field
// set. It has no code of its own.
package publictypes
