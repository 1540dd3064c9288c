// Package compilecheck holds tests that compile programs and judge the
// compiler's answer. One proves that the option types of the two API
// clients do not mix: a program passing a Zendesk option to the
// game-server client, or WithWaitReady to a Zendesk call, must not compile
// (the programs are in testdata, which go build ./... skips). The other
// compiles every Go block of README.md as a reader would paste it.
package compilecheck
