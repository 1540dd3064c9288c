// Package compilecheck holds a test proving that the option types of the
// two API clients do not mix: a program passing a Zendesk option to the
// game-server client, or WithWaitReady to a Zendesk call, must not
// compile. The programs are in testdata, which go build ./... skips.
package compilecheck
